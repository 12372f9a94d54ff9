/**
 * The plan's YAML frontmatter: its schema (zod, exported to JSON Schema in `schemas/`), and a
 * reader that never throws: broken YAML and invalid keys become findings on the offending key.
 */
import { z } from 'zod';
import { isMap, isScalar, LineCounter, parseDocument as parseYaml, type Node as YamlNode, type Pair } from 'yaml';
import type { Finding, Month, Span } from './types';

const percent = z
  .union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*%\s*$/, 'a percentage such as 5%')])
  .describe('A percentage: `5%` or a fraction such as 0.05.');
const money = z
  .union([z.number().nonnegative(), z.string().regex(/^\s*(?:[$€£]\s*)?\d[\d,]*(?:\.\d+)?\s*$/, 'an amount such as 12 or $12')])
  .describe('An amount of money per month, e.g. 12 or $12.');

export const assumptionsSchema = z
  .object({
    arpu: money.optional().describe('Average revenue per user per month, over all users.'),
    conversion: percent.optional().describe('Share of users who pay.'),
    price: money.optional().describe('Price per paying user per month.'),
    growth: percent.optional().describe('Month-over-month user growth.'),
    'start-users': z.number().int().nonnegative().optional().describe('Users at month 0 of the growth model.'),
  })
  .strict();

export const frontmatterSchema = z
  .object({
    'scaling-plan': z.union([z.literal(1), z.literal(true)]).describe('Marks the document as a scaling plan (format version 1).'),
    product: z.string().optional().describe('Product name.'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as USD').optional().describe('ISO currency code.'),
    month: z.enum(['30d', '730h']).optional().describe('How downtime per month is computed: a 30-day month or 730 hours.'),
    tolerance: percent.optional().describe('Extra relative tolerance for arithmetic checks, e.g. 1%.'),
    assumptions: assumptionsSchema.optional().describe('Assumptions the arithmetic checks use.'),
  })
  .strict()
  .describe('Frontmatter of a scaling-plan document.');

export type FrontmatterData = z.infer<typeof frontmatterSchema>;

export interface Assumption {
  value: number;
  span: Span;
}

export interface Frontmatter {
  present: boolean;
  isPlan: boolean;
  month?: Month;
  tolerance?: number;
  product?: string;
  assumptions: Partial<Record<'arpu' | 'conversion' | 'price' | 'growth' | 'start-users', Assumption>>;
  findings: Finding[];
}

/** Reads `12`, `$12`, `5%` or `0.05` as a number; percentages become fractions when `fraction`. */
export function toNumber(v: unknown, fraction: boolean | 'percent'): number | undefined {
  // A bare tolerance is a percentage (1 → 1%); a bare share is a fraction up to 1 (0.05 or 5 → 5%).
  if (typeof v === 'number') return fraction === 'percent' ? v / 100 : fraction && v > 1 ? v / 100 : v;
  if (typeof v !== 'string') return undefined;
  const pct = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
  if (pct) return Number(pct[1]) / 100;
  const n = Number(v.replace(/[$€£,\s]/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** Reads the frontmatter text whose first character is at `offset` in the document. */
export function readFrontmatter(text: string, offset: number): Frontmatter {
  const result: Frontmatter = { present: true, isPlan: false, assumptions: {}, findings: [] };
  const lineCounter = new LineCounter();
  const doc = parseYaml(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const spanOf = (node: { range?: [number, number, number] | null } | null | undefined): Span =>
    node?.range ? { start: offset + node.range[0], end: offset + node.range[1] } : { start: offset, end: offset + Math.max(0, text.indexOf('\n')) };
  if (doc.errors.length > 0) {
    // Broken YAML still says whose it is.
    result.isPlan = /^scaling-plan\s*:/m.test(text);
    result.present = result.isPlan;
    const contentEnd = text.trimEnd().length;
    for (const err of doc.errors.slice(0, 5)) {
      let [a, b] = err.pos;
      // An error found only at the end (an unclosed `[` or `{`) belongs to the last line written.
      if (a >= contentEnd - 1) {
        const lastLine = text.slice(0, contentEnd).lastIndexOf('\n') + 1;
        a = lastLine;
        b = contentEnd;
      }
      result.findings.push({
        rule: 'frontmatter',
        severity: 'error',
        message: `Frontmatter is not valid YAML: ${err.message.split('\n')[0]}`,
        span: { start: offset + a, end: offset + Math.max(a + 1, b) },
        fixes: [],
        related: [],
      });
    }
    return result;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    if (root !== null) {
      result.findings.push({
        rule: 'frontmatter',
        severity: 'error',
        message: 'Frontmatter must be a mapping of keys to values.',
        span: spanOf(root as YamlNode),
        fixes: [],
        related: [],
      });
    }
    return result;
  }
  let data: Record<string, unknown>;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch (err) {
    result.isPlan = /^scaling-plan\s*:/m.test(text);
    result.present = result.isPlan;
    result.findings.push({
      rule: 'frontmatter',
      severity: 'error',
      message: `Frontmatter is not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      span: { start: offset, end: offset + text.trimEnd().length },
      fixes: [],
      related: [],
    });
    return result;
  }
  // The frontmatter belongs to this product only when it says so.
  if (!('scaling-plan' in data)) {
    result.present = false;
    return result;
  }
  const keyNode = (path: (string | number)[]): Pair | undefined => {
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
  };
  const parsed = frontmatterSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
      let target = path;
      if (issue.code === 'unrecognized_keys') target = [...path, ...issue.keys.slice(0, 1)];
      const pair = keyNode(target);
      const node = (pair?.key ?? pair?.value ?? root) as YamlNode;
      const where = target.length ? `\`${target.join('.')}\`` : 'frontmatter';
      result.findings.push({
        rule: 'frontmatter',
        severity: 'error',
        message:
          issue.code === 'unrecognized_keys'
            ? `Unknown frontmatter key ${where}; expected one of the keys in the scaling-plan schema.`
            : `Invalid frontmatter value for ${where}: ${issue.message}.`,
        span: spanOf(node),
        fixes: [],
        related: [],
      });
    }
  }
  result.isPlan = true;
  const fm = data as Record<string, unknown>;
  if (fm.month === '30d' || fm.month === '730h') result.month = fm.month;
  const tol = toNumber(fm.tolerance, true);
  if (tol !== undefined && tol >= 0 && tol < 1) result.tolerance = tol;
  if (typeof fm.product === 'string') result.product = fm.product;
  const assumptions = fm.assumptions as Record<string, unknown> | undefined;
  if (assumptions && typeof assumptions === 'object') {
    for (const key of ['arpu', 'conversion', 'price', 'growth', 'start-users'] as const) {
      const fraction = key === 'conversion' || key === 'growth';
      const v = toNumber(assumptions[key], fraction);
      if (v === undefined || !Number.isFinite(v) || v < 0) continue;
      const pair = keyNode(['assumptions', key]);
      result.assumptions[key] = { value: v, span: spanOf((pair?.value ?? pair?.key) as YamlNode) };
    }
  }
  return result;
}
