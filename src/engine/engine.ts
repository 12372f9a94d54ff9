/**
 * The engine's entry point: text in, model and findings out. Pure: no I/O, no editor types.
 */
import { reading } from './cache';
import { fit, flat, type ParsedDocument } from './document';
import { buildModel, type PlanModel } from './model';
import { evaluate, type Derivation } from './rule';
import { rules, ruleById } from './rules';
import { defaultOptions, type EngineOptions, type Finding } from './types';

export interface Analysis {
  /** Undefined when the document was not analysed (too large). */
  model?: PlanModel;
  findings: Finding[];
  /** Every derivation the arithmetic rules made, right or wrong (for hovers and blanks). */
  derivations: Derivation[];
}

/**
 * What a new analysis may reuse of the document's previous version: its parsed lines. An
 * {@link Analysis} is one.
 */
export interface PreviousVersion {
  model?: { doc: ParsedDocument };
}

/** Severity in force for a rule, or 'off'. */
function severityOf(id: string, options: EngineOptions): Finding['severity'] | 'off' {
  const configured = options.rules[id];
  if (configured) return configured;
  return ruleById.get(id)?.meta.severity ?? 'warning';
}

/** `n` in MB, in KB below 0.1 MB (with `decimals` digits), in B below 1 KB. */
function size(n: number, decimals: number): string {
  if (n < 1024) return `${n} B`;
  return n < 0.1 * 1048576 ? `${(n / 1024).toFixed(decimals)} KB` : `${(n / 1048576).toFixed(decimals)} MB`;
}

/**
 * The message of a document that is not analysed: its size and the limit in MB (KB below
 * 0.1 MB, B below 1 KB), with further digits where one decimal would show the two as equal.
 */
export function tooLargeMessage(length: number, limit: number): string {
  let decimals = 1;
  while (decimals < 3 && size(length, decimals) === size(limit, decimals)) decimals++;
  return `Not analysed: the document is ${size(length, decimals)}, above the ${size(limit, decimals)} size limit.`;
}

/**
 * Analyses one document. Never throws: a failing rule becomes an internal-error finding.
 * `previous`, the analysis (or the parsed lines) of the same document's previous version, lets
 * unchanged lines be reused; it must not be used afterwards (its spans may have moved).
 */
export function analyze(text: string, options: Partial<EngineOptions> = {}, previous?: PreviousVersion): Analysis {
  const opts: EngineOptions = { ...defaultOptions, ...options, rules: { ...defaultOptions.rules, ...options.rules } };
  if (text.length > opts.maxSize) {
    return {
      findings: [
        {
          rule: 'too-large',
          severity: 'information',
          message: tooLargeMessage(text.length, opts.maxSize),
          span: { start: 0, end: 0 },
          fixes: [],
          related: [],
        },
      ],
      derivations: [],
    };
  }
  return reading(() => analyzeModel(buildModel(text, opts, previous?.model)));
}

/** Runs every rule on the model: its findings and derivations. */
function analyzeModel(model: PlanModel): Analysis {
  const findings: Finding[] = [...model.frontmatter.findings];
  const derivations: Derivation[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule.meta.id, model.options);
    try {
      if (rule.derive) {
        for (const d of rule.derive(model)) {
          derivations.push(compact(d));
          if (severity === 'off') continue;
          const f = evaluate(d, model, severity);
          if (f) findings.push(f);
        }
      }
      if (rule.check && severity !== 'off') {
        for (const f of rule.check(model)) findings.push(model.options.rules[rule.meta.id] ? { ...f, severity } : f);
      }
    } catch (err) {
      findings.push({
        rule: 'internal-error',
        severity: 'information',
        message: `Rule ${rule.meta.id} failed on this document and was skipped: ${err instanceof Error ? err.message : String(err)}`,
        span: { start: 0, end: 0 },
        fixes: [],
        related: [],
      });
    }
  }
  return { model, findings: dedupe(findings).map(compactFinding).sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule)), derivations };
}

/**
 * The derivation with its lists cut to size: an analysis keeps every derivation for hovers and
 * blanks, and lists grown by `push` keep room for many more elements than they hold.
 */
function compact(d: Derivation): Derivation {
  d.expected = fit(d.expected);
  if (d.expectedHigh) d.expectedHigh = fit(d.expectedHigh);
  d.related = fit(d.related);
  return d;
}

/** The shared empty list of a finding without fixes or related places (most findings). */
const NONE: never[] = Object.freeze([]) as never[];

/**
 * The finding as it is kept: each message as one string (V8 keeps a string built from parts,
 * `Blank to fill in (${i} of ${n})`, as a tree of them, several times its size, and a plan may
 * have thousands of findings), and empty lists shared.
 */
function compactFinding(f: Finding): Finding {
  f.message = flat(f.message);
  for (const r of f.related) r.message = flat(r.message);
  if (f.fixes.length === 0) f.fixes = NONE;
  if (f.related.length === 0) f.related = NONE;
  return f;
}

/** One finding per rule and span. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}:${f.span.start}:${f.span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
