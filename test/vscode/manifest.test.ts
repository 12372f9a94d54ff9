/**
 * The extension manifest (package.json) against the code it describes: commands the client
 * registers, settings the server reads (server/src/settings.ts: every setting read, the
 * defaults meaning the server's defaults), every engine rule listed under `scalingPlan.rules`
 * with its default severity, and the files contributions point at.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CodeActionKinds, Commands, SETTINGS_SECTION, type Settings as ClientSettings } from '../../client/src/protocol';
import { DEFAULT_DEBOUNCE, defaultSettings, readSettings, SECTION } from '../../server/src/settings';
import { defaultOptions, rules } from '../../src/engine';
import { ROOT } from './env';

interface Property {
  type?: string;
  default?: unknown;
  scope?: string;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  properties?: Record<string, Property>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const properties: Record<string, Property> = contributes.configuration.properties;

/** Settings the language client itself reads (vscode-languageclient's trace), not the server. */
const CLIENT_ONLY = new Set(['scalingPlan.trace.server']);

/** The manifest's defaults as VS Code sends the section: `{ rules: {}, month: 'auto', … }`. */
function defaultsSection(): Record<string, unknown> {
  const section: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(properties)) {
    const path = key.slice(SETTINGS_SECTION.length + 1).split('.');
    let at = section;
    for (const part of path.slice(0, -1)) at = (at[part] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1]!] = p.default;
  }
  return section;
}

/** A value other than the default, within what the manifest allows. */
function otherValue(p: Property): unknown {
  if (p.enum) return p.enum.find((v) => v !== p.default);
  switch (p.type) {
    case 'boolean':
      return !p.default;
    case 'number':
      return Math.min(p.maximum ?? Infinity, (p.default as number) + Math.max(1, p.minimum ?? 1));
    case 'array':
      return ['docs/plans/**/*.md'];
    case 'object':
      return { totals: 'warning' };
    case 'string':
      return p.pattern ? '1%' : 'x';
  }
  return undefined;
}

describe('extension manifest: commands', () => {
  test('every client command is contributed with a title in the Scaling Plan category, and nothing else', () => {
    const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
    const titles = Object.fromEntries(contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, `${c.category}: ${c.title}`]));
    assert.deepEqual(titles, {
      'scalingPlan.newPlan': 'Scaling Plan: New Plan from Template',
      'scalingPlan.fillBlanks': 'Scaling Plan: Fill Computable Blanks',
      'scalingPlan.showProjections': 'Scaling Plan: Show Projections',
      'scalingPlan.checkWorkspace': 'Scaling Plan: Check Workspace',
      'scalingPlan.restartServer': 'Scaling Plan: Restart Server',
      'scalingPlan.showRuleDoc': 'Scaling Plan: Show Rule Documentation',
    });
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
});

describe('extension manifest: settings', () => {
  test('each has a description and a default, under the section the server pulls', () => {
    assert.equal(SECTION, SETTINGS_SECTION);
    for (const [key, p] of Object.entries(properties)) {
      assert.ok(key.startsWith(`${SETTINGS_SECTION}.`), key);
      assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, `${key} has no description`);
      assert.ok('default' in p, `${key} has no default`);
      assert.ok(p.scope === 'resource' || CLIENT_ONLY.has(key), `${key} is per resource (the server pulls settings per document)`);
    }
  });

  test('the manifest lists exactly the settings of the protocol (client/src/protocol.ts Settings), plus the client trace', () => {
    // Typed: the compiler makes this object list every key of Settings, and no other.
    const every: ClientSettings = { rules: {}, month: 'auto', tolerance: '0%', blanks: true, globs: [], maxSize: 2097152, debounce: 100, fixOnSave: false };
    assert.deepEqual(
      Object.keys(properties).filter((k) => !CLIENT_ONLY.has(k)).sort(),
      Object.keys(every).map((k) => `${SETTINGS_SECTION}.${k}`).sort(),
    );
    assert.deepEqual(defaultsSection(), { ...every, trace: { server: 'off' } }, 'the manifest defaults are the protocol\'s example of defaults');
  });

  test('every setting in the manifest is read by the server: a value other than the default is kept, nothing dropped', () => {
    for (const [key, p] of Object.entries(properties)) {
      if (CLIENT_ONLY.has(key)) continue;
      const name = key.slice(SETTINGS_SECTION.length + 1);
      const value = otherValue(p);
      assert.notEqual(value, undefined, key);
      const s = readSettings({ [name]: value });
      assert.deepEqual(s.dropped, [], key);
      assert.ok((s.values as Record<string, unknown>)[name] !== undefined, `${key} is not read by the server`);
    }
  });

  test('the settings defaults, as VS Code sends them, mean the server defaults', () => {
    const s = readSettings(defaultsSection());
    assert.deepEqual(s.dropped, []);
    assert.deepEqual({ ...defaultOptions, ...s.options }, { ...defaultOptions, ...defaultSettings.options });
    assert.equal(s.debounce, DEFAULT_DEBOUNCE);
    assert.equal(s.debounce, defaultSettings.debounce);
    assert.equal(s.match('/w/docs/plans/plan.md'), false, 'no glob by default');
    assert.equal(properties['scalingPlan.maxSize']!.default, defaultOptions.maxSize);
    assert.equal(properties['scalingPlan.debounce']!.default, DEFAULT_DEBOUNCE);
  });

  test('settings that differ from the defaults reach the server as meant', () => {
    const s = readSettings({ rules: { 'gross-margin': 'off', totals: 'warning' }, month: '730h', tolerance: '1%', blanks: false, globs: ['docs/plans/**/*.md'], maxSize: 4096, debounce: 250, fixOnSave: true });
    assert.deepEqual(s.dropped, []);
    assert.deepEqual(s.options, { rules: { 'gross-margin': 'off', totals: 'warning', blanks: 'off' }, month: '730h', tolerance: 0.01, maxSize: 4096 });
    assert.equal(s.debounce, 250);
    assert.equal(s.match('/w/docs/plans/2025/growth.md'), true);
    assert.equal(s.match('/w/docs/notes.md'), false);
    // An explicit severity for blanks wins over `blanks: false`.
    assert.deepEqual(readSettings({ blanks: false, rules: { blanks: 'hint' } }).options.rules, { blanks: 'hint' });
    // "auto" leaves the month to the frontmatter and the engine's default.
    assert.equal({ ...defaultOptions, ...readSettings({ month: 'auto' }).options }.month, defaultOptions.month);
  });

  test('settings read over earlier ones keep what is not sent again, and merge rules', () => {
    const base = readSettings({ rules: { totals: 'warning' }, debounce: 300 });
    const next = readSettings({ rules: { blanks: 'off' } }, base);
    assert.deepEqual(next.options.rules, { totals: 'warning', blanks: 'off' });
    assert.equal(next.debounce, 300);
  });

  test('values outside what the manifest allows are dropped, and named', () => {
    const s = readSettings({ maxSize: 1000, debounce: 6000, month: 'weekly', tolerance: '1', globs: 5, blanks: 'yes', rules: { totals: 'fatal', blanks: 'info', 'shares': false } });
    assert.deepEqual(s.dropped.map((d) => d.slice(0, d.indexOf(': '))), ['maxSize', 'debounce', 'month', 'tolerance', 'globs', 'blanks', 'rules.totals']);
    assert.deepEqual(s.options, { rules: { blanks: 'information', shares: 'off' } });
    assert.equal(properties['scalingPlan.maxSize']!.minimum, 1024);
    assert.equal(properties['scalingPlan.debounce']!.maximum, 5000);
    for (const bad of [null, 'x', 42, [], undefined]) assert.deepEqual(readSettings(bad).options, {}, String(bad));
  });

  test('every tolerance the manifest\'s pattern allows is read by the server, and the pattern refuses what the server drops', () => {
    const pattern = new RegExp(properties['scalingPlan.tolerance']!.pattern!);
    for (const t of ['0%', '1%', '2.5%', ' 19.99 % ']) {
      assert.match(t, pattern);
      assert.deepEqual(readSettings({ tolerance: t }).dropped, [], t);
    }
    for (const t of ['20%', '25%', '100%', '-1%', '1', '0.5', 'a lot']) {
      assert.doesNotMatch(t, pattern);
      assert.equal(readSettings({ tolerance: t }).dropped.length, 1, t);
    }
  });

  test('the fix-on-save setting names the code action kind the server offers', () => {
    assert.match(properties['scalingPlan.fixOnSave']!.markdownDescription ?? '', new RegExp(CodeActionKinds.fixAll.replace(/\./g, '\\.')));
  });
});

describe('extension manifest: rules', () => {
  const listed = properties['scalingPlan.rules']!.properties ?? {};

  test('each listed rule is an engine rule, with the severities the settings accept', () => {
    const ids = new Set(rules.map((r) => r.meta.id));
    for (const [id, p] of Object.entries(listed)) {
      assert.ok(ids.has(id), `${id} is not an engine rule`);
      assert.deepEqual(p.enum, ['off', 'error', 'warning', 'information', 'hint'], id);
      assert.match(p.markdownDescription ?? '', new RegExp(`\\[Docs\\]\\(https://github\\.com/scaling-plan/scaling-plan/blob/main/docs/rules/${id}\\.md\\)$`), id);
      assert.ok(existsSync(join(ROOT, 'docs', 'rules', `${id}.md`)), `docs/rules/${id}.md`);
    }
  });

  test('every engine rule can be configured by name', () => {
    assert.deepEqual(Object.keys(listed).sort(), rules.map((r) => r.meta.id).sort(), 'update contributes.configuration scalingPlan.rules.properties in package.json');
  });

  test('the default severity each listed rule states is the engine\'s, except blanks', () => {
    for (const r of rules) {
      const p = listed[r.meta.id];
      if (!p || r.meta.id === 'blanks') continue;
      assert.equal(/Default: `(\w+)`/.exec(p.markdownDescription ?? '')?.[1], r.meta.severity, r.meta.id);
    }
  });

  test('blanks: the manifest says what the engine does (hints by default)', () => {
    assert.equal(/Default: `(\w+)`/.exec(listed.blanks?.markdownDescription ?? '')?.[1], rules.find((r) => r.meta.id === 'blanks')!.meta.severity);
    assert.doesNotMatch(properties['scalingPlan.blanks']!.markdownDescription ?? '', /information findings/);
  });

  test('each listed rule is described as the engine describes it', () => {
    for (const r of rules) {
      const p = listed[r.meta.id];
      if (!p) continue;
      assert.ok((p.markdownDescription ?? '').startsWith(r.meta.description), `${r.meta.id}: ${p.markdownDescription} / ${r.meta.description}`);
    }
  });
});

describe('extension manifest: activation and files', () => {
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
});

describe('the README, which is also the extension\'s page', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  test('states the tolerance setting\'s default as the manifest declares it', () => {
    const stated = /`tolerance` \(default `([^`]+)`/.exec(readme)?.[1];
    assert.equal(stated, properties['scalingPlan.tolerance']!.default);
  });

  test('shows its images by relative paths the .vsix ships (media/screenshots), and each exists', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    assert.deepEqual(images.filter((p) => /^[a-z]+:/i.test(p) || p.startsWith('/')), [], 'absolute image links');
    for (const p of images) assert.ok(existsSync(join(ROOT, p)), `${p} is missing`);
    for (const name of ['quick-fix', 'stage-lens', 'stage-hover', 'projections']) assert.ok(images.includes(`media/screenshots/${name}.png`), name);
    assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!media\/screenshots\/\*\.png$/m);
  });
});
