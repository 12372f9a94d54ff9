/**
 * The committed JSON Schema of the frontmatter is what scripts/generate-schema.ts writes from
 * the engine's zod schema (no drift), and it accepts and rejects what the engine does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { frontmatterSchema } from '../src/engine';
import { assumptionsSchema } from '../src/engine/frontmatter';
import { generateSchema, SCHEMA_ID, SCHEMA_PATH } from '../scripts/generate-schema';
import { ROOT } from './helpers';

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
assumptions:
  arpu: 12
  conversion: 5%
  price: "$18.99"
  growth: 0.2
  start-users: 100
`;

/** Frontmatter that the schema (and the engine) must reject, each for one reason. */
const bad: [string, string][] = [
  ['unknown key', 'scaling-plan: 1\nowner: Ana\n'],
  ['unknown assumption', 'scaling-plan: 1\nassumptions:\n  churn: 3%\n'],
  ['missing scaling-plan', 'product: Ledgerly\n'],
  ['scaling-plan version 2', 'scaling-plan: 2\n'],
  ['month 31d', 'scaling-plan: 1\nmonth: 31d\n'],
  ['tolerance in words', 'scaling-plan: 1\ntolerance: lots\n'],
  ['lower-case currency', 'scaling-plan: 1\ncurrency: usd\n'],
  ['negative ARPU', 'scaling-plan: 1\nassumptions:\n  arpu: -5\n'],
  ['ARPU in words', 'scaling-plan: 1\nassumptions:\n  arpu: twelve\n'],
  ['fractional start-users', 'scaling-plan: 1\nassumptions:\n  start-users: 10.5\n'],
  ['assumptions not a mapping', 'scaling-plan: 1\nassumptions: 5\n'],
];

describe('frontmatter JSON Schema', () => {
  it('is what scripts/generate-schema.ts generates (run `npm run schema` after changing the zod schema)', () => {
    assert.equal(committed(), generateSchema());
  });

  it('is pretty-printed JSON with a trailing newline, an $id, a title and a description', () => {
    const text = committed();
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    const schema = JSON.parse(text) as Record<string, unknown>;
    assert.equal(text, JSON.stringify(schema, null, 2) + '\n');
    assert.equal(schema.$id, SCHEMA_ID);
    assert.equal(typeof schema.title, 'string');
    assert.equal(typeof schema.description, 'string');
    assert.deepEqual(schema.required, ['scaling-plan']);
  });

  it('accepts a complete frontmatter', () => {
    const data = parseYaml(good) as unknown;
    assert.equal(validator()(data), true);
    assert.equal(frontmatterSchema.safeParse(data).success, true);
  });

  it('accepts the examples of the frontmatter reference and the brief', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'frontmatter.md'), 'utf8');
    const blocks = [...doc.matchAll(/^```yaml\n---\n([\s\S]*?)^---\n```$/gm)].map((m) => m[1]!);
    assert.ok(blocks.length >= 1, 'docs/frontmatter.md shows a complete example');
    for (const block of blocks) assert.equal(validator()(parseYaml(block)), true, block);
  });

  it('has every key documented in docs/frontmatter.md', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'frontmatter.md'), 'utf8');
    for (const key of [...Object.keys(frontmatterSchema.shape), ...Object.keys(assumptionsSchema.shape)]) {
      assert.ok(doc.includes(`| \`${key}\` |`), `docs/frontmatter.md has a table row for \`${key}\``);
    }
  });

  for (const [name, yaml] of bad) {
    it(`rejects ${name}, as the engine's zod schema does`, () => {
      const data = parseYaml(yaml) as unknown;
      assert.equal(validator()(data), false);
      assert.equal(frontmatterSchema.safeParse(data).success, false);
    });
  }
});
