/**
 * `npm run test:ui`: what a person sees. Packages the extension (`scripts/package.mjs`),
 * installs the .vsix into code-server with `--install-extension`, opens a plan with a wrong
 * gross margin in the workbench (headless Chromium) and checks the Problems panel, the code
 * lenses, the hover widget's stage card and figure formulas, the quick-fix menu fixing the
 * margin, the status bar count of blanks and the Show Projections webview's chart. Screenshots
 * go to test-results/ui/.
 *
 * Environment: SCALING_PLAN_SKIP_BUILD=1 (pack dist/ as it is), SCALING_PLAN_VSIX=file (install
 * this package instead of packing one).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, clearResults, ensureCodeServer, FIXTURES, freePort, log, Proc, RESULTS, ROOT, run, workDir } from './env';

const OUT = join(RESULTS, 'ui');
/** This run's private working folder (see workDir). */
let WORK = '';
const STEP_MS = 20_000;

interface Step {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
  screenshot?: string;
}

async function main(): Promise<number> {
  const started = Date.now();
  const codeServer = ensureCodeServer();
  const work = workDir('ui');
  WORK = work.dir;
  try {
    return await runUi(codeServer, started);
  } finally {
    // Screenshots, logs and results are written privately, then published together.
    clearResults(OUT);
    for (const f of readdirSync(WORK)) if (/\.(?:png|json|log)$/.test(f)) cpSync(join(WORK, f), join(OUT, f));
    work.remove();
  }
}

async function runUi(codeServer: string, started: number): Promise<number> {

  const vsix = process.env.SCALING_PLAN_VSIX ?? packageExtension();
  const userData = join(WORK, 'user-data');
  const extensions = join(WORK, 'extensions');
  const workspace = join(WORK, 'workspace');
  cpSync(join(FIXTURES, 'workspace'), workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'security.workspace.trust.enabled': false,
        'workbench.startupEditor': 'none',
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.tips.enabled': false,
        'workbench.colorTheme': 'Default Dark Modern',
        'editor.codeLens': true,
        'editor.hover.delay': 100,
        'editor.minimap.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'window.restoreWindows': 'none',
      },
      null,
      2,
    ),
  );
  writeFileSync(join(WORK, 'config.yaml'), 'auth: none\ncert: false\n');
  const entry = join(codeServer, 'out', 'node', 'entry.js');
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions, '--disable-update-check', '--disable-telemetry', '--config', join(WORK, 'config.yaml')];

  log(`installing ${vsix.startsWith(ROOT) ? vsix.slice(ROOT.length + 1) : vsix} into code-server`);
  const installed = run(process.execPath, [entry, ...common, '--install-extension', vsix]);
  writeFileSync(join(WORK, 'install.log'), installed);
  if (!/was successfully installed/.test(installed)) throw new Error(`code-server --install-extension did not install the package:\n${installed}`);

  const port = await freePort();
  const server = new Proc(process.execPath, [entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', '--disable-getting-started-override', workspace], {
    logPath: join(WORK, 'code-server.log'),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const steps: Step[] = [];
  try {
    await server.waitFor(/HTTP server listening on/, 60_000, 'code-server to listen');
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const consoleLog: string[] = [];
    page.on('console', (m) => consoleLog.push(`[${m.type()}] ${m.text()}`));
    const ui = new Workbench(page);
    const step = async (name: string, f: () => Promise<void>, shot = true): Promise<boolean> => {
      const t0 = Date.now();
      const s: Step = { name, ok: true, ms: 0 };
      try {
        await f();
      } catch (err) {
        s.ok = false;
        s.error = err instanceof Error ? err.message : String(err);
      }
      s.ms = Date.now() - t0;
      if (shot || !s.ok) {
        s.screenshot = `${String(steps.length + 1).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '').toLowerCase()}.png`;
        await page.screenshot({ path: join(WORK, s.screenshot) }).catch(() => undefined);
      }
      steps.push(s);
      process.stdout.write(`${s.ok ? '✔' : '✖'} ${name} (${s.ms} ms)${s.error ? `\n    ${s.error.split('\n').join('\n    ')}` : ''}\n`);
      return s.ok;
    };

    try {
      const opened = await step('the workbench opens the workspace', async () => {
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'wrong-margin.md' }).waitFor({ timeout: 60_000 });
      });
      if (opened) {
        await step('opening a plan activates the extension: the code lens above the 500-user block', async () => {
          await ui.openFile('wrong-margin.md');
          await ui.editorText('Gross Margin: 55%').waitFor({ timeout: STEP_MS });
          await page.locator('.codelens-decoration', { hasText: '500 users · revenue $5,000/month · costs $380/month · $0.76 per user · margin 92.4% · profit $4,620/month' }).waitFor({ timeout: 60_000 });
        });
        await step('a code lens above each stage', async () => {
          for (const lens of [/Stage 1: Launch · 0–500 users · at 500 users · cost \$380\/month · \$0\.76 per user · revenue \$5,000\/month · margin 55% \(checks: 92\.4%\)/, /Stage 2: Traction · 500–2,000 users · at 2,000 users · cost \$1,100\/month · \$0\.55 per user.*margin 94\.5%/, /Stage 3: Scale · 2,000\+ users/]) {
            await page.locator('.codelens-decoration', { hasText: lens }).first().waitFor({ timeout: STEP_MS });
          }
        });
        await step('the Problems panel lists the wrong margin with its formula', async () => {
          await ui.command('View: Focus Problems');
          const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Gross Margin 55% does not match (5,000 − 380) / 5,000 = 92.4%' });
          await row.waitFor({ timeout: STEP_MS });
          const text = await row.innerText();
          if (!/gross-margin/.test(text)) throw new Error(`the Problems entry does not name its rule: ${text}`);
          // One problem (its related locations, the revenue and the cost, are rows of their own).
          const problems = await page.locator('.markers-panel .monaco-list-row', { hasText: 'does not match' }).count();
          if (problems !== 1) throw new Error(`expected one problem in the Problems panel, found ${problems}`);
        });
        await step('hovering the wrong margin shows its formula', async () => {
          await ui.hover('55%');
          const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: '(5,000 − 380) / 5,000 = 92.4%' });
          await hover.first().waitFor({ timeout: STEP_MS });
        });
        await step('hovering a stage shows its stage card', async () => {
          await ui.hover('Stage 2');
          await page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'Stage 2: Traction · 500–2,000 users' }).filter({ hasText: 'cost $1,100/month · $0.55 per user' }).first().waitFor({ timeout: STEP_MS });
        });
        await step('the quick-fix menu fixes the wrong margin', async () => {
          await ui.goTo(ui.lineOf('Gross Margin: 55%'), 'Gross Margin: 5'.length + 3);
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+.');
          await page.locator('.action-widget .monaco-list-row', { hasText: 'Set margin to 92%' }).waitFor({ timeout: STEP_MS });
          await page.screenshot({ path: join(WORK, 'quick-fix-menu.png') });
          await ui.chooseAction('Set margin to 92%');
          await ui.editorText('Gross Margin: 92%').waitFor({ timeout: STEP_MS });
          await page.locator('.markers-panel .monaco-list-row', { hasText: 'Gross Margin 55%' }).waitFor({ state: 'detached', timeout: STEP_MS });
        });
        await step('the status bar counts the blanks left', async () => {
          await ui.openFile('blanks.md');
          await page.locator('.statusbar-item', { hasText: 'Plan: 3 blanks left' }).waitFor({ timeout: STEP_MS });
        });
        await step('Show Projections opens a webview with the projection table and chart', async () => {
          await ui.openFile('wrong-margin.md');
          await ui.command('Scaling Plan: Show Projections');
          const view = webview(page);
          await view.locator('svg.chart').first().waitFor({ timeout: STEP_MS });
          const stages = await view.locator('table').first().innerText();
          if (!/Stage 2: Traction/.test(stages) || !/\$20,000/.test(stages)) throw new Error(`the stage table lacks Stage 2: ${stages}`);
          const blocks = await view.locator('table').nth(1).innerText();
          if (!/500 users/.test(blocks) || !/92\.4%/.test(blocks)) throw new Error(`the block table lacks the 500-user block: ${blocks}`);
          for (const series of ['users', 'cost-per-user', 'margin']) {
            const bars = await view.locator(`svg.chart.${series} rect.bar`).count();
            if (bars < 2) throw new Error(`the ${series} chart has ${bars} bars`);
          }
          await view.locator('.charts').scrollIntoViewIfNeeded();
        });
        await step('the projection view follows edits to the plan', async () => {
          const line = ui.lineOf('- Infrastructure: $1,100/month');
          await ui.goTo(line, '- Infrastructure: $'.length + 1);
          for (let i = 0; i < '1,100'.length; i++) await page.keyboard.press('Shift+ArrowRight');
          await page.keyboard.type('1,500');
          await ui.editorText('Infrastructure: $1,500/month').waitFor({ timeout: STEP_MS });
          await webview(page).locator('td', { hasText: '$1,500' }).first().waitFor({ timeout: STEP_MS });
        });
      }
    } finally {
      writeFileSync(join(WORK, 'browser-console.log'), consoleLog.join('\n') + '\n');
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const failed = steps.filter((s) => !s.ok).length;
  writeFileSync(join(WORK, 'results.json'), JSON.stringify({ vsix: vsix.startsWith(ROOT) ? vsix.slice(ROOT.length + 1) : vsix, passed: steps.length - failed, failed, steps }, null, 2) + '\n');
  process.stdout.write(`\nUI test in code-server: ${steps.length - failed} passed, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-results/ui/\n`);
  return failed === 0 && steps.length > 0 ? 0 : 1;
}

function packageExtension(): string {
  const args = [join(ROOT, 'scripts', 'package.mjs'), '--out', join(WORK, 'scaling-plan.vsix')];
  if (process.env.SCALING_PLAN_SKIP_BUILD === '1') args.push('--no-build');
  const output = run(process.execPath, args);
  process.stdout.write(output.split('\n').filter((l) => /\.vsix: /.test(l)).join('\n') + '\n');
  const vsix = join(WORK, 'scaling-plan.vsix');
  if (!existsSync(vsix)) throw new Error('scripts/package.mjs did not write the package');
  return vsix;
}

/** The innermost frame of the Show Projections webview (VS Code nests it in two iframes). */
function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Keyboard-and-mouse operations on the workbench, each waiting for what it causes. */
class Workbench {
  constructor(private readonly page: Page) {}

  private lines: string[] = [];

  /** Quick Open a file of the workspace and wait for its editor. */
  async openFile(name: string): Promise<void> {
    await this.page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_MS });
    await input.fill(name);
    // The highlighted row, once the list is filtered (before that it may still be another file).
    await this.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: STEP_MS });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: STEP_MS });
    await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: STEP_MS });
    this.lines = readFileSync(join(WORK, 'workspace', name), 'utf8').split('\n');
  }

  /** Runs a command from the command palette by its label. */
  async command(label: string): Promise<void> {
    await this.page.keyboard.press('Control+Shift+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_MS });
    await input.fill(`>${label}`);
    await this.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: label }).waitFor({ timeout: STEP_MS });
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: STEP_MS });
  }

  /** 1-based line of the first line containing `text` in the open file (as it was opened). */
  lineOf(text: string): number {
    const i = this.lines.findIndex((l) => l.includes(text));
    if (i < 0) throw new Error(`${text} is not in the open file`);
    return i + 1;
  }

  /** Moves the cursor with Go to Line (`line:column`, 1-based). */
  async goTo(line: number, column: number): Promise<void> {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_MS });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: STEP_MS });
    await this.page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: STEP_MS });
  }

  /** Puts the cursor inside `text` and shows the hover there (Show or Focus Hover). */
  async hover(text: string): Promise<void> {
    const line = this.lineOf(text);
    await this.goTo(line, this.lines[line - 1]!.indexOf(text) + 2);
    await this.page.keyboard.press('Escape');
    await this.command('Show or Focus Hover');
  }

  /** Picks an entry of the open action menu (quick fixes) with the keyboard, as a person would. */
  async chooseAction(title: string): Promise<void> {
    const focused = this.page.locator('.action-widget .monaco-list-row.focused');
    for (let i = 0; i < 20; i++) {
      if ((await focused.count()) > 0 && (await focused.first().innerText()).includes(title)) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no "${title}" in the action menu`);
  }

  /** A rendered editor line containing `text`. */
  editorText(text: string): Locator {
    return this.page.locator('.editor-instance .view-lines .view-line', { hasText: text }).first();
  }
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
