/**
 * The extension manifest (package.json) against the code it describes: commands the client
 * registers, settings the server reads (their defaults must mean the server's defaults), every
 * engine rule listed under `scalingPlan.rules`, and the files contributions point at.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionKinds, Commands, SETTINGS_SECTION } from '../../client/src/protocol';
import { defaultSettings, readSettings } from '../../server/src/settings';
import { rules } from '../../src/engine';
import { ROOT } from './env';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const properties: Record<string, { default?: unknown; scope?: string; description?: string; markdownDescription?: string; properties?: Record<string, unknown> }> = contributes.configuration.properties;

describe('extension manifest', () => {
  test('every client command is contributed with a title in the Scaling Plan category, and nothing else', () => {
    const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
    for (const c of contributes.commands) {
      assert.equal(c.category, 'Scaling Plan', c.command);
      assert.ok(c.title.length > 0, c.command);
    }
    const titles = Object.fromEntries(contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
    assert.deepEqual(titles, {
      'scalingPlan.newPlan': 'New Plan from Template',
      'scalingPlan.fillBlanks': 'Fill Computable Blanks',
      'scalingPlan.showProjections': 'Show Projections',
      'scalingPlan.checkWorkspace': 'Check Workspace',
      'scalingPlan.restartServer': 'Restart Server',
    });
  });

  test('settings: each has a description and a default, under the section the server pulls', () => {
    for (const [key, p] of Object.entries(properties)) {
      assert.ok(key.startsWith(`${SETTINGS_SECTION}.`), key);
      assert.ok(p.description || p.markdownDescription, `${key} has no description`);
      assert.ok('default' in p, `${key} has no default`);
    }
    assert.deepEqual(Object.keys(properties).sort(), [
      'scalingPlan.blanks',
      'scalingPlan.debounce',
      'scalingPlan.fixOnSave',
      'scalingPlan.globs',
      'scalingPlan.maxSize',
      'scalingPlan.month',
      'scalingPlan.rules',
      'scalingPlan.tolerance',
      'scalingPlan.trace.server',
    ]);
  });

  test('the settings defaults, as VS Code sends them, read as the server defaults', () => {
    const section: Record<string, unknown> = {};
    for (const [key, p] of Object.entries(properties)) {
      const path = key.slice(SETTINGS_SECTION.length + 1).split('.');
      let at = section;
      for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
      at[path[path.length - 1]!] = p.default;
    }
    assert.deepEqual(readSettings(section), defaultSettings);
  });

  test('settings that differ from the defaults reach the server as meant', () => {
    const s = readSettings({ rules: { 'gross-margin': 'off', blanks: 'hint' }, month: '730h', tolerance: '1%', blanks: false, globs: ['docs/plans/**/*.md'], maxSize: 4096, debounce: 250 });
    assert.deepEqual(s.rules, { 'gross-margin': 'off', blanks: 'hint' });
    assert.equal(s.month, '730h');
    assert.equal(s.tolerance, 0.01);
    assert.equal(s.blanks, false);
    assert.deepEqual(s.globs, ['docs/plans/**/*.md']);
    assert.equal(s.maxSize, 4096);
    assert.equal(s.debounce, 250);
    assert.equal(readSettings({ month: 'auto' }).month, undefined, '"auto" leaves the month to the frontmatter');
  });

  test('every engine rule can be configured by name', () => {
    const listed = Object.keys(properties['scalingPlan.rules']!.properties ?? {}).sort();
    assert.deepEqual(listed, rules.map((r) => r.meta.id).sort(), 'update contributes.configuration scalingPlan.rules.properties in package.json');
  });

  test('activation on markdown only, and honest workspace capabilities', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown']);
    assert.equal(pkg.main, './dist/client.js');
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.virtualWorkspaces.description.length > 0);
  });

  test('contributed files exist and parse', () => {
    for (const g of contributes.grammars) JSON.parse(readFileSync(join(ROOT, g.path), 'utf8'));
    for (const s of contributes.snippets) JSON.parse(readFileSync(join(ROOT, s.path), 'utf8'));
    for (const v of contributes.yamlValidation) JSON.parse(readFileSync(join(ROOT, v.url), 'utf8'));
    for (const w of contributes.walkthroughs) for (const step of w.steps) assert.ok(existsSync(join(ROOT, step.media.markdown)), step.media.markdown);
    assert.ok(existsSync(join(ROOT, pkg.icon)), pkg.icon);
  });

  test('walkthrough steps and menus name commands that exist', () => {
    const known = new Set([...Object.values(Commands), 'workbench.actions.view.problems', 'workbench.action.openSettings']);
    for (const w of contributes.walkthroughs) {
      for (const step of w.steps) {
        for (const m of step.description.matchAll(/\(command:([\w.]+)/g)) assert.ok(known.has(m[1]!), `${step.id} links to ${m[1]}`);
        for (const e of step.completionEvents ?? []) if (e.startsWith('onCommand:')) assert.ok(known.has(e.slice(10)), e);
      }
    }
    for (const m of contributes.menus.commandPalette) assert.ok(known.has(m.command), m.command);
  });

  test('the fix-on-save setting names the code action kind the server offers', () => {
    assert.match(properties['scalingPlan.fixOnSave']!.markdownDescription ?? '', new RegExp(CodeActionKinds.fixAll.replace(/\./g, '\\.')));
  });
});
