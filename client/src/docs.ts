/**
 * Rule documentation, offline first: a diagnostic's code link (LSP `codeDescription.href`, the
 * web page docs/rules/<id>.md) is rewritten to a command link that opens the same page shipped
 * inside the extension (docs/rules/** is in the .vsix) in the Markdown preview, as the "Show
 * documentation" quick fix does: it works without a network and shows the installed version's
 * page. VS Code's hover and Problems panel open a diagnostic's link with command links allowed.
 * Kept free of the `vscode` module so `npm test` checks it directly.
 */

/** The command that opens a rule's page (the extension's copy, else `url` on the web). */
export const OPEN_RULE_DOCS_COMMAND = 'orgCharter.openRuleDocs';

/** The rule id of a rule page's address (`…/docs/rules/unknown-role.md#x` → `unknown-role`). */
export function ruleIdOfDocsUrl(href: string): string | undefined {
  const match = /\/docs\/rules\/([a-z0-9][a-z0-9-]*)\.md(?:[?#].*)?$/.exec(href);
  return match?.[1];
}

/**
 * The address a diagnostic's code link should open: `command:orgCharter.openRuleDocs?[id, href]`
 * when `shipped(id)` says the extension holds the rule's page; otherwise `href` unchanged (another
 * address, or a page this version does not ship).
 */
export function localDocsHref(href: string, shipped: (ruleId: string) => boolean): string {
  const id = ruleIdOfDocsUrl(href);
  if (!id || !shipped(id)) return href;
  return `command:${OPEN_RULE_DOCS_COMMAND}?${encodeURIComponent(JSON.stringify([id, href]))}`;
}
