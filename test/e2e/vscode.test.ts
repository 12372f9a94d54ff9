/**
 * The real-editor suites as part of `npm run test:e2e`, each run as a child process:
 * - the extension-host suite in VS Code 1.100 (the server build from the code-server package,
 *   headless Chromium): `npm run test:vscode`;
 * - the UI test of the packaged .vsix installed into code-server: `npm run test:ui`.
 * They need /usr/bin/chromium and the code-server cache (bash scripts/setup-code-server.sh);
 * without them they are skipped with the reason, except in CI (CI set), where they must run.
 * Results and screenshots: test-results/vscode/ and test-results/ui/.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { missingPrerequisite, ROOT } from '../vscode/env';

const missing = missingPrerequisite();
const skip = missing && !process.env.CI ? `${missing}; set CI=1 to make this a failure` : false;

/** Runs a runner script; resolves with its exit code and output. */
function runner(script: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // `npm run test:e2e` has just bundled dist/ (pretest:e2e): do not rebuild it under the other suites' feet.
    const env = { ...process.env, ...(process.env.npm_lifecycle_event === 'test:e2e' ? { SCALING_PLAN_SKIP_BUILD: '1' } : {}) };
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'vscode', script)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('VS Code', { skip, concurrency: false }, () => {
  test('extension-host suite in a real VS Code (npm run test:vscode)', { timeout: 600_000 }, async () => {
    const { code, output } = await runner('runInCodeServer.ts');
    process.stdout.write(output.split('\n').filter((l) => /^extension-host suite|^    ⚠ /.test(l)).map((l) => `# ${l}\n`).join(''));
    assert.equal(code, 0, output);
  });

  test('UI test of the packaged extension in code-server (npm run test:ui)', { timeout: 600_000 }, async () => {
    const { code, output } = await runner('ui.ts');
    process.stdout.write(output.split('\n').filter((l) => /^UI test|\.vsix: |^    ⚠ /.test(l)).map((l) => `# ${l}\n`).join(''));
    assert.equal(code, 0, output);
  });
});
