// One process of `npm test` (scripts/test.mjs): loads the test files named on its command line
// (under tsx) in one go, so that node:test runs them all in this process.
'use strict';
const { resolve } = require('node:path');

for (const file of process.argv.slice(2)) require(resolve(file));
