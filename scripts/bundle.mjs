// Bundles with esbuild (runtime dependencies inside, no node_modules needed):
// - the VS Code extension: client and language server into one dist/extension.js, which the
//   one-line dist/server.js starts the server from (both shipped in the .vsix);
// - the CLI package (server/, published as `charter-lint`): the CLI and the language server into
//   one server/dist/charter-lint.js, with the built-in model and schemas copied to server/schemas/
//   and the LICENSE beside them, so `npm pack` in server/ has everything its `files` list names.
// The repository's own bin/ keeps running the tsc output (server/out) that the tests also use.
//
//   node scripts/bundle.mjs                 both, development (source maps for the extension)
//   node scripts/bundle.mjs --production    both, minified (npm run package)
//   node scripts/bundle.mjs --cli-package   the CLI package only (its prepack script)
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => path.join(root, ...parts);

const production = process.argv.includes('--production');
const cliOnly = process.argv.includes('--cli-package');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  logLevel: 'warning',
};
const extension = { ...common, sourcemap: !production, minify: production };
// The published package: minified, no source maps, the same in every mode (what `npm pack` ships
// is what the tests install). Names are kept so stack traces of an internal error stay readable.
const cliPackage = { ...common, sourcemap: false, minify: true, keepNames: true };

/** The built-in model and the JSON Schemas, and the licence, inside the CLI package. */
function copyPackageAssets() {
  const schemas = at('server', 'schemas');
  fs.rmSync(schemas, { recursive: true, force: true });
  fs.mkdirSync(schemas, { recursive: true });
  for (const name of fs.readdirSync(at('schemas'))) {
    if (name.endsWith('.json') || name.endsWith('.yaml')) fs.copyFileSync(at('schemas', name), path.join(schemas, name));
  }
  fs.copyFileSync(at('LICENSE'), at('server', 'LICENSE'));
}

const builds = [
  // One bundle for both commands of the CLI package (they share the core, yaml and ajv):
  // bin/charter-lint.js runs main(), bin/charter-lint-server.js calls startServer(), which loads
  // the language server (a module esbuild evaluates only when it is first required).
  esbuild.build({
    ...cliPackage,
    stdin: {
      contents: [
        "export { main } from './cli/main';",
        "export { terminalSafe } from './cli/terminal';",
        "export function startServer(): void { require('./lsp/main'); }",
      ].join('\n'),
      resolveDir: at('server', 'src'),
      sourcefile: 'cli-package-entry.ts',
      loader: 'ts',
    },
    outfile: at('server', 'dist', 'charter-lint.js'),
  }),
];
if (!cliOnly) {
  // One bundle for the extension's client and its language server: both carry vscode-jsonrpc and
  // the LSP protocol and types (~120 KB minified), which one bundle holds once (the .vsix stays
  // under 300 KB). Each side is loaded only when first required, so the server process never
  // loads `vscode` nor the client, and the extension host never starts a server in-process.
  // dist/server.js, the module the client forks (and tests, bench and other editors run), is a
  // one-line stub that starts the server from it.
  builds.push(
    esbuild.build({
      ...extension,
      stdin: {
        contents: [
          "exports.activate = (context) => require('./client/src/extension').activate(context);",
          "exports.deactivate = () => require('./client/src/extension').deactivate();",
          "exports.startServer = () => { require('./server/src/lsp/main'); };",
        ].join('\n'),
        resolveDir: root,
        sourcefile: 'extension-entry.js',
        loader: 'js',
      },
      outfile: at('dist', 'extension.js'),
      external: ['vscode'],
    })
  );
  fs.mkdirSync(at('dist'), { recursive: true });
  fs.rmSync(at('dist', 'server.js.map'), { force: true });
  fs.writeFileSync(at('dist', 'server.js'), '"use strict";\n// The language server, from the bundle it shares with the client (scripts/bundle.mjs).\nrequire("./extension.js").startServer();\n');
}
copyPackageAssets();
await Promise.all(builds);
