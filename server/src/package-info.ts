/**
 * The product's identity, read from one place: the CLI package's own package.json
 * (server/package.json, published as `charter-lint`). The CLI's `--version`, the language server's
 * `serverInfo`, SARIF's tool version and the HTML report's generator all take VERSION from here.
 *
 * The compiled output (server/out/package-info.js) reads ../package.json when loaded; esbuild
 * resolves the same require at build time and inlines the file into each bundle (dist/server.js
 * of the extension, dist/charter-lint.js of the CLI package), so a bundle carries the version it
 * was built from. test/cli/package.test.mjs checks that the root (extension) and client
 * package.json files carry the same version.
 */
interface PackageManifest {
  version: string;
  homepage: string;
  bugs: { url: string };
}

// `require` of a JSON file returns `any`; the shape above is what server/package.json declares
// (the package test reads the same fields).
const manifest = require('../package.json') as PackageManifest;

/** The version of the CLI, the language server and the extension (they are released together). */
export const VERSION: string = manifest.version;

/** The product's web page (package.json `homepage`): the one base for links to it. */
export const HOMEPAGE: string = manifest.homepage;

/**
 * The project's web address without the page fragment (`…/org-charter-lint#readme` →
 * `…/org-charter-lint`): the base of the rule pages on the web (DOCS_BASE_URL) and SARIF's
 * `informationUri`. No other source file spells a URL of the project (test/cli/urls.test.mjs).
 */
export const PROJECT_URL: string = HOMEPAGE.replace(/[#?].*$/, '').replace(/\/+$/, '');

/** Where to report a problem (package.json `bugs.url`). */
export const BUGS_URL: string = manifest.bugs.url;
