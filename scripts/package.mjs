// `npm run package`: bundles the client and the server (minified) and packs the VS Code
// extension into <name>-<version>.vsix at the repository root with @vscode/vsce, then reads the
// archive back, checks what it holds and prints its size.
//
//   node scripts/package.mjs [--no-build] [--out FILE]
//
// --no-build packs dist/ as it is (when it was just built, e.g. by `npm test`). The bundles
// already contain every runtime dependency, so vsce runs with --no-dependencies and nothing
// from node_modules goes in; .vscodeignore lists what does.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { inflateRawSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'Usage: node scripts/package.mjs [--no-build] [--out FILE]\n';
let args;
try {
  args = parseArgs({ options: { 'no-build': { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }).values;
} catch (err) {
  process.stderr.write(`package: ${err.message.split('\n')[0]}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = args.out ? resolve(args.out) : join(root, `${pkg.name}-${pkg.version}.vsix`);
const MAX_BYTES = 5 * 1024 * 1024;

/** Files the extension cannot work without (paths inside the archive, under extension/). */
const REQUIRED = [
  'package.json',
  'README.md',
  pkg.main.replace(/^\.\//, ''),
  'dist/server.js',
  'dist/server-core.js',
  'dist/server-worker.js',
  ...pkg.contributes.grammars.map((g) => g.path.replace(/^\.\//, '')),
  ...pkg.contributes.snippets.map((s) => s.path.replace(/^\.\//, '')),
  ...pkg.contributes.yamlValidation.map((v) => v.url.replace(/^\.\//, '')),
  ...pkg.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown)),
  pkg.icon,
  'docs/frontmatter.md',
  // The rule docs that each finding links to (Show Rule Documentation opens them offline).
  ...readdirSync(join(root, 'docs', 'rules')).filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f}`),
  // The images of the README, which is also the extension's page: relative paths, in the package.
  ...[...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((p) => !/^[a-z]+:/i.test(p)),
];

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function run(cmd, argv) {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fail(`${[cmd, ...argv].join(' ')} exited with ${r.status ?? r.signal}`);
}

if (!args['no-build']) run(process.execPath, ['scripts/build.mjs', '--minify']);
for (const file of REQUIRED) if (!existsSync(join(root, file))) fail(`${file} is missing`);

const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// README image paths stay relative: the installed extension's page shows them from the package.
const vsceArgs = ['package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out];
if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(root, f)))) vsceArgs.push('--skip-license');
run(process.execPath, [vsce, ...vsceArgs]);

// Read the archive's central directory: what is really inside.
const zip = readFileSync(out);
const entries = zipEntries(zip);
const names = entries.map((e) => e.name);
// vsce stores README.md as readme.md.
const inside = new Set(names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length).toLowerCase()));
for (const file of REQUIRED) if (!inside.has(file.toLowerCase())) fail(`${file} is not in ${out}`);
const modules = names.filter((n) => n.includes('node_modules/'));
if (modules.length > 0) fail(`node_modules files in the package: ${modules.slice(0, 5).join(', ')}`);
const stray = names.filter((n) => /\.(?:map|ts|vsix)$/.test(n) && !n.endsWith('.d.ts'));
if (stray.length > 0) fail(`files that do not belong in the package: ${stray.slice(0, 5).join(', ')}`);
const manifest = JSON.parse(entryText(zip, entries.find((e) => e.name === 'extension/package.json')));
if (manifest.main !== pkg.main) fail('the packaged package.json differs from the repository one');

const size = statSync(out).size;
const unpacked = entries.reduce((s, e) => s + e.size, 0);
const shown = out.startsWith(root + '/') ? out.slice(root.length + 1) : out;
console.log(`${shown}: ${(size / 1024).toFixed(1)} KB (${entries.length} files, ${(unpacked / 1024).toFixed(1)} KB unpacked)`);
for (const e of entries.filter((x) => x.name.startsWith('extension/dist/'))) console.log(`  ${e.name.slice('extension/'.length)}: ${(e.size / 1024).toFixed(1)} KB`);
if (size > MAX_BYTES) fail(`the package is ${(size / 1048576).toFixed(2)} MB, above the 5 MB budget`);

/** Entries of a zip file from its central directory: name, sizes, where the data is. */
function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) fail('the .vsix is not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const list = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) fail('corrupt zip central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    list.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), method, compressed, size, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return list;
}

function entryText(buf, entry) {
  if (!entry) fail('extension/package.json is not in the package');
  const start = entry.offset + 30 + buf.readUInt16LE(entry.offset + 26) + buf.readUInt16LE(entry.offset + 28);
  const data = buf.subarray(start, start + entry.compressed);
  return (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8');
}
