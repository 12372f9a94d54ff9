/**
 * `npm run test:vscode:electron`: the same extension-host suite (test/vscode/suite) in desktop
 * VS Code through @vscode/test-electron, for machines that have one. Point it at a VS Code
 * executable with VSCODE_EXECUTABLE=/path/to/code; without it, @vscode/test-electron downloads
 * VS Code (VSCODE_VERSION, default stable) from update.code.visualstudio.com, which this
 * project's build machines cannot reach (there, use `npm run test:vscode`). Writes
 * test-results/vscode-electron/.
 */
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from './suite/harness';
import { buildExtension, clearResults, ensureDir, FIXTURES, log, RESULTS, ROOT, workDir } from './env';
import { bundleSuite } from './runInCodeServer';

async function main(): Promise<number> {
  buildExtension();
  const work = workDir('vscode-electron');
  try {
    return await runSuite(work.dir);
  } finally {
    work.remove();
  }
}

async function runSuite(work: string): Promise<number> {
  const suite = await bundleSuite(work);
  const base = clearResults(join(RESULTS, 'vscode-electron'));
  const workspace = join(work, 'workspace');
  cpSync(join(FIXTURES, 'workspace'), workspace, { recursive: true });
  const resultsPath = join(work, 'results.json');
  const executable = process.env.VSCODE_EXECUTABLE;
  if (executable && !existsSync(executable)) throw new Error(`VSCODE_EXECUTABLE=${executable} does not exist`);
  if (!executable) log(`VSCODE_EXECUTABLE is not set: @vscode/test-electron downloads VS Code ${process.env.VSCODE_VERSION ?? 'stable'}`);

  let exitCode: number;
  try {
    exitCode = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : { version: process.env.VSCODE_VERSION ?? 'stable' }),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: suite,
      extensionTestsEnv: { SCALING_PLAN_TEST_RESULTS: resultsPath },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', ensureDir(join(work, 'user-data')),
        '--extensions-dir', ensureDir(join(work, 'extensions')),
      ],
    });
  } catch (err) {
    log(`VS Code exited with a failure: ${err instanceof Error ? err.message : String(err)}`);
    exitCode = 1;
  }
  if (existsSync(resultsPath)) cpSync(resultsPath, join(base, 'results.json'));
  const results: Results | undefined = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : undefined;
  if (!results) {
    log('no results file: the suite did not run');
    return 1;
  }
  for (const t of results.tests) process.stdout.write(`${t.ok ? '✔' : '✖'} ${t.name} (${t.ms} ms)${t.ok ? '' : `\n    ${(t.error ?? '').split('\n').join('\n    ')}`}\n`);
  process.stdout.write(`\nextension-host suite in VS Code ${results.vscodeVersion} (desktop): ${results.passed} passed, ${results.failed} failed (workspace ${results.workspaceTrusted ? 'trusted' : 'untrusted'})\n`);
  return results.failed === 0 && exitCode === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
