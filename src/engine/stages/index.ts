/**
 * The stage model of a plan: every stage and phase the plan names, the lists they form, the
 * stages identified across sections, each stage's projection and the growth model. Plain data
 * with spans, computed once per plan model.
 */
import type { PlanModel } from '../model';
import { extractEntries } from './extract';
import { buildGrowth } from './growth';
import { buildProjections } from './projection';
import { buildSequences, identifyStages, primarySequence } from './sequences';
import type { StageModel } from './types';

const cache = new WeakMap<PlanModel, StageModel & { stageOf: Map<number, StageModel['stages'][number]> }>();

function build(model: PlanModel): StageModel & { stageOf: Map<number, StageModel['stages'][number]> } {
  const entries = extractEntries(model);
  const sequences = buildSequences(model, entries);
  const primary = primarySequence(sequences);
  const { stages, stageOf } = identifyStages(entries, sequences, primary);
  const projections = buildProjections(model, stages);
  const growth = buildGrowth(model, stages, primary);
  for (const p of projections) {
    const t = growth.thresholds.find((x) => x.stage === p.key);
    if (t) p.reachedMonth = t.month;
    const i = growth.implied.find((x) => x.stage === p.key);
    if (i) p.impliedGrowth = i.monthlyGrowth;
  }
  const out: StageModel & { stageOf: Map<number, StageModel['stages'][number]> } = { entries, sequences, stages, projections, growth, stageOf };
  if (primary) out.primary = primary;
  return out;
}

/** The stage model of `model` (computed once per model). */
export function stageModel(model: PlanModel): StageModel {
  let sm = cache.get(model);
  if (!sm) {
    sm = build(model);
    cache.set(model, sm);
  }
  return sm;
}

/** The stage an entry names, if it was identified. */
export function stageOfEntry(model: PlanModel, entryId: number): StageModel['stages'][number] | undefined {
  stageModel(model);
  return cache.get(model)!.stageOf.get(entryId);
}

export { downtimeBudget, modelledCost, modelledRecords, stageForUsers, stagesHolding } from './projection';
export { impliedGrowth, monthsIn, monthsToReach } from './growth';
export { keyOf, tileIssues, type Stretch, type TileIssue } from './sequences';
export { describeEntry, entryName, owners } from './extract';
export { rangeText } from './text';
export { inUserOrder } from './decision';
export type * from './types';
