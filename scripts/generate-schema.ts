/**
 * Writes `schemas/scaling-plan.schema.json`, the JSON Schema of a plan's frontmatter, from the
 * engine's zod schema. Run by `npm run schema`; `--check` only reports drift (exit 1) without
 * writing. test/schema.test.ts fails when the committed file differs from what this generates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { frontmatterSchema } from '../src/engine/options';

export const SCHEMA_PATH = resolve(__dirname, '..', 'schemas', 'scaling-plan.schema.json');

export const SCHEMA_ID = 'https://raw.githubusercontent.com/scaling-plan/scaling-plan/main/schemas/scaling-plan.schema.json';

/** The schema file's exact text: pretty-printed, with a trailing newline. */
export function generateSchema(): string {
  const { $schema, description: _description, ...body } = z.toJSONSchema(frontmatterSchema, { io: 'input' }) as Record<string, unknown>;
  const schema = {
    $schema,
    $id: SCHEMA_ID,
    title: 'Scaling plan frontmatter',
    description:
      'YAML frontmatter of a scaling-plan markdown document: marks it as a plan and declares the assumptions its arithmetic checks use. See docs/frontmatter.md.',
    ...body,
  };
  return JSON.stringify(schema, null, 2) + '\n';
}

function main(args: string[]): number {
  const text = generateSchema();
  if (args.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_PATH, 'utf8');
    } catch {
      // A missing file is drift too.
    }
    if (current === text) return 0;
    process.stderr.write(`${SCHEMA_PATH} is out of date: run npm run schema\n`);
    return 1;
  }
  writeFileSync(SCHEMA_PATH, text);
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
