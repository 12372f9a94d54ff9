// Bundles the CLI, the language server and the VS Code client into dist/ as CommonJS.
// unified and remark (ESM-only) are used by tests only and stay out of the bundles (scripts/bundle.mjs).
import { existsSync } from 'node:fs';
import { bundle, entries } from './bundle.mjs';

for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await bundle(e, { minify: process.argv.includes('--minify') });
}
