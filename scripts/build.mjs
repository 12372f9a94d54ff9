// Bundles the CLI, the language server and the VS Code client into dist/ as CommonJS.
// unified and remark are ESM-only; bundling them avoids ERR_REQUIRE_ESM in the extension host.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  minify: process.argv.includes('--minify'),
};

const entries = [
  { in: 'src/cli/main.ts', out: 'dist/cli.js' },
  { in: 'server/src/main.ts', out: 'dist/server.js' },
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
];

for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await build({ ...common, entryPoints: [e.in], outfile: e.out, external: e.external ?? [] });
}
