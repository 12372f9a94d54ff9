/**
 * `npm run test:vscode`: runs the extension-host suite (test/vscode/suite) in a real VS Code on
 * this machine: VS Code 1.100's server build from the code-server package, with its web
 * workbench opened in headless Chromium. The workbench's remote extension host loads the
 * extension from this repository and calls the suite's `run()`; the host's exit code (logged
 * by the server) and the results file say how it went. Writes test-results/vscode/.
 *
 * Environment: SCALING_PLAN_SKIP_BUILD=1 (dist/ is fresh), SCALING_PLAN_TEST_FILTER=text (run
 * only the tests whose name contains it), SCALING_PLAN_TEST_TIMEOUT (ms, whole run).
 */
import { build } from 'esbuild';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Results } from './suite/harness';
import { buildExtension, CHROMIUM, CHROMIUM_ARGS, clearResults, ensureCodeServer, ensureDir, FIXTURES, freePort, log, Proc, RESULTS, ROOT, workDir } from './env';

/** Bundles the extension-host suite (with `vscode` external) into `dir`; returns the module's path. */
export async function bundleSuite(dir: string): Promise<string> {
  const outfile = join(dir, 'suite', 'index.js');
  await build({
    entryPoints: [join(ROOT, 'test', 'vscode', 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

async function main(): Promise<number> {
  const started = Date.now();
  const codeServer = ensureCodeServer();
  buildExtension();
  const work = workDir('vscode');
  try {
    return await runSuite(codeServer, work.dir, started);
  } finally {
    work.remove();
  }
}

async function runSuite(codeServer: string, work: string, started: number): Promise<number> {
  const suite = await bundleSuite(work);
  const base = clearResults(join(RESULTS, 'vscode'));
  const workspace = join(work, 'workspace');
  cpSync(join(FIXTURES, 'workspace'), workspace, { recursive: true });
  // Written in the private folder, copied to test-results/vscode/ at the end.
  const resultsPath = join(work, 'results.json');

  const port = await freePort();
  const server = new Proc(
    process.execPath,
    [
      join(codeServer, 'lib', 'vscode', 'out', 'server-main.js'),
      '--host', '127.0.0.1',
      '--port', String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--disable-telemetry',
      '--user-data-dir', ensureDir(join(work, 'user-data')),
      '--server-data-dir', ensureDir(join(work, 'server-data')),
      '--extensions-dir', ensureDir(join(work, 'extensions')),
    ],
    { env: { ...process.env, SCALING_PLAN_TEST_RESULTS: resultsPath, SCALING_PLAN_SEEDS: join(ROOT, '..', 'shared', 'seeds') }, logPath: join(work, 'server.log') },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  let exitCode: number | undefined;
  try {
    await server.waitFor(/Extension host agent listening on (\d+)/, 60_000, 'the server to listen');
    const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(suite)],
    ]);
    const page = await browser.newPage();
    const consoleLog: string[] = [];
    page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
    log(`VS Code server on 127.0.0.1:${port}; opening the workbench with the suite`);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    const timeout = Number(process.env.SCALING_PLAN_TEST_TIMEOUT ?? 300_000);
    try {
      const m = await server.waitFor(/Extension Host Process exited with code: (\d+)/, timeout, 'the extension host to exit');
      exitCode = Number(m[1]);
    } finally {
      await page.screenshot({ path: join(work, 'workbench.png') }).catch(() => undefined);
      writeFileSync(join(work, 'browser-console.log'), consoleLog.join('\n') + '\n');
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  for (const f of ['results.json', 'server.log', 'browser-console.log', 'workbench.png']) if (existsSync(join(work, f))) cpSync(join(work, f), join(base, f));
  const results: Results | undefined = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : undefined;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!results) {
    log(`no results file: the suite did not run (extension host exit code ${exitCode}); see test-results/vscode/server.log`);
    return 1;
  }
  for (const t of results.tests) {
    process.stdout.write(`${t.ok ? '✔' : '✖'} ${t.name} (${t.ms} ms)\n`);
    if (!t.ok) process.stdout.write(`${indent(t.error ?? '')}\n`);
    for (const note of t.knownBugs ?? []) process.stdout.write(`    ⚠ ${note}\n`);
  }
  process.stdout.write(`\nextension-host suite in VS Code ${results.vscodeVersion}: ${results.passed} passed, ${results.failed} failed${results.knownBugs ? `, ${results.knownBugs} known bug${results.knownBugs === 1 ? '' : 's'} (todo)` : ''} (workspace ${results.workspaceTrusted ? 'trusted' : 'untrusted'}), ${seconds} s\n`);
  // The remote extension host exits with 0 even when run() rejects: the results file decides.
  return results.failed === 0 && results.passed > 0 ? 0 : 1;
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      log(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
