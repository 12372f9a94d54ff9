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
  let stageTitles = 0;
  let scalingHeading = false;
  let scores = 0;
  for (const line of model.doc.lines) {
    if (!line.plan) continue;
    const title = line.kind === 'heading' || /:\s*$/.test(line.text.replace(/\*\*/g, ''));
    if (STAGE.test(line.text) && (title || line.quantities.length > 0)) stageTitles++;
    for (const q of line.quantities) {
      if (q.kind === 'users' && (q.high !== undefined || q.open) && (STAGE.test(line.text) || title || line.kind === 'table')) userRanges++;
      if (q.kind === 'money' && q.per) moneyPerPeriod++;
      if (q.kind === 'score') scores++;
      if (q.kind === 'percent' && /uptime|availability|\bsla\b/i.test(line.text)) uptime++;
    }
    if (line.kind === 'heading' && SCALING_HEADING.test(line.text)) scalingHeading = true;
  }
  if (userRanges >= 2) return { isPlan: true, reason: 'stage ranges' };
  if (stageTitles >= 2 && (moneyPerPeriod >= 1 || uptime >= 1 || userRanges >= 1)) return { isPlan: true, reason: 'stages with figures' };
  if (scalingHeading && stageTitles >= 1 && moneyPerPeriod >= 1) return { isPlan: true, reason: 'scaling headings with stages and costs' };
  if (moneyPerPeriod >= 3 && (uptime >= 1 || userRanges >= 1)) return { isPlan: true, reason: 'cost blocks' };
  if (scalingHeading && scores >= 4) return { isPlan: true, reason: 'a scaling worksheet with scores' };
  return { isPlan: false, reason: 'no stages, cost blocks or scaling headings' };
}
