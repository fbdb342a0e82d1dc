#!/usr/bin/env node
'use strict';
// `charter-lint-server --stdio` in a clone of the repository: the language server from the
// compiled server/out, started the same way as the published package's bin (server/bin/launch.js).
require('../server/bin/launch.js').defaultToStdio();
require('../server/out/lsp/main.js');
