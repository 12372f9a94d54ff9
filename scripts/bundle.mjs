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
  // dist/server.js answers `initialize` with the protocol library alone; the rest of the server
  // (dist/server-core.js) is loaded on `initialized` (server/src/main.ts).
  { in: 'server/src/main.ts', out: 'dist/server.js', compact: true },
  // The core uses the protocol library of dist/server.js (one copy: its classes are the same).
  { in: 'server/src/server.ts', out: 'dist/server-core.js', compact: true, sharedProtocol: true },
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

/** Where dist/server.js leaves its `vscode-languageserver/node` for dist/server-core.js (server/src/main.ts). */
export const SHARED_PROTOCOL = '__scalingPlanProtocol';

/** Resolves `vscode-languageserver/node` to the copy dist/server.js has loaded. */
const sharedProtocol = {
  name: 'shared-protocol',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageserver\/node$/ }, () => ({ path: 'vscode-languageserver/node', namespace: 'shared-protocol' }));
    build.onLoad({ filter: /.*/, namespace: 'shared-protocol' }, () => ({
      contents: `const p = globalThis.${SHARED_PROTOCOL}; if (!p) throw new Error('dist/server-core.js is loaded by dist/server.js'); module.exports = p;`,
      loader: 'js',
    }));
  },
};

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
    plugins: entry.sharedProtocol ? [sharedProtocol] : [],
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
