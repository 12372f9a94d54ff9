/**
 * The project configuration file (`.scaling-plan.yaml`, `.scaling-plan.yml` or
 * `.scaling-plan.json`), read from its text: one schema for the CLI and the editor, the same
 * value types as the editor's settings and the frontmatter (options.ts). Pure: finding and
 * reading the file is the caller's (src/config). The text is untrusted: a file too large, YAML
 * or JSON that does not parse, an unknown key or a bad value each give a problem with where it
 * is; keys that read are used even when others do not. Never throws.
 */
import { z } from 'zod';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { engineOptions, pairAtPath, readSettings, tolerance, type Settings } from './options';
import { rules as registry } from './rules';
import { ENGINE_FINDING_IDS } from './suppress';
import type { EngineOptions, Span } from './types';

export const CONFIG_FILE_NAMES = ['.scaling-plan.yaml', '.scaling-plan.yml', '.scaling-plan.json'] as const;

/** Config files larger than this are not read (a project's config has a few dozen lines). */
export const MAX_CONFIG_BYTES = 256 * 1024;

const severity = z
  .enum(['off', 'error', 'warning', 'information', 'hint'], { error: (iss) => `expected off, error, warning, information or hint, got ${shown(iss.input)}` })
  .describe('`off`, or the severity findings of this rule are reported with.');

const ruleIds = [...registry.map((r) => r.meta.id), ...ENGINE_FINDING_IDS];

const rulesSchema = z
  .object(Object.fromEntries(ruleIds.map((id) => [id, severity.optional().describe(registry.find((r) => r.meta.id === id)?.meta.description ?? `Findings \`${id}\` of the engine.`)])))
  .strict()
  .describe('Severity of each rule, or `off`. Rules not listed keep their default severity.');

const globs = (what: string) =>
  z
    .array(z.string().max(500), { error: 'expected a list of globs' })
    .max(100)
    .describe(what);

export const configSchema = z
  .object({
    $schema: z.string().optional().describe('The JSON Schema of this file (for editors).'),
    rules: rulesSchema.optional(),
    month: z.enum(['auto', '30d', '730h'], { error: (iss) => `expected auto, 30d or 730h, got ${shown(iss.input)}` }).optional().describe('How downtime per month is computed from an uptime percentage: `30d` (a 30-day month), `730h` (730 hours), or `auto` (both accepted).'),
    tolerance: tolerance.optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter currency code such as USD').optional().describe('Default ISO currency code for bare `$` amounts.').meta({ examples: ['USD', 'EUR'] }),
    numbers: z.enum(['auto', 'dot', 'comma'], { error: (iss) => `expected auto, dot or comma, got ${shown(iss.input)}` }).optional().describe('How plans write numbers: `dot` (1,234.56), `comma` (1.234,56), or `auto` to read it from each plan.'),
    blanks: z.boolean({ error: (iss) => `expected true or false, got ${shown(iss.input)}` }).optional().describe('Report unfilled template blanks (`___`).'),
    globs: globs('Markdown files whose path matches one of these globs are plans whatever their content (relative to this file\'s folder; `/` anchors a glob there).').optional(),
    ignores: globs('Files and folders never checked (relative to this file\'s folder; `/` anchors a glob there).').optional(),
    maxSize: z.number().int().min(1024).max(64 * 1024 * 1024).optional().describe('Documents longer than this many characters are not analysed.'),
    reportUnusedDisables: z.boolean({ error: (iss) => `expected true or false, got ${shown(iss.input)}` }).optional().describe('Report suppression comments that silence nothing (`unused-disable`).'),
  })
  .strict()
  .describe('Scaling Plan project configuration: rules, conventions and which files are plans.');

export const CONFIG_KEYS: readonly string[] = Object.keys(configSchema.shape);

export interface ConfigProblem {
  message: string;
  span: Span;
}

export interface ConfigValues {
  settings: Settings;
  reportUnusedDisables?: boolean;
  globs: string[];
  ignores: string[];
}

export interface ParsedConfig {
  values: ConfigValues;
  problems: ConfigProblem[];
  /** The engine options the file stands for. */
  options: Partial<EngineOptions>;
}

function shown(v: unknown): string {
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 39)}…` : v}"`;
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'a list' : 'a mapping';
}

const EMPTY: ConfigValues = { settings: {}, globs: [], ignores: [] };

/** Reads a config file's text; `json` for `.scaling-plan.json` (JSON is read as the YAML it is). */
export function parseConfig(text: string, json = false): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const done = (values: ConfigValues = EMPTY): ParsedConfig => {
    const options = engineOptions(values.settings);
    if (values.reportUnusedDisables !== undefined) options.reportUnusedDisables = values.reportUnusedDisables;
    return { values, problems, options };
  };
  if (text.length > MAX_CONFIG_BYTES) {
    problems.push({ message: `The config file is ${Math.round(text.length / 1024)} KB; a config file has at most ${MAX_CONFIG_BYTES / 1024} KB. Not read.`, span: { start: 0, end: 0 } });
    return done();
  }
  const body = text.replace(/^\uFEFF/, '');
  const shift = text.length - body.length;
  // Duplicate keys are found below in one pass (the parser's own check compares every pair).
  const doc = parseDocument(body, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
  const spanOf = (node: { range?: [number, number, number] | null } | null | undefined): Span =>
    node?.range ? { start: shift + node.range[0], end: shift + Math.max(node.range[0], node.range[1]) } : { start: 0, end: Math.max(0, body.indexOf('\n')) };
  if (doc.errors.length > 0) {
    for (const err of doc.errors.slice(0, 5)) {
      const [a, b] = err.pos;
      problems.push({ message: `Not valid ${json ? 'JSON' : 'YAML'}: ${err.message.split('\n')[0]}`, span: { start: shift + a, end: shift + Math.max(a + 1, b) } });
    }
    return done();
  }
  const root = doc.contents;
  if (root === null) return done();
  if (!isMap(root)) {
    problems.push({ message: 'A config file is a mapping of keys to values.', span: spanOf(root as YamlNode) });
    return done();
  }
  // Duplicate keys, in one pass over every mapping (a set of the keys seen in each).
  const duplicates: Pair[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > 100 || duplicates.length >= 5) return;
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const p of node.items) {
        const k = isScalar(p.key) ? p.key.value : String(p.key);
        if (seen.has(k)) duplicates.push(p as Pair);
        seen.add(k);
        walk(p.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item, depth + 1);
    }
  };
  walk(root, 0);
  if (duplicates.length > 0) {
    for (const p of duplicates.slice(0, 5)) problems.push({ message: `Not valid ${json ? 'JSON' : 'YAML'}: the key \`${String(isScalar(p.key) ? p.key.value : p.key)}\` is written twice in one mapping.`, span: spanOf(p.key as YamlNode) });
    return done();
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    problems.push({ message: `Not valid ${json ? 'JSON' : 'YAML'}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, span: { start: 0, end: text.length } });
    return done();
  }
  const pairAt = (path: (string | number)[]): Pair | undefined => pairAtPath(root, path);
  const parsed = configSchema.safeParse(data);
  const bad = new Set<string>();
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 50)) {
      const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
      if (path[0] !== undefined) bad.add(String(path[0]));
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys.slice(0, 10)) {
          const pair = pairAt([...path, key]);
          const where = [...path, key].join('.');
          const expected = path.length === 0 ? `expected one of ${CONFIG_KEYS.filter((k) => k !== '$schema').join(', ')}` : path[0] === 'rules' ? 'not a rule of Scaling Plan' : 'not a key of the schema';
          problems.push({ message: `Unknown key \`${where}\`: ${expected}.`, span: spanOf((pair?.key ?? root) as YamlNode) });
        }
        continue;
      }
      const pair = pairAt(path);
      const where = path.length ? `\`${path.join('.')}\`` : 'the config file';
      problems.push({ message: `Invalid value for ${where}: ${issue.message}.`, span: spanOf((pair?.value ?? pair?.key ?? root) as YamlNode) });
    }
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  // Each key that reads is used; a key with a problem keeps its default.
  const record = data as Record<string, unknown>;
  const good: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(configSchema.shape, key) || key === '$schema') continue;
    if (key === 'rules' && record.rules && typeof record.rules === 'object' && !Array.isArray(record.rules)) {
      const rules: Record<string, unknown> = {};
      for (const [id, sev] of Object.entries(record.rules as Record<string, unknown>)) {
        if (ruleIds.includes(id) && severity.safeParse(sev).success) rules[id] = sev;
      }
      good.rules = rules;
      continue;
    }
    if (!bad.has(key)) good[key] = record[key];
  }
  const { settings } = readSettings(good);
  const values: ConfigValues = { settings, globs: [], ignores: [] };
  if (typeof good.reportUnusedDisables === 'boolean') values.reportUnusedDisables = good.reportUnusedDisables;
  if (Array.isArray(good.globs)) values.globs = good.globs as string[];
  if (Array.isArray(good.ignores)) values.ignores = good.ignores as string[];
  delete values.settings.globs;
  delete values.settings.ignores;
  return done(values);
}
