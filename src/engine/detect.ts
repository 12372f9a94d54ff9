/**
 * Which markdown documents are scaling plans: frontmatter `scaling-plan`, or content that shows
 * a plan (several stage or phase ranges of users, cost blocks, uptime lines, scaling headings).
 * Other markdown gets no findings, so README files are not spammed.
 */
import type { PlanModel } from './model';

const STAGE = /\b(?:stage|phase|tier|level)\s*\d+\b/i;
const SCALING_HEADING = /\bscal(?:e|ing)\b.*\b(?:plan|strategy|infrastructure|roadmap|guide)\b|\b(?:growth|infrastructure)\b.*\b(?:plan|roadmap|stages?)\b/i;

export interface Detection {
  isPlan: boolean;
  reason: string;
}

export function detectPlan(model: PlanModel): Detection {
  if (model.frontmatter.isPlan) return { isPlan: true, reason: 'frontmatter' };
  let userRanges = 0;
  let moneyPerPeriod = 0;
  let uptime = 0;
  let scalingHeading = false;
  for (const line of model.doc.lines) {
    if (!line.plan) continue;
    for (const q of line.quantities) {
      if (q.kind === 'users' && (q.high !== undefined || q.open) && (STAGE.test(line.text) || line.kind === 'heading' || /:\s*$/.test(line.text.replace(/\*\*/g, '')) || line.kind === 'table')) userRanges++;
      if (q.kind === 'money' && q.per) moneyPerPeriod++;
      if (q.kind === 'percent' && /uptime|availability|\bsla\b/i.test(line.text)) uptime++;
    }
    if (line.kind === 'heading' && SCALING_HEADING.test(line.text)) scalingHeading = true;
  }
  if (userRanges >= 2) return { isPlan: true, reason: 'stage ranges' };
  if (scalingHeading && (moneyPerPeriod >= 1 || uptime >= 1 || userRanges >= 1)) return { isPlan: true, reason: 'scaling headings with figures' };
  if (moneyPerPeriod >= 3 && (uptime >= 1 || userRanges >= 1)) return { isPlan: true, reason: 'cost blocks' };
  return { isPlan: false, reason: 'no stages, cost blocks or scaling headings' };
}
