#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI through tsx, so no build step is needed. TSX_TSCONFIG_PATH points tsx at the
// repo's tsconfig (for the @vs/* aliases) whatever the caller's working directory is.
const path = require('node:path');
const root = path.join(__dirname, '..');
process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(root, 'tsconfig.json');
require('tsx/cjs');
require(path.join(root, 'apps/cli/src/main.ts'));
