#!/usr/bin/env node
'use strict';
// `charter-lint` in a clone of the repository: the CLI from the compiled server/out (what the tests
// run), started the same way as the published package's bin (server/bin/launch.js).
require('../server/bin/launch.js').runCli({
  main: require('../server/out/cli/main.js').main,
  terminalSafe: (text) => require('../server/out/cli/terminal.js').terminalSafe(text),
});
