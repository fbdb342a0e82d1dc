/**
 * Rule documentation, offline first: a diagnostic's code link (LSP `codeDescription.href`, the
 * web page docs/rules/<id>.md) is rewritten to the same page shipped inside the extension
 * (docs/rules/** is in the .vsix), so the link works without a network and shows the page of the
 * installed version. Kept free of the `vscode` module so `npm test` checks it directly.
 */

/** The rule id of a rule page's address (`…/docs/rules/unknown-role.md#x` → `unknown-role`). */
export function ruleIdOfDocsUrl(href: string): string | undefined {
  const match = /\/docs\/rules\/([a-z0-9][a-z0-9-]*)\.md(?:[?#].*)?$/.exec(href);
  return match?.[1];
}

/**
 * The address a diagnostic's code link should open: the extension's own copy of the rule page
 * (`<extensionRoot>/docs/rules/<id>.md`, extensionRoot being the extension's folder as a URI
 * string) when `shipped(id)` says the extension holds it; otherwise `href` unchanged (another
 * address, or a page this version does not ship).
 */
export function localDocsHref(href: string, extensionRoot: string, shipped: (ruleId: string) => boolean): string {
  const id = ruleIdOfDocsUrl(href);
  if (!id || !shipped(id)) return href;
  return `${extensionRoot.replace(/\/+$/, '')}/docs/rules/${id}.md`;
}
