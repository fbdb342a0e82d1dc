'use strict';
// How the two commands start, shared by the package's bins (bin/*.js here, which load the bundles
// in ../dist) and the repository's bins (../../bin/*.js, which load the compiled ../out), so a
// clone and an installed package behave the same.

/**
 * Runs the CLI (`cli` has `main(argv)` resolving to an exit code, and `terminalSafe(text)`).
 * An unexpected error is one line on stderr, with any control characters from a file's text shown
 * as escapes (SPEC §3), and exit status 2.
 */
exports.runCli = function runCli(cli) {
  cli.main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      const message = err && err.message ? err.message : String(err);
      process.stderr.write(`charter-lint: internal error: ${cli.terminalSafe(message)}\n`);
      process.exitCode = 2;
    }
  );
};

/**
 * The language server for editors other than VS Code speaks LSP over stdio unless a transport is
 * named (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`); call before loading the server.
 */
exports.defaultToStdio = function defaultToStdio() {
  const named = (arg) => arg === '--stdio' || ['--node-ipc', '--socket', '--pipe'].some((t) => arg.startsWith(t));
  if (!process.argv.some(named)) {
    process.argv.push('--stdio');
  }
};
