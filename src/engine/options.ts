/**
 * The plan's frontmatter and the editor's settings, read through zod schemas whose transforms
 * give the typed values: one meaning for every key. A tolerance is a percentage (`1%`) or a
 * fraction below 0.2 (`0.01`); `0.5` or `1` are reported, never read as 50% or 100%. Bad values
 * are findings on their key (frontmatter) or ignored with the default kept (settings): never a
 * crash.
 */
import { z } from 'zod';
import { isMap, isScalar, LineCounter, parseDocument as parseYaml, type Node as YamlNode, type Pair } from 'yaml';
import type { EngineOptions, Finding, Severity, Span } from './types';

const PERCENT = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/;
/** What the JSON Schema says a string value looks like (the transforms below give the messages). */
const PERCENT_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*%\\s*$';
const AMOUNT_PATTERN = '^\\s*(?:[$€£¥₹]\\s*)?\\d[\\d,]*(?:\\.\\d+)?\\s*$';

/** A value for a message: short, on one line (`"abc"`, `NaN`, `null`, `true`, `a list`). */
function shown(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = `"${v}"`;
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null || v === undefined) s = String(v);
  else if (Array.isArray(v)) s = 'a list';
  else s = 'a mapping';
  s = s.replace(/\s+/g, ' ');
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** A share: `5%`, or a fraction below 1 (`0.05`). */
const share = (examples: string[]) =>
  z
  .union([z.number(), z.string().meta({ pattern: PERCENT_PATTERN })], { error: (iss) => `expected a percentage such as 5% or a fraction below 1, got ${shown(iss.input)}` })
  .meta({ examples })
  .transform((v, ctx) => {
    if (typeof v === 'number') {
      if (v >= 0 && v < 1) return v;
      ctx.addIssue({ code: 'custom', message: `${v} is not a share: write a percentage such as ${v}% or a fraction below 1` });
      return z.NEVER;
    }
    const m = PERCENT.exec(v);
    if (m && Number(m[1]) >= 0 && Number(m[1]) < 100) return Number(m[1]) / 100;
    ctx.addIssue({ code: 'custom', message: `expected a percentage such as 5%, got "${v}"` });
    return z.NEVER;
  })
  .describe('A share: a percentage such as `5%`, or a fraction below 1 such as `0.05`.');

/** A tolerance: `1%`, or a fraction below 0.2 (`0.01`). `0.5` would be 50%: reported. */
export const tolerance = z
  .union([z.number(), z.string().meta({ pattern: PERCENT_PATTERN })], { error: (iss) => `expected a percentage below 20% such as 1%, got ${shown(iss.input)}` })
  .meta({ examples: ['1%', '5%'] })
  .transform((v, ctx) => {
    if (typeof v === 'number') {
      if (v >= 0 && v < 0.2) return v;
      ctx.addIssue({ code: 'custom', message: `tolerance ${v} would be ${Math.round(v * 10000) / 100}%: write a percentage such as ${v}% (or a fraction below 0.2, such as 0.01 for 1%)` });
      return z.NEVER;
    }
    const m = PERCENT.exec(v);
    if (m && Number(m[1]) >= 0 && Number(m[1]) < 20) return Number(m[1]) / 100;
    ctx.addIssue({ code: 'custom', message: `expected a percentage below 20% such as 1%, got "${v}"` });
    return z.NEVER;
  })
  .describe('Extra relative tolerance for the arithmetic checks: a percentage such as `1%` (or a fraction below 0.2 such as `0.01`).');

/** An amount of money: `12`, `12.50` or `"$12"`. */
const amount = (examples: number[]) =>
  z
  .union([z.number().nonnegative(), z.string().meta({ pattern: AMOUNT_PATTERN })], { error: (iss) => `expected an amount such as 12 or $12, got ${shown(iss.input)}` })
  .meta({ examples })
  .transform((v, ctx) => {
    if (typeof v === 'number') return v;
    const m = /^\s*(?:[$€£¥₹]\s*)?(\d[\d,]*(?:\.\d+)?)\s*$/.exec(v);
    if (m) return Number(m[1]!.replace(/,/g, ''));
    ctx.addIssue({ code: 'custom', message: `expected an amount such as 12 or $12, got "${v}"` });
    return z.NEVER;
  })
  .describe('An amount of money per month: `12`, `12.50` or `"$12"`.');

export const assumptionsSchema = z
  .object({
    arpu: amount([10]).optional().describe('Average revenue per user per month, over all users.'),
    conversion: share(['5%']).optional().describe('Share of users who pay.'),
    price: amount([20]).optional().describe('Price per paying user per month.'),
    growth: share(['10%', '20%']).optional().describe('Month-over-month user growth.'),
    'start-users': z.number().int().nonnegative().optional().describe('Users at month 0 of the growth model.').meta({ examples: [100] }),
  })
  .strict();

export const frontmatterSchema = z
  .object({
    'scaling-plan': z.union([z.literal(1), z.literal(true)], { error: (iss) => `expected 1 (format version 1) or true, got ${shown(iss.input)}` }).describe('Marks the document as a scaling plan (format version 1).'),
    product: z.string().optional().describe('Product name.'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as USD').optional().describe('ISO currency code.').meta({ examples: ['USD', 'EUR', 'GBP', 'INR'] }),
    month: z.enum(['30d', '730h']).optional().describe('How downtime per month is computed: a 30-day month or 730 hours.'),
    tolerance: tolerance.optional(),
    numbers: z.enum(['auto', 'dot', 'comma']).optional().describe('How the plan writes numbers: `dot` (1,234.56), `comma` (1.234,56), or `auto` to read it from the text.'),
    assumptions: assumptionsSchema.optional().describe('Assumptions the arithmetic checks use.'),
  })
  .strict()
  .describe('Frontmatter of a scaling-plan document.');

export type FrontmatterValues = z.output<typeof frontmatterSchema>;

/** A value stated in the frontmatter, with where. */
export interface Stated<T> {
  value: T;
  span: Span;
}

export interface Frontmatter {
  /** The document has frontmatter of this product (`scaling-plan: 1`). */
  isPlan: boolean;
  product?: string;
  currency?: string;
  options: Partial<Pick<EngineOptions, 'month' | 'tolerance' | 'numbers'>>;
  assumptions: Partial<Record<'arpu' | 'conversion' | 'price' | 'growth' | 'startUsers', Stated<number>>>;
  findings: Finding[];
}

export const NO_FRONTMATTER: Frontmatter = { isPlan: false, options: {}, assumptions: {}, findings: [] };

const MAX_KEYS = 2000;
/** `scaling-plan:` as a top-level key: at the start of a line. */
const TOP_LEVEL_MARK = /^scaling-plan[ \t]*:/m;
/** `scaling-plan:` as a key of a top-level list's item (`- scaling-plan: 1`). */
const LISTED_MARK = /^-[ \t]+scaling-plan[ \t]*:/m;

/** Reads the frontmatter text whose first character is at `offset` in the document. */
export function readFrontmatter(text: string, offset: number): Frontmatter {
  const out: Frontmatter = { isPlan: false, options: {}, assumptions: {}, findings: [] };
  const finding = (message: string, span: Span): void => {
    out.findings.push({ rule: 'frontmatter', severity: 'error', message, span, fixes: [], related: [] });
  };
  // Only the frontmatter of this product is read: others belong to other tools. A plan's
  // frontmatter has `scaling-plan` as a top-level key (as `hasPlanFrontmatter` reads it); one
  // nested under another key is some other tool's. A list of the plan's keys
  // (`- scaling-plan: 1`) is reported as not a mapping, but makes no plan.
  const listed = !TOP_LEVEL_MARK.test(text);
  if (listed && !LISTED_MARK.test(text)) return out;
  const lineCounter = new LineCounter();
  // Duplicate keys are found below in one pass (the parser's own check is quadratic).
  const doc = parseYaml(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const spanOf = (node: { range?: [number, number, number] | null } | null | undefined): Span =>
    node?.range ? { start: offset + node.range[0], end: offset + node.range[1] } : { start: offset, end: offset + Math.max(0, text.indexOf('\n')) };
  if (listed) {
    const root = doc.errors.length === 0 ? doc.contents : null;
    if (root && !isMap(root)) {
      const span = spanOf(root as YamlNode);
      // A list's range runs to the next line: the finding covers its text only.
      span.end = Math.max(span.start + 1, offset + text.slice(0, span.end - offset).trimEnd().length);
      finding('Frontmatter must be a mapping of keys to values.', span);
    }
    return out;
  }
  out.isPlan = true;
  if (doc.errors.length > 0) {
    const end = text.trimEnd().length;
    for (const err of doc.errors.slice(0, 5)) {
      let [a, b] = err.pos;
      if (a >= end - 1) {
        a = text.slice(0, end).lastIndexOf('\n') + 1;
        b = end;
      }
      finding(`Frontmatter is not valid YAML: ${err.message.split('\n')[0]}`, { start: offset + a, end: offset + Math.max(a + 1, b) });
    }
    return out;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    if (root !== null) finding('Frontmatter must be a mapping of keys to values.', spanOf(root as YamlNode));
    return out;
  }
  if (root.items.length > MAX_KEYS) {
    finding(`Frontmatter has ${root.items.length} keys; a plan's frontmatter has a handful. Not read.`, spanOf(root as YamlNode));
    return out;
  }
  // Duplicate keys, in one pass per mapping.
  const duplicates = (map: typeof root, path: string): boolean => {
    const seen = new Set<unknown>();
    let dup = false;
    for (const p of map.items) {
      const k = isScalar(p.key) ? p.key.value : String(p.key);
      if (seen.has(k)) {
        finding(`Duplicate frontmatter key \`${path}${String(k)}\`.`, spanOf(p.key as YamlNode));
        dup = true;
      }
      seen.add(k);
      if (isMap(p.value) && p.value.items.length <= MAX_KEYS) dup = duplicates(p.value, `${path}${String(k)}.`) || dup;
    }
    return dup;
  };
  if (duplicates(root, '')) return out;
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (err) {
    finding(`Frontmatter is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { start: offset, end: offset + text.trimEnd().length });
    return out;
  }
  const pairAt = (path: (string | number)[]): Pair | undefined => pairAtPath(root, path);
  const parsed = frontmatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
      const target = issue.code === 'unrecognized_keys' ? [...path, ...issue.keys.slice(0, 1)] : path;
      const pair = pairAt(target);
      const node = (issue.code === 'unrecognized_keys' ? pair?.key : pair?.value ?? pair?.key) ?? root;
      const where = target.length ? `\`${target.join('.')}\`` : 'frontmatter';
      finding(issue.code === 'unrecognized_keys' ? `Unknown frontmatter key ${where}; expected one of the keys in the scaling-plan schema.` : `Invalid frontmatter value for ${where}: ${issue.message}.`, spanOf(node as YamlNode));
    }
  }
  // Keys that are valid are used even when others are not.
  const field = <T>(schema: z.ZodType<T>, value: unknown): T | undefined => {
    const r = schema.safeParse(value);
    return r.success ? r.data : undefined;
  };
  const fm = data;
  const product = field(z.string(), fm.product);
  if (product !== undefined) out.product = product;
  const currency = field(frontmatterSchema.shape.currency, fm.currency);
  if (currency) out.currency = currency;
  const month = field(frontmatterSchema.shape.month, fm.month);
  if (month) out.options.month = month;
  const tol = field(tolerance, fm.tolerance);
  if (tol !== undefined) out.options.tolerance = tol;
  const numbers = field(frontmatterSchema.shape.numbers, fm.numbers);
  if (numbers) out.options.numbers = numbers;
  const a = fm.assumptions;
  if (a && typeof a === 'object') {
    const shape = assumptionsSchema.shape;
    const read = (key: 'arpu' | 'conversion' | 'price' | 'growth' | 'start-users', as: keyof Frontmatter['assumptions']): void => {
      const v = field(shape[key] as z.ZodType<number | undefined>, (a as Record<string, unknown>)[key]);
      if (v === undefined || !Number.isFinite(v)) return;
      const pair = pairAt(['assumptions', key]);
      out.assumptions[as] = { value: v, span: spanOf((pair?.value ?? pair?.key) as YamlNode) };
    };
    read('arpu', 'arpu');
    read('conversion', 'conversion');
    read('price', 'price');
    read('growth', 'growth');
    read('start-users', 'startUsers');
  }
  return out;
}

const SEVERITY = z.enum(['off', 'error', 'warning', 'information', 'hint']);
const RULE_SEVERITY = z.union([SEVERITY, z.literal('info').transform(() => 'information' as const), z.literal(false).transform(() => 'off' as const)]);

/** The editor's settings (`scalingPlan.*`) and the config file's keys: each value read or dropped. */
export const settingsSchema = z
  .object({
    rules: z.record(z.string(), RULE_SEVERITY).optional(),
    month: z.enum(['auto', '30d', '730h']).optional(),
    tolerance: tolerance.optional(),
    numbers: z.enum(['auto', 'dot', 'comma']).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as USD').optional(),
    blanks: z.boolean().optional(),
    globs: z.union([z.array(z.string()), z.string().transform((s) => [s])], { error: 'expected a glob or a list of globs' }).optional(),
    ignores: z.union([z.array(z.string()), z.string().transform((s) => [s])], { error: 'expected a glob or a list of globs' }).optional(),
    maxSize: z.number().int().min(1024).max(64 * 1024 * 1024).optional(),
    debounce: z.number().min(0).max(5000).optional(),
    fixOnSave: z.boolean().optional(),
  })
  .passthrough();

export type Settings = z.output<typeof settingsSchema>;

/**
 * Settings from an untrusted source (a workspace, a client): each key that reads is kept,
 * each that does not is dropped, with why (`tolerance: expected a percentage …`, for a log
 * line). Keys are looked up as own properties only: `constructor` or `__proto__` in a
 * workspace's JSON are unknown keys, not members of Object.prototype.
 */
export function readSettings(raw: unknown): { settings: Settings; dropped: string[] } {
  const settings: Settings = {};
  const dropped: string[] = [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { settings, dropped };
  const shape = settingsSchema.shape as Record<string, z.ZodType<unknown>>;
  const why = (error: z.ZodError): string => error.issues[0]?.message ?? 'invalid value';
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!Object.hasOwn(shape, key)) continue;
    const schema = shape[key]!;
    if (key === 'rules' && value && typeof value === 'object' && !Array.isArray(value)) {
      const rules: Record<string, Severity | 'off'> = {};
      for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
        const r = RULE_SEVERITY.safeParse(typeof sev === 'string' ? sev.toLowerCase() : sev);
        // defineProperty: a rule named `__proto__` is a key like any other, never the prototype.
        if (r.success) Object.defineProperty(rules, id, { value: r.data, enumerable: true, writable: true, configurable: true });
        else dropped.push(`rules.${id}: expected one of off, error, warning, information, hint, got ${shown(sev)}`);
      }
      settings.rules = rules;
      continue;
    }
    const r = schema.safeParse(value);
    if (r.success) (settings as Record<string, unknown>)[key] = r.data;
    else dropped.push(`${key}: ${why(r.error)}`);
  }
  return { settings, dropped };
}

/** Engine options from settings (frontmatter applied on top by the engine). */
export function engineOptions(settings: Settings): Partial<EngineOptions> {
  const o: Partial<EngineOptions> = {};
  if (settings.rules) o.rules = { ...settings.rules };
  if (settings.month) o.month = settings.month;
  if (settings.tolerance !== undefined) o.tolerance = settings.tolerance;
  if (settings.numbers) o.numbers = settings.numbers;
  if (settings.currency) o.currency = settings.currency;
  if (settings.maxSize !== undefined) o.maxSize = settings.maxSize;
  if (settings.blanks === false) o.rules = { ...o.rules, blanks: o.rules?.blanks ?? 'off' };
  return o;
}

/**
 * The deepest key–value pair of a YAML tree along `path` (the pair of the last key found): where
 * a schema problem at that path is shown.
 */
export function pairAtPath(root: unknown, path: readonly (string | number)[]): Pair | undefined {
  let node: unknown = root;
  let pair: Pair | undefined;
  for (const key of path) {
    if (!isMap(node)) return pair;
    const found = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!found) return pair;
    pair = found as Pair;
    node = found.value;
  }
  return pair;
}
