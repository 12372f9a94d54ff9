/**
 * The rule registry: every rule, in the order findings of one place are listed, with the link
 * to its documentation added here (rules do not know where their docs live).
 */
import type { Rule } from '../rule';
import explicitArithmetic from './explicit-arithmetic';
import totals from './totals';
import downtime from './downtime';
import crossReference from './cross-reference';
import shares from './shares';
import grossMargin from './gross-margin';
import scoreTotal from './score-total';
import revenue from './revenue';
import profit from './profit';
import costPerUser from './cost-per-user';
import tableFormulas from './table-formulas';
import stageSequence from './stage-sequence';
import stageConsistency from './stage-consistency';
import timelineSequence from './timeline-sequence';
import slaProgression from './sla-progression';
import stageBudget from './stage-budget';
import milestoneStage from './milestone-stage';
import blanks from './blanks';
import missingSection from './missing-section';
import multiplier from './multiplier';
import costChange from './cost-change';
import unitEconomics from './unit-economics';

export const rules: Rule[] = [downtime, totals, costPerUser, costChange, revenue, unitEconomics, grossMargin, profit, explicitArithmetic, multiplier, shares, scoreTotal, tableFormulas, crossReference, stageSequence, stageConsistency, milestoneStage, stageBudget, slaProgression, timelineSequence, blanks, missingSection];

export const ruleById = new Map(rules.map((r) => [r.meta.id, r]));

export const DOCS_BASE = 'https://github.com/scaling-plan/scaling-plan/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
