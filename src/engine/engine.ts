/**
 * The engine: a service that owns its caches and turns a document's text into its plan model,
 * relations, findings, stages and projection table. Pure: no I/O, no editor types. One
 * document's analysis never depends on another document; what is kept of a document's earlier
 * version only saves work (the result is the same as reading the text afresh).
 */
import { DEFAULT_MESSAGE_STYLE, type MessageStyle } from './format';
import { inputs } from './formula';
import { createParse, Flag, lineAt, MAX_NESTING, readOutline, type Outline, type Parse } from './markdown';
import { econBlock, type EconBlock } from './economics';
import { buildModel, type Block, type Claim, type PlanModel, type Row } from './model';
import { inferConvention, readQuantities, type NumberConvention } from './numbers';
import { NO_FRONTMATTER, readFrontmatter, type Frontmatter } from './options';
import { buildProjection, type Projection } from './projection';
import { checkRelation, findingOf, type Outcome, type Relation } from './relation';
import type { RuleContext } from './rule';
import { rules } from './rules';
import { stageModel, type StageModel } from './stages';
import { applySuppressions, ENGINE_FINDING_IDS } from './suppress';
import { defaultOptions, type EngineOptions, type Finding, type Quantity, type Severity, type Span, type Unit } from './types';

export interface Analysis {
  text: string;
  /** Undefined when the document was not analysed (above the size limit). */
  model?: PlanModel;
  frontmatter: Frontmatter;
  /** The options in force: defaults, then the caller's, then the frontmatter's. */
  options: EngineOptions;
  findings: Finding[];
  /** Findings silenced by the plan's suppression comments (`<!-- scaling-plan-disable … -->`). */
  suppressed: Finding[];
  /** Template blanks still to fill in (whether or not the blanks rule reports them). */
  blanks: Span[];
  relations: Relation[];
  outcomes: Outcome[];
  /** How figures are written in messages (the document's own convention). */
  style: MessageStyle;
  stages(): StageModel;
  projection(): Projection;
}

export interface PlanService {
  /**
   * Analyses `text`. `key` names the document: what is kept of its previous version is reused
   * where the text is unchanged.
   */
  analyze(text: string, options?: Partial<EngineOptions>, key?: string): Analysis;
  /** Forgets what is kept for a document. */
  forget(key: string): void;
}

function messageStyle(conv: NumberConvention): MessageStyle {
  return conv.decimal === ',' ? { decimal: ',', group: conv.spaceGrouping ? '\u00a0' : '.', indian: false } : DEFAULT_MESSAGE_STYLE;
}

/** `n` in MB, in KB below 0.1 MB, in B below 1 KB. */
function size(n: number, decimals: number): string {
  if (n < 1024) return `${n} B`;
  return n < 0.1 * 1048576 ? `${(n / 1024).toFixed(decimals)} KB` : `${(n / 1048576).toFixed(decimals)} MB`;
}

export function tooLargeMessage(length: number, limit: number): string {
  let decimals = 1;
  while (decimals < 3 && size(length, decimals) === size(limit, decimals)) decimals++;
  return `Not analysed: the document is ${size(length, decimals)}, above the ${size(limit, decimals)} size limit.`;
}

/** The quantities read from a piece of text, and where the piece was when they were read. */
interface KeptQuantities {
  at: number;
  qs: Quantity[];
}

/** The ids a suppression comment may name. */
const KNOWN_IDS: ReadonlySet<string> = new Set([...rules.map((r) => r.meta.id), ...ENGINE_FINDING_IDS]);

/** What is kept of a document between versions: its outline and its lines' quantities. */
interface Kept {
  outline: Outline;
  quantities: Map<string, KeptQuantities>;
  convention: string;
}

/** Lines of text whose quantities a document keeps at most (beyond, they are read again). */
const MAX_KEPT_LINES = 20000;

function rebase(qs: Quantity[], from: number, to: number): Quantity[] {
  if (from === to) return qs;
  const d = to - from;
  const s = (x: { start: number; end: number }): { start: number; end: number } => ({ start: x.start + d, end: x.end + d });
  return qs.map((q) => {
    const r: Quantity = { ...q, span: s(q.span), numberSpan: s(q.numberSpan) };
    if (q.highSpan) r.highSpan = s(q.highSpan);
    if (q.denominatorSpan) r.denominatorSpan = s(q.denominatorSpan);
    return r;
  });
}

export function createPlanService(): PlanService {
  const parse: Parse = createParse();
  const kept = new Map<string, Kept>();
  return {
    analyze(text, options = {}, key) {
      const base: EngineOptions = { ...defaultOptions, ...options, rules: { ...defaultOptions.rules, ...options.rules } };
      if (text.length > base.maxSize) {
        const f: Finding = { rule: 'too-large', severity: 'information', message: tooLargeMessage(text.length, base.maxSize), span: { start: 0, end: 0 }, fixes: [], related: [] };
        const empty: StageModel = { entries: [], sequences: [] };
        const findings = [f];
        ownSeverities(findings, base);
        return { text, frontmatter: NO_FRONTMATTER, options: base, findings, suppressed: [], blanks: [], relations: [], outcomes: [], style: DEFAULT_MESSAGE_STYLE, stages: () => empty, projection: () => ({ rows: [] }) };
      }
      const previous = key ? kept.get(key) : undefined;
      const outline = readOutline(text, parse, previous?.outline);
      const fm = outline.frontmatter ? readFrontmatter(text.slice(outline.frontmatter.content.start, outline.frontmatter.content.end), outline.frontmatter.content.start) : NO_FRONTMATTER;
      const opts: EngineOptions = { ...base, ...fm.options };
      const convention: NumberConvention = opts.numbers === 'auto' ? inferConvention(text) : { decimal: opts.numbers === 'comma' ? ',' : '.', certain: true, spaceGrouping: opts.numbers === 'comma' };
      const convKey = `${convention.decimal}|${convention.certain}|${convention.spaceGrouping}`;
      // Quantities of a piece of text depend only on it and the number convention: kept by text.
      // Quantities are never changed once read, so a piece that has not moved (every line above
      // an edit) shares them with the previous version.
      const cache = previous && previous.convention === convKey ? previous.quantities : new Map<string, KeptQuantities>();
      const next = new Map<string, KeptQuantities>();
      const read = (piece: string, at: number): Quantity[] => {
        const hit = next.get(piece) ?? cache.get(piece);
        const qs = hit ? rebase(hit.qs, hit.at, at) : readQuantities(piece, at, convention);
        if (key && next.size < MAX_KEPT_LINES && piece.length < 2000 && !next.has(piece)) next.set(piece, hit && hit.at === at ? hit : { at, qs });
        return qs;
      };
      const model = buildModel(outline, convention, read);
      if (key) kept.set(key, { outline, quantities: next, convention: convKey });
      const assumptions = frontmatterClaims(model, fm, text);
      const style = messageStyle(convention);
      const held = new Map<number, boolean>();
      let stages: StageModel | undefined;
      const stagesOf = (): StageModel => (stages ??= stageModel(model));
      const econs = new Map<Block, EconBlock>();
      const econ = (b: Block): EconBlock => {
        let e = econs.get(b);
        if (!e) econs.set(b, (e = econBlock(b, model)));
        return e;
      };
      const ctx: RuleContext = { options: opts, style, held: (c) => held.get(c.id), stages: stagesOf, declared: fm.isPlan, assumptions, econ };
      const findings: Finding[] = [...fm.findings];
      const deep = outline.flags.findIndex((f) => (f & Flag.TooDeep) !== 0);
      if (deep >= 0) {
        const at = outline.lineStarts[deep]!;
        findings.push({ rule: 'too-large', severity: 'information', message: `Lists or quotes nested more than ${MAX_NESTING} levels deep are read as plain text (from line ${deep + 1}).`, span: { start: at, end: at }, fixes: [], related: [] });
      }
      const relations: Relation[] = [];
      const outcomes: Outcome[] = [];
      const blanks: Span[] = [];
      for (const rule of rules) {
        const configured = opts.rules[rule.meta.id];
        const severity: Severity | 'off' = configured ?? rule.meta.severity;
        try {
          if (rule.relations) {
            for (const rel of rule.relations(model, ctx)) {
              if (rel.readings.length === 0) continue;
              // A stated figure is not checked against a template blank (only a blank is filled from blanks).
              if (!rel.target.q.blank && rel.readings.some((r) => inputs(r.expr).some((c) => c.q.blank))) continue;
              relations.push(rel);
              const outcome = checkRelation(rel, opts);
              outcomes.push(outcome);
              const id = rel.target.id;
              if (outcome.low && !rel.target.q.blank) held.set(id, (held.get(id) ?? false) || outcome.holds);
              if (severity === 'off') continue;
              const f = findingOf(outcome, severity, text, style);
              if (f) findings.push(f);
            }
          }
          if (rule.check && rule.meta.id === 'blanks') {
            // Blanks are counted (for a status bar) whether or not they are reported.
            const found = rule.check(model, ctx);
            for (const f of found) blanks.push(f.span);
            if (severity !== 'off') for (const f of found) findings.push({ ...f, severity });
          } else if (rule.check && severity !== 'off') for (const f of rule.check(model, ctx)) findings.push({ ...f, severity });
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
      dropCarried(outcomes, findings, opts);
      ownSeverities(findings, opts);
      findings.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
      let projection: Projection | undefined;
      const fmForProjection: { growth?: number; startUsers?: number; arpu?: Claim } = {};
      if (fm.assumptions.growth) fmForProjection.growth = fm.assumptions.growth.value;
      if (fm.assumptions.startUsers) fmForProjection.startUsers = fm.assumptions.startUsers.value;
      if (assumptions.arpu) fmForProjection.arpu = assumptions.arpu;
      const silenced = applySuppressions(model.outline, dedupe(findings), KNOWN_IDS, opts);
      return {
        text,
        model,
        frontmatter: fm,
        options: opts,
        findings: silenced.findings,
        suppressed: silenced.suppressed,
        blanks,
        relations,
        outcomes,
        style,
        stages: stagesOf,
        projection: () => (projection ??= buildProjection(model, stagesOf(), opts, fmForProjection, econ)),
      };
    },
    forget(key) {
      kept.delete(key);
    },
  };
}

/**
 * A figure computed from another figure found wrong may have been computed from the right
 * value: such a relation holds when it agrees with the corrected inputs, and is not reported
 * again. Two figures that each say the other is wrong do not excuse each other.
 */
function dropCarried(outcomes: Outcome[], findings: Finding[], opts: EngineOptions): void {
  const corrected = new Map<number, number>();
  const failing = new Map<number, Outcome>();
  for (const o of outcomes) {
    if (!o.holds && o.low && o.relation.target.q.high === undefined) {
      corrected.set(o.relation.target.id, o.low.v);
      failing.set(o.relation.target.id, o);
    }
  }
  if (corrected.size === 0) return;
  // The claims each failing figure is computed from, listed once (not once per outcome).
  const from = new Map<number, Set<number>>();
  const computedFrom = (id: number): Set<number> => {
    let s = from.get(id);
    if (!s) from.set(id, (s = new Set(inputs(failing.get(id)!.reading.expr).map((c) => c.id))));
    return s;
  };
  // Two failing figures each computed from the other (`$6` and `72 ¥` at 1 $ = 7 ¥): either may
  // be the wrong one, so neither is fixed (both are still reported).
  const unsure = new Set<string>();
  for (const [id, o] of failing) {
    for (const other of computedFrom(id)) {
      if (other !== id && failing.has(other) && computedFrom(other).has(id)) unsure.add(`${o.relation.rule}:${o.relation.target.q.span.start}`);
    }
  }
  if (unsure.size > 0) for (const f of findings) if (f.fixes.length > 0 && unsure.has(`${f.rule}:${f.span.start}`)) f.fixes = [];
  const carried = new Set<string>();
  for (const o of outcomes) {
    if (o.holds) continue;
    const own = o.relation.target.id;
    // A formula reads corrected values of its own inputs only: the corrections usable here are
    // those of its inputs (not of every failing figure of the document, for each outcome).
    const usable = new Map<number, number>();
    for (const r of o.relation.readings) {
      for (const c of inputs(r.expr)) {
        const v = corrected.get(c.id);
        if (v === undefined || c.id === own || usable.has(c.id) || computedFrom(c.id).has(own)) continue;
        usable.set(c.id, v);
      }
    }
    if (usable.size === 0) continue;
    if (checkRelation(o.relation, opts, undefined, usable).holds) carried.add(`${o.relation.rule}:${o.relation.target.q.span.start}`);
  }
  if (carried.size === 0) return;
  let kept = 0;
  for (const f of findings) if (!carried.has(`${f.rule}:${f.span.start}`)) findings[kept++] = f;
  findings.length = kept;
}

/** The severities configured for the engine's own findings (`too-large: off`, `frontmatter: warning`). */
const OWN_IDS = new Set(['frontmatter', 'too-large', 'internal-error']);

function ownSeverities(findings: Finding[], opts: EngineOptions): void {
  let kept = 0;
  for (const f of findings) {
    const configured = OWN_IDS.has(f.rule) ? opts.rules[f.rule] : undefined;
    if (configured === 'off') continue;
    if (configured) f.severity = configured;
    findings[kept++] = f;
  }
  findings.length = kept;
}

/** One finding per rule and span. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.rule}:${f.span.start}:${f.span.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The frontmatter's assumptions as claims of the model, so that formulas can read them. */
function frontmatterClaims(model: PlanModel, fm: Frontmatter, text: string): RuleContext['assumptions'] {
  const out: RuleContext['assumptions'] = {};
  const make = (value: number, span: { start: number; end: number }, unit: Unit, label: string): Claim => {
    const line = lineOf(model, span.start);
    const written = text.slice(span.start, span.end);
    const decimals = /\.(\d+)/.exec(written)?.[1]?.length ?? 0;
    const q: Quantity = {
      span: { ...span },
      numberSpan: { ...span },
      low: value,
      unit,
      precision: Math.pow(10, -decimals),
      significance: Math.pow(10, -decimals),
      style: { decimal: '.', group: ',', indian: false, decimals, scaleText: '', scale: 1, grouped: true },
    };
    const row: Row = { line, source: 'text', depth: 0, label, key: label, values: [], claims: [], bold: false, item: false, content: written, contentStart: span.start, program: false };
    const c: Claim = { id: model.claims.length, q, line, unit, row };
    row.values = [c];
    row.claims = [c];
    model.claims.push(c);
    return c;
  };
  const a = fm.assumptions;
  if (a.arpu) out.arpu = make(a.arpu.value, a.arpu.span, { dim: 'money', currency: '$', per: 'month' }, 'arpu');
  if (a.price) out.price = make(a.price.value, a.price.span, { dim: 'money', currency: '$', per: 'month' }, 'price');
  if (a.conversion) out.conversion = make(a.conversion.value * 100, a.conversion.span, { dim: 'percent' }, 'conversion');
  return out;
}

function lineOf(model: PlanModel, offset: number): number {
  return lineAt(model.outline.lineStarts, offset);
}
