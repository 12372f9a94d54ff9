/**
 * The zod schemas and what is generated from them: the committed JSON Schema of the frontmatter
 * is what scripts/generate-schema.ts writes (no drift) and accepts and rejects what the engine
 * does; the editor's settings, read from an untrusted workspace, keep each value that reads and
 * drop (and name) each one that does not, never throwing; the settings the extension declares
 * are the ones the engine reads, with the same bounds.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { engineOptions, frontmatterSchema, readSettings, settingsSchema } from '../src/engine';
import { assumptionsSchema } from '../src/engine/options';
import { generateSchema, SCHEMA_ID, SCHEMA_PATH } from '../scripts/generate-schema';
import { logDropped, readSettings as readServerSettings } from '../server/src/settings';
import { problems, ROOT } from './helpers';

const committed = (): string => readFileSync(SCHEMA_PATH, 'utf8');

function validator(): (data: unknown) => boolean {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(JSON.parse(committed()) as object);
  return (data) => validate(data) as boolean;
}

const good = `
scaling-plan: 1
product: Ledgerly
currency: USD
month: 730h
tolerance: 1%
numbers: comma
assumptions:
  arpu: 12
  conversion: 5%
  price: "$18.99"
  growth: 0.2
  start-users: 100
`;

/** Frontmatter that the JSON Schema and the engine's zod schema both reject, each for one reason. */
const bad: [string, string][] = [
  ['an unknown key', 'scaling-plan: 1\nowner: Ana\n'],
  ['an unknown assumption', 'scaling-plan: 1\nassumptions:\n  churn: 3%\n'],
  ['no scaling-plan', 'product: Ledgerly\n'],
  ['scaling-plan version 2', 'scaling-plan: 2\n'],
  ['scaling-plan as a string', 'scaling-plan: "1"\n'],
  ['month 31d', 'scaling-plan: 1\nmonth: 31d\n'],
  ['a tolerance in words', 'scaling-plan: 1\ntolerance: lots\n'],
  ['a lower-case currency', 'scaling-plan: 1\ncurrency: usd\n'],
  ['numbers: european', 'scaling-plan: 1\nnumbers: european\n'],
  ['a negative ARPU', 'scaling-plan: 1\nassumptions:\n  arpu: -5\n'],
  ['an ARPU in words', 'scaling-plan: 1\nassumptions:\n  arpu: twelve\n'],
  ['a conversion in words', 'scaling-plan: 1\nassumptions:\n  conversion: half\n'],
  ['fractional start-users', 'scaling-plan: 1\nassumptions:\n  start-users: 10.5\n'],
  ['assumptions not a mapping', 'scaling-plan: 1\nassumptions: 5\n'],
];

describe('frontmatter JSON Schema', () => {
  it('is what scripts/generate-schema.ts generates (run `npm run schema` after changing the zod schema)', () => {
    assert.equal(SCHEMA_PATH, join(ROOT, 'schemas', 'scaling-plan.schema.json'));
    assert.equal(committed(), generateSchema());
  });

  it('is pretty-printed JSON with a trailing newline, an $id, a title and a description', () => {
    const text = committed();
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    const schema = JSON.parse(text) as Record<string, unknown>;
    assert.equal(text, JSON.stringify(schema, null, 2) + '\n');
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.$id, SCHEMA_ID);
    assert.equal(schema.title, 'Scaling plan frontmatter');
    assert.equal(typeof schema.description, 'string');
    assert.deepEqual(schema.required, ['scaling-plan']);
    assert.equal(schema.additionalProperties, false);
  });

  it('lists exactly the keys of the zod schema, with the assumptions nested', () => {
    const schema = JSON.parse(committed()) as { properties: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }> };
    assert.deepEqual(Object.keys(schema.properties), Object.keys(frontmatterSchema.shape));
    assert.deepEqual(Object.keys(schema.properties.assumptions!.properties!), Object.keys(assumptionsSchema.shape));
    assert.equal(schema.properties.assumptions!.additionalProperties, false);
  });

  it('accepts a complete frontmatter, as the engine does', () => {
    const data = parseYaml(good) as unknown;
    assert.equal(validator()(data), true);
    const parsed = frontmatterSchema.safeParse(data);
    assert.equal(parsed.success, true);
    assert.deepEqual(parsed.data, {
      'scaling-plan': 1,
      product: 'Ledgerly',
      currency: 'USD',
      month: '730h',
      tolerance: 0.01,
      numbers: 'comma',
      assumptions: { arpu: 12, conversion: 0.05, price: 18.99, growth: 0.2, 'start-users': 100 },
    });
  });

  it('accepts the complete example of docs/frontmatter.md', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'frontmatter.md'), 'utf8');
    const blocks = [...doc.matchAll(/^```yaml\n---\n([\s\S]*?)^---\n```$/gm)].map((m) => m[1]!);
    assert.ok(blocks.length >= 1, 'docs/frontmatter.md shows a complete example');
    for (const block of blocks) {
      assert.equal(validator()(parseYaml(block)), true, block);
      assert.equal(frontmatterSchema.safeParse(parseYaml(block)).success, true, block);
    }
  });

  /** Keys of the schema that docs/frontmatter.md has no table row for. */
  const undocumented = (): string[] => {
    const doc = readFileSync(join(ROOT, 'docs', 'frontmatter.md'), 'utf8');
    return [...Object.keys(frontmatterSchema.shape), ...Object.keys(assumptionsSchema.shape)].filter((key) => !doc.includes(`| \`${key}\` |`));
  };

  it('has every key documented in docs/frontmatter.md', () => {
    assert.deepEqual(undocumented(), []);
  });

  for (const [name, yaml] of bad) {
    it(`rejects ${name}, as the engine's zod schema does`, () => {
      const data = parseYaml(yaml) as unknown;
      assert.equal(validator()(data), false);
      assert.equal(frontmatterSchema.safeParse(data).success, false);
    });
  }
});

describe('settings from an untrusted workspace', () => {
  it('keeps every value that reads, normalised', () => {
    const { settings, dropped } = readSettings({
      tolerance: '1%',
      month: '730h',
      numbers: 'comma',
      currency: 'EUR',
      blanks: false,
      globs: 'docs/**/*.md',
      ignores: ['drafts/**'],
      maxSize: 4096,
      debounce: 250,
      fixOnSave: true,
      rules: { totals: 'warning', downtime: 'INFO', shares: false, 'no-such-rule': 'hint' },
    });
    assert.deepEqual(dropped, []);
    assert.deepEqual(settings, {
      tolerance: 0.01,
      month: '730h',
      numbers: 'comma',
      currency: 'EUR',
      blanks: false,
      globs: ['docs/**/*.md'],
      ignores: ['drafts/**'],
      maxSize: 4096,
      debounce: 250,
      fixOnSave: true,
      rules: { totals: 'warning', downtime: 'information', shares: 'off', 'no-such-rule': 'hint' },
    });
  });

  const wrong: [string, Record<string, unknown>, string[]][] = [
    ['wrong types', { tolerance: 1, month: 5, numbers: true, currency: 42, blanks: 'yes', globs: [1, 2], maxSize: '4096', debounce: '100', fixOnSave: 'true', rules: 'all' }, ['tolerance', 'month', 'numbers', 'currency', 'blanks', 'globs', 'maxSize', 'debounce', 'fixOnSave', 'rules']],
    ['huge numbers', { maxSize: 1e300, debounce: 1e9, tolerance: '1e400%' }, ['maxSize', 'debounce', 'tolerance']],
    ['numbers beyond safe integers', { maxSize: 2 ** 53 }, ['maxSize']],
    ['NaN and infinities', { tolerance: NaN, maxSize: NaN, debounce: Infinity }, ['tolerance', 'maxSize', 'debounce']],
    ['NaN strings', { tolerance: 'NaN', month: 'NaN', numbers: 'NaN', currency: 'NaN' }, ['tolerance', 'month', 'numbers', 'currency']],
    ['values out of bounds', { tolerance: '25%', maxSize: 1023, debounce: -1, currency: 'usd' }, ['tolerance', 'maxSize', 'debounce', 'currency']],
    ['a fractional maxSize', { maxSize: 4096.5 }, ['maxSize']],
    ['rules as a list', { rules: ['totals'] }, ['rules']],
    ['bad severities', { rules: { totals: null, 'cost-per-user': 42, downtime: 'loud', shares: 'warning' } }, ['rules.totals', 'rules.cost-per-user', 'rules.downtime']],
  ];
  for (const [name, raw, names] of wrong) {
    it(`drops ${name}, naming each key, and keeps the defaults`, () => {
      const { settings, dropped } = readSettings(raw);
      assert.deepEqual(dropped.map((d) => d.slice(0, d.indexOf(': '))), names);
      for (const key of names) if (!key.startsWith('rules.')) assert.equal(key in settings, false, key);
      const options = engineOptions(settings);
      assert.equal(options.tolerance, undefined);
      assert.equal(options.maxSize, undefined);
    });
  }

  it('keeps the good rules beside the bad ones', () => {
    const { settings } = readSettings({ rules: { totals: null, shares: 'warning' } });
    assert.deepEqual(settings.rules, { shares: 'warning' });
  });

  it('ignores keys it does not know, without reporting them (other extensions share the section)', () => {
    assert.deepEqual(readSettings({ trace: { server: 'verbose' }, somethingElse: 5 }), { settings: {}, dropped: [] });
  });

  it('reads nothing from what is not an object', () => {
    for (const raw of [null, undefined, 'tolerance: 1%', 42, [1, 2], true]) assert.deepEqual(readSettings(raw), { settings: {}, dropped: [] }, JSON.stringify(raw));
  });

  it('never reads a bare 0.5 or 1 as a tolerance of 50% or 100%', () => {
    for (const t of [0.5, 1, 5, 50]) {
      const tolerance = readSettings({ tolerance: t }).settings.tolerance;
      assert.ok(tolerance === undefined || tolerance < 0.2, `${t} read as ${tolerance}`);
    }
    assert.equal(readSettings({ tolerance: 0.01 }).settings.tolerance, 0.01);
    assert.equal(readSettings({ tolerance: ' 0.5 % ' }).settings.tolerance, 0.005);
  });

  it('never throws on keys named like Object.prototype members', () => {
    for (const json of ['{"constructor": 1}', '{"toString": "x", "tolerance": "2%"}', '{"__proto__": {"polluted": 1}, "tolerance": "2%"}', '{"hasOwnProperty": 2}']) {
      const raw = JSON.parse(json) as unknown;
      const { settings } = readSettings(raw);
      assert.equal(Object.getPrototypeOf(settings), Object.prototype, json);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      if (json.includes('tolerance')) assert.equal(settings.tolerance, 0.02, json);
    }
    // A rule named like a prototype member is a rule name like any other.
    const { settings } = readSettings(JSON.parse('{"rules": {"__proto__": "off", "constructor": "hint", "totals": "warning"}}'));
    assert.equal(Object.getPrototypeOf(settings.rules), Object.prototype);
    assert.deepEqual(Object.keys(settings.rules!), ['__proto__', 'constructor', 'totals']);
    assert.equal(engineOptions(settings).rules?.totals, 'warning');
  });

  it('says why each value was dropped', () => {
    const { dropped } = readSettings({ tolerance: 'NaN', maxSize: 1e300 });
    assert.equal(dropped.length, 2);
    assert.match(dropped[0]!, /^tolerance\b.*\bpercentage\b/);
    assert.match(dropped[1]!, /^maxSize\b.*\d/);
    assert.deepEqual(readSettings({ tolerance: 'abc', rules: { totals: 'loud' }, globs: 5 }).dropped, [
      'tolerance: expected a percentage below 20% such as 1%, got "abc"',
      'rules.totals: expected one of off, error, warning, information, hint, got "loud"',
      'globs: expected a glob or a list of globs',
    ]);
    for (const tolerance of [NaN, null, true, [1], { a: 1 }]) assert.match(readSettings({ tolerance }).dropped[0]!, /^tolerance: expected a percentage below 20% such as 1%, got \S/, String(tolerance));
  });

  it('the server logs each reason once, however often the settings are pulled', () => {
    const warnings: string[] = [];
    const log = { info: () => {}, warn: (m: string) => void warnings.push(m), error: () => {} };
    const raw = { tolerance: 'lots', globs: ['x'.repeat(600)] };
    for (let i = 0; i < 3; i++) logDropped(log, readServerSettings(raw));
    logDropped(log, readServerSettings({ tolerance: 'lots', maxSize: 1 }));
    assert.deepEqual(warnings, [
      `settings ignored: tolerance: expected a percentage below 20% such as 1%, got "lots"; globs: "${'x'.repeat(60)}" is too long, too complex or not a glob`,
      'settings ignored: maxSize: Too small: expected number to be >=1024',
    ]);
  });
});

describe('engine options from settings', () => {
  it('passes on what the engine uses', () => {
    const { settings } = readSettings({ tolerance: '2%', month: '30d', numbers: 'dot', currency: 'GBP', maxSize: 2048, rules: { totals: 'hint' }, debounce: 10, fixOnSave: true, globs: ['*.md'] });
    assert.deepEqual(engineOptions(settings), { rules: { totals: 'hint' }, month: '30d', tolerance: 0.02, numbers: 'dot', currency: 'GBP', maxSize: 2048 });
  });

  it('turns `blanks: false` into the blanks rule off, unless a severity is set for it', () => {
    assert.deepEqual(engineOptions(readSettings({ blanks: false }).settings), { rules: { blanks: 'off' } });
    assert.deepEqual(engineOptions(readSettings({ blanks: false, rules: { blanks: 'warning' } }).settings), { rules: { blanks: 'warning' } });
    assert.deepEqual(engineOptions(readSettings({ blanks: true }).settings), {});
  });

  it('the options change the analysis: a tolerance of 1% from the settings accepts a total 0.8% off', () => {
    const text = '## Costs\n\n- Hosting: $400/month\n- Support: $600/month\n- Total: $1,008/month\n';
    assert.equal(problems(text).length, 1);
    assert.deepEqual(problems(text, engineOptions(readSettings({ tolerance: '1%' }).settings)), []);
    assert.deepEqual(problems(text, engineOptions(readSettings({ tolerance: 1 }).settings)).map((f) => f.rule), ['totals']);
  });
});

describe('the settings the extension declares', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { minimum?: number; maximum?: number; pattern?: string; enum?: string[]; default?: unknown }> } } };
  const properties = pkg.contributes.configuration.properties;
  const declared = Object.keys(properties).map((k) => k.replace(/^scalingPlan\./, ''));

  it('are all read by the settings schema (but the client\'s trace setting)', () => {
    const shape = Object.keys(settingsSchema.shape);
    assert.deepEqual(
      declared.filter((k) => !shape.includes(k)),
      ['trace.server'],
    );
  });

  it('have defaults the settings schema accepts', () => {
    for (const key of declared.filter((k) => k !== 'trace.server')) {
      const value = properties[`scalingPlan.${key}`]!.default;
      const { dropped } = readSettings({ [key]: value });
      assert.deepEqual(dropped, [], `${key}: ${JSON.stringify(value)}`);
    }
  });

  it('have the bounds the settings schema enforces', () => {
    const max = properties['scalingPlan.maxSize']!;
    assert.deepEqual(readSettings({ maxSize: max.minimum }).dropped, []);
    assert.deepEqual(readSettings({ maxSize: max.minimum! - 1 }).dropped, [`maxSize: Too small: expected number to be >=${max.minimum}`]);
    const debounce = properties['scalingPlan.debounce']!;
    assert.deepEqual(readSettings({ debounce: debounce.minimum }).dropped, []);
    assert.deepEqual(readSettings({ debounce: debounce.maximum }).dropped, []);
    assert.deepEqual(readSettings({ debounce: debounce.maximum! + 1 }).dropped, [`debounce: Too big: expected number to be <=${debounce.maximum}`]);
    const month = properties['scalingPlan.month']!;
    for (const m of month.enum!) assert.deepEqual(readSettings({ month: m }).dropped, [], m);
    const tolerance = new RegExp(properties['scalingPlan.tolerance']!.pattern!);
    for (const t of ['0%', '1%', ' 2.5 % ']) {
      assert.ok(tolerance.test(t), t);
      assert.deepEqual(readSettings({ tolerance: t }).dropped, [], t);
    }
  });
});
