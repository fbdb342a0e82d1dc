#!/usr/bin/env node
'use strict';
require('../server/out/cli/main.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    // One line, with any control characters from a file's text shown as escapes (SPEC §3).
    const message = err && err.message ? err.message : String(err);
    const safe = require('../server/out/cli/terminal.js').terminalSafe(message);
    process.stderr.write(`charter-lint: internal error: ${safe}\n`);
    process.exitCode = 2;
  }
);
