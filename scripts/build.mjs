// Bundles the CLI, the language server and the VS Code client into dist/ as CommonJS.
// unified and remark are ESM-only; bundling them avoids ERR_REQUIRE_ESM in the extension host.
import { existsSync } from 'node:fs';
import { bundle, entries } from './bundle.mjs';

for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await bundle(e, { minify: process.argv.includes('--minify') });
}
