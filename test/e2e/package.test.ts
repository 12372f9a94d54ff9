/**
 * The npm package: what `npm pack` ships, and `npm install -g .` from a fresh clone (a copy of
 * the files git tracks, without node_modules or dist/) into a temporary prefix, after which the
 * installed `scaling-plan` checks samples/ exactly as the sources do. The install fetches the
 * runtime dependencies and esbuild from the registry (or npm's cache): scripts/prepare.mjs.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import packageJson from '../../package.json';
import { main } from '../../src/cli/main';
import { ROOT } from '../helpers';

describe('the npm package', () => {
  it('ships both commands with their bundles, the rule docs, and no sources, tests or source maps', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).sort();
    for (const needed of ['bin/scaling-plan.js', 'bin/scaling-plan-server.js', 'dist/cli.js', 'dist/server.js', 'dist/server-core.js', 'dist/server-worker.js', 'schemas/scaling-plan.schema.json', 'schemas/cli-output.schema.json', 'docs/rules/totals.md', 'package.json', 'README.md', 'LICENSE']) {
      assert.ok(files.includes(needed), `${needed} is not in the package: ${files.join(', ')}`);
    }
    assert.deepEqual(files.filter((f) => /^(src|test|client\/src|server\/src|bench|scripts|samples|node_modules)\/|\.map$|\.ts$/.test(f)), []);
    // Each bin requires a bundle that is shipped.
    for (const b of ['bin/scaling-plan.js', 'bin/scaling-plan-server.js']) {
      const target = /require\('\.\.\/(dist\/[\w.]+)'\)/.exec(readFileSync(join(ROOT, b), 'utf8'))?.[1];
      assert.ok(target && files.includes(target), `${b} requires ${target}`);
    }
  });
});

describe('npm install -g . from a fresh clone', () => {
  const work = mkdtempSync(join(tmpdir(), 'scaling-plan-install-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('installs both commands, and `scaling-plan check samples/` reports what the sources report', { timeout: 600_000 }, async () => {
    // The working tree as a clone has it: tracked and new files, nothing ignored (no dist/).
    const clone = join(work, 'clone');
    const tracked = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(tracked.status, 0, tracked.stderr);
    for (const f of tracked.stdout.split('\0').filter(Boolean)) {
      mkdirSync(dirname(join(clone, f)), { recursive: true });
      try {
        copyFileSync(join(ROOT, f), join(clone, f));
      } catch {
        // Deleted in the working tree but not yet in the index.
      }
    }
    const prefix = join(work, 'prefix');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '.'], { cwd: clone, encoding: 'utf8' });
    assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}`);

    const version = spawnSync(join(prefix, 'bin', 'scaling-plan'), ['--version'], { encoding: 'utf8' });
    assert.deepEqual([version.status, version.stdout], [0, `${packageJson.version}\n`]);

    let stdout = '';
    let stderr = '';
    const code = await main(['check', 'samples/'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: ROOT });
    const installed = spawnSync(join(prefix, 'bin', 'scaling-plan'), ['check', 'samples/'], { cwd: clone, encoding: 'utf8' });
    assert.deepEqual({ code: installed.status, stdout: installed.stdout, stderr: installed.stderr }, { code, stdout, stderr });
    assert.ok(stdout.length > 0, 'the samples have findings');

    // The language server starts and answers `initialize` over stdio.
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const server = spawn(join(prefix, 'bin', 'scaling-plan-server'), ['--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const answer = await new Promise<string>((resolve) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('"capabilities"')) resolve(out);
      });
      server.on('close', () => resolve(out));
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
    server.kill();
    assert.match(answer, /"id":1,"result":\{"capabilities":/);
  });
});
