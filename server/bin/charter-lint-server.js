#!/usr/bin/env node
'use strict';
// `charter-lint-server --stdio`: the language server for editors other than VS Code, from the
// bundle built by scripts/bundle.mjs (dist/charter-lint.js).
require('./launch.js').defaultToStdio();
require('../dist/charter-lint.js').startServer();
