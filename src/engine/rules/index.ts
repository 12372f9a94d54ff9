/**
 * The rule registry: every rule, in the order they run. Each rule lives in its own file named
 * by its id, with its doc page in `docs/rules/<id>.md`.
 */
import type { Rule } from '../rule';
import blanks from './blanks';
import costChange from './cost-change';
import costPerUser from './cost-per-user';
import crossReference from './cross-reference';
import downtime from './downtime';
import explicitArithmetic from './explicit-arithmetic';
import grossMargin from './gross-margin';
import multiplier from './multiplier';
import profit from './profit';
import revenue from './revenue';
import scoreTotal from './score-total';
import shares from './shares';
import totals from './totals';
import stageSequence from './stage-sequence';
import stageConsistency from './stage-consistency';
import milestoneStage from './milestone-stage';
import stageBudget from './stage-budget';
import slaProgression from './sla-progression';
import timelineSequence from './timeline-sequence';
import missingSection from './missing-section';

export const rules: Rule[] = [
  downtime,
  totals,
  costPerUser,
  costChange,
  revenue,
  grossMargin,
  profit,
  explicitArithmetic,
  multiplier,
  crossReference,
  scoreTotal,
  shares,
  blanks,
  stageSequence,
  stageConsistency,
  milestoneStage,
  stageBudget,
  slaProgression,
  timelineSequence,
  missingSection,
];

export const ruleById = new Map(rules.map((r) => [r.meta.id, r]));

/** Where a rule's documentation lives. */
export const DOCS_BASE = 'https://github.com/scaling-plan/scaling-plan/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
