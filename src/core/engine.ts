/**
 * The engine: a service that owns its caches and turns a document's text into its plan model,
 * relations and findings. Pure: no I/O, no editor types. One document's analysis never depends
 * on another document; a previous version of the same document only saves work.
 */
import { DEFAULT_MESSAGE_STYLE, type MessageStyle } from './format';
import { createParse, readOutline, type Outline, type Parse } from './markdown';
import { buildModel, type PlanModel } from './model';
import { inferConvention, readQuantities, type NumberConvention } from './numbers';
import { inputs } from './formula';
import { checkRelation, findingOf, type Outcome, type Relation } from './relation';
import type { RuleContext } from './rule';
import { stageModel, type StageModel } from './stages';
import { rules } from './rules';
import { defaultOptions, type EngineOptions, type Finding, type Severity } from './types';

export interface Analysis {
  model?: PlanModel;
  findings: Finding[];
  relations: Relation[];
  outcomes: Outcome[];
}

export interface PlanService {
  /** Analyses `text`; `key` names the document whose earlier versions may be reused. */
  analyze(text: string, options?: Partial<EngineOptions>, key?: string): Analysis;
  /** Forgets what is kept for a document. */
  forget(key: string): void;
}

interface Kept {
  outline: Outline;
}

function severityOf(id: string, options: EngineOptions): Severity | 'off' {
  return options.rules[id] ?? rules.find((r) => r.meta.id === id)?.meta.severity ?? 'warning';
}

function messageStyle(conv: NumberConvention): MessageStyle {
  return conv.decimal === ',' ? { decimal: ',', group: conv.spaceGrouping ? '\u00a0' : '.', indian: false } : DEFAULT_MESSAGE_STYLE;
}

export function createPlanService(): PlanService {
  const parse: Parse = createParse();
  const kept = new Map<string, Kept>();
  return {
    analyze(text, options = {}, key) {
      const opts: EngineOptions = { ...defaultOptions, ...options, rules: { ...defaultOptions.rules, ...options.rules } };
      const previous = key ? kept.get(key) : undefined;
      const outline = readOutline(text, parse, previous?.outline);
      if (key) kept.set(key, { outline });
      const convention = opts.numbers === 'auto' ? inferConvention(text) : { decimal: opts.numbers === 'comma' ? (',' as const) : ('.' as const), certain: true, spaceGrouping: opts.numbers === 'comma' };
      const model = buildModel(outline, convention, (t, base) => readQuantities(t, base, convention));
      const held = new Map<number, boolean>();
      let stages: StageModel | undefined;
      const ctx: RuleContext = { options: opts, style: messageStyle(convention), held: (c) => held.get(c.id), stages: () => (stages ??= stageModel(model)) };
      const findings: Finding[] = [];
      const relations: Relation[] = [];
      const outcomes: Outcome[] = [];
      for (const rule of rules) {
        const severity = severityOf(rule.meta.id, opts);
        if (rule.relations) {
          for (const rel of rule.relations(model, ctx)) {
            if (rel.readings.length === 0) continue;
            relations.push(rel);
            const outcome = checkRelation(rel, opts);
            outcomes.push(outcome);
            const id = rel.target.id;
            held.set(id, (held.get(id) ?? false) || outcome.holds);
            if (severity === 'off') continue;
            const f = findingOf(outcome, severity, text, ctx.style);
            if (f) findings.push(f);
          }
        }
        if (rule.check && severity !== 'off') for (const f of rule.check(model, ctx)) findings.push({ ...f, severity });
      }
      // A figure computed from another figure found wrong may have been computed from the
      // right value: such a relation holds when it agrees with the corrected inputs.
      const corrected = new Map<number, number>();
      const failing = new Map<number, Outcome>();
      for (const o of outcomes) {
        if (!o.holds && o.low && o.relation.target.q.high === undefined) {
          corrected.set(o.relation.target.id, o.low.v);
          failing.set(o.relation.target.id, o);
        }
      }
      if (corrected.size > 0) {
        const carried = new Set<Outcome>();
        for (const o of outcomes) {
          if (o.holds) continue;
          // Two figures that each say the other is wrong do not excuse each other.
          const own = o.relation.target.id;
          const usable = new Map([...corrected].filter(([id]) => !inputs(failing.get(id)!.reading.expr).some((c) => c.id === own)));
          if (usable.size === 0) continue;
          const again = checkRelation(o.relation, opts, undefined, usable);
          if (again.holds) carried.add(o);
        }
        if (carried.size > 0) {
          const spans = new Set([...carried].map((o) => `${o.relation.rule}:${o.relation.target.q.span.start}`));
          for (let k = findings.length - 1; k >= 0; k--) if (spans.has(`${findings[k]!.rule}:${findings[k]!.span.start}`)) findings.splice(k, 1);
        }
      }
      findings.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
      return { model, findings: dedupe(findings), relations, outcomes };
    },
    forget(key) {
      kept.delete(key);
    },
  };
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
