// `prepare`: builds dist/ (the CLI, the language server and the VS Code client bundles). npm runs
// it after `npm install` in a clone, and when installing the folder: `npm install -g .`.
//
// In a clone whose dependencies are installed this is `node scripts/build.mjs`. `npm install -g .`
// links the folder into the global prefix without installing its dependencies, and the bundles
// need them (esbuild to build, and the runtime dependencies that go into the bundles). So when
// esbuild cannot be loaded here:
// - dist/ newer than every source (an earlier build): nothing to do, the bundles are complete;
// - otherwise (a fresh clone): the runtime dependencies are installed from package-lock.json
//   (`npm ci --omit=dev`), esbuild at its locked version into node_modules/.cache, and dist/
//   is built with them. The installed commands need nothing else: each bundle holds every
//   runtime dependency.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundle, entries } from './bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const esbuild = await import('esbuild').catch(() => undefined);
if (esbuild) {
  await buildAll(esbuild);
} else if (fresh()) {
  console.error('prepare: dist/ is up to date with the sources; esbuild is not installed, nothing to build');
} else {
  await buildAll(await installBuildTools());
}

async function buildAll(esbuildModule) {
  for (const e of entries) if (existsSync(e.in)) await bundle(e, { root, esbuild: esbuildModule });
}

/** Every bundle exists and is newer than every source file that goes into it. */
function fresh() {
  const built = entries.map((e) => join(root, e.out));
  if (!built.every((f) => existsSync(f))) return false;
  const oldest = Math.min(...built.map((f) => statSync(f).mtimeMs));
  const sources = ['src', 'server/src', 'client/src'].map((d) => newest(join(root, d)));
  return Math.max(...sources, statSync(join(root, 'package.json')).mtimeMs) <= oldest;
}

function newest(dir) {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Installs the runtime dependencies and esbuild (both as locked); returns the esbuild module. */
async function installBuildTools() {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/esbuild']?.version;
  if (!version) fail('package-lock.json does not lock esbuild');
  // The npm running this script: its global and prefix settings are for the outer install.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(global|prefix|location|save|omit|include|install_links)$/i.test(k)));
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const run = (args) => {
    console.error(`prepare: npm ${args.join(' ')}`);
    const r = spawnSync(npm[0], [...npm.slice(1), ...args], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) fail(`npm ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  };
  console.error('prepare: building dist/ in a fresh clone: installing the runtime dependencies and esbuild first');
  run(['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund']);
  const tools = join(root, 'node_modules', '.cache', 'scaling-plan', `esbuild-${version}`);
  run(['install', '--prefix', tools, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `esbuild@${version}`]);
  return import(pathToFileURL(join(tools, 'node_modules', 'esbuild', 'lib', 'main.js')).href);
}

function fail(message) {
  console.error(`prepare: ${message}`);
  process.exit(1);
}
