/**
 * `npm run test:vscode`: runs the extension-host suite (test/vscode/suite) in a real VS Code on
 * this machine: VS Code 1.100's server build from the code-server package, with its web
 * workbench opened in headless Chromium. The workbench's remote extension host loads the
 * extension from this repository and calls the suite's `run()`; the host's exit code (logged
 * by the server) and the results file say how it went. Writes test-results/vscode/.
 *
 * `--reference-server` runs the extension with the reference protocol handlers
 * (test/vscode/reference) added to its server.
 *
 * Environment: SCALING_PLAN_SKIP_BUILD=1 (dist/ is fresh), SCALING_PLAN_TEST_FILTER=text (run
 * only the tests whose name contains it), SCALING_PLAN_TEST_TIMEOUT (ms, whole run).
 */
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Results } from './suite/harness';
import { buildExtension, CHROMIUM, CHROMIUM_ARGS, ensureCodeServer, ensureDir, FIXTURES, freePort, log, Proc, RESULTS, ROOT } from './env';

const SUITE_OUT = join(ROOT, 'out', 'test', 'vscode', 'suite', 'index.js');

export async function bundleSuite(): Promise<string> {
  await build({
    entryPoints: [join(ROOT, 'test', 'vscode', 'suite', 'index.ts')],
    outfile: SUITE_OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return SUITE_OUT;
}

/**
 * A copy of the extension whose server is the language server plus the reference protocol
 * handlers (test/vscode/reference), to check the client against a server that answers them.
 */
async function stageWithReferenceServer(dir: string): Promise<string> {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  for (const f of ['package.json', 'README.md', 'dist/client.js']) cpSync(join(ROOT, f), join(dir, f));
  for (const d of ['syntaxes', 'snippets', 'media', 'schemas']) cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'test', 'vscode', 'reference', 'server.ts')],
    outfile: join(dir, 'dist', 'server.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  return dir;
}

async function main(): Promise<number> {
  const started = Date.now();
  const codeServer = ensureCodeServer();
  buildExtension();
  await bundleSuite();

  const base = join(RESULTS, 'vscode');
  rmSync(base, { recursive: true, force: true });
  const extension = process.argv.includes('--reference-server') ? await stageWithReferenceServer(join(base, 'extension')) : ROOT;
  if (extension !== ROOT) log('the extension runs the reference protocol handlers (test/vscode/reference)');
  const workspace = join(base, 'workspace');
  cpSync(join(FIXTURES, 'workspace'), workspace, { recursive: true });
  const resultsPath = join(base, 'results.json');

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
      '--user-data-dir', ensureDir(join(base, 'user-data')),
      '--server-data-dir', ensureDir(join(base, 'server-data')),
      '--extensions-dir', ensureDir(join(base, 'extensions')),
    ],
    { env: { ...process.env, SCALING_PLAN_TEST_RESULTS: resultsPath }, logPath: join(base, 'server.log') },
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  let exitCode: number | undefined;
  try {
    await server.waitFor(/Extension host agent listening on (\d+)/, 60_000, 'the server to listen');
    const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extension)],
      ['extensionTestsPath', remote(SUITE_OUT)],
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
      await page.screenshot({ path: join(base, 'workbench.png') }).catch(() => undefined);
      writeFileSync(join(base, 'browser-console.log'), consoleLog.join('\n') + '\n');
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  const results: Results | undefined = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : undefined;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!results) {
    log(`no results file: the suite did not run (extension host exit code ${exitCode}); see test-results/vscode/server.log`);
    return 1;
  }
  for (const t of results.tests) {
    process.stdout.write(`${t.ok ? '✔' : '✖'} ${t.name} (${t.ms} ms)\n`);
    if (!t.ok) process.stdout.write(`${indent(t.error ?? '')}\n`);
  }
  process.stdout.write(`\nextension-host suite in VS Code ${results.vscodeVersion}: ${results.passed} passed, ${results.failed} failed, exit code ${exitCode}, ${seconds} s\n`);
  return results.failed === 0 && exitCode === 0 ? 0 : 1;
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
