#!/usr/bin/env node
'use strict';
// `charter-lint`: the CLI, from the bundle built by scripts/bundle.mjs (dist/charter-lint.js).
require('./launch.js').runCli(require('../dist/charter-lint.js'));
