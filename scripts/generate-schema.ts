/**
 * Writes `schemas/scaling-plan.schema.json`, the JSON Schema of a plan's frontmatter, and
 * `schemas/scaling-plan-config.schema.json`, that of the project config file
 * (`.scaling-plan.yaml` / `.json`), from the engine's zod schemas. Run by `npm run schema`;
 * `--check` only reports drift (exit 1) without writing. test/schema.test.ts and
 * test/config.test.ts fail when a committed file differs from what this generates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { frontmatterSchema } from '../src/engine/options';
import { configSchema } from '../src/engine/config';

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

export const CONFIG_SCHEMA_PATH = resolve(__dirname, '..', 'schemas', 'scaling-plan-config.schema.json');

export const CONFIG_SCHEMA_ID = 'https://raw.githubusercontent.com/scaling-plan/scaling-plan/main/schemas/scaling-plan-config.schema.json';

/** The config file schema's exact text. */
export function generateConfigSchema(): string {
  const { $schema, description: _description, ...body } = z.toJSONSchema(configSchema, { io: 'input' }) as Record<string, unknown>;
  const schema = {
    $schema,
    $id: CONFIG_SCHEMA_ID,
    title: 'Scaling Plan configuration',
    description:
      'A .scaling-plan.yaml or .scaling-plan.json file: rules, month convention, tolerance, currency, number convention, which files are plans and which to ignore, for the CLI and the editor. The nearest file above a plan applies. See docs/configuration.md.',
    ...body,
  };
  return JSON.stringify(schema, null, 2) + '\n';
}

function main(args: string[]): number {
  let drift = 0;
  for (const [path, text] of [
    [SCHEMA_PATH, generateSchema()],
    [CONFIG_SCHEMA_PATH, generateConfigSchema()],
  ] as const) {
    if (args.includes('--check')) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // A missing file is drift too.
      }
      if (current === text) continue;
      process.stderr.write(`${path} is out of date: run npm run schema\n`);
      drift = 1;
      continue;
    }
    writeFileSync(path, text);
    process.stdout.write(`wrote ${path}\n`);
  }
  return drift;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
