// How each bundle in dist/ is built: shared by scripts/build.mjs and the tests' on-demand build
// of the server (test/fixtures/server/lsp-client.ts).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * remark and unified are devDependencies: the engine requires them only in createRemarkParse,
 * the reference reading for tests. They stay out of every bundle.
 */
const TEST_ONLY = ['unified', 'remark-parse', 'remark-gfm', 'remark-frontmatter'];

export const entries = [
  { in: 'src/cli/main.ts', out: 'dist/cli.js' },
  // V8 keeps a running script's source in memory, two bytes a character when any is not ASCII:
  // the server's bundle is built without whitespace and comments, and ASCII only (see ascii()).
  { in: 'server/src/main.ts', out: 'dist/server.js', compact: true },
  // The analysis thread of a large document (server/src/remote.ts), started from dist/server.js.
  { in: 'server/src/worker.ts', out: 'dist/server-worker.js', compact: true },
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
];

/**
 * `code` with each character outside ASCII written as a `\uXXXX` escape. esbuild escapes them in
 * strings already; what is left is in regular expressions and in the `String.raw` sources of
 * regular expressions, where the escape means the same character.
 */
function ascii(code) {
  return code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Builds one entry of {@link entries} (files written atomically: tests may build in parallel).
 * `esbuild` is the esbuild module to use (scripts/prepare.mjs passes one it installed); by
 * default the project's devDependency.
 */
export async function bundle(entry, { root = process.cwd(), minify = false, esbuild } = {}) {
  const { build } = esbuild ?? (await import('esbuild'));
  const result = await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    minify,
    minifyWhitespace: minify || !!entry.compact,
    absWorkingDir: root,
    entryPoints: [entry.in],
    outfile: entry.out,
    external: [...TEST_ONLY, ...(entry.external ?? [])],
    write: false,
  });
  for (const file of result.outputFiles) {
    const text = entry.compact && file.path.endsWith('.js') ? ascii(file.text) : file.text;
    mkdirSync(dirname(file.path), { recursive: true });
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file.path);
  }
}
