/**
 * Which markdown documents are scaling plans: frontmatter `scaling-plan`, or content that shows
 * a plan (several stage or phase ranges of users, cost blocks, uptime lines, scaling headings).
 * Other markdown gets no findings, so README files are not spammed.
 */
import { contentPrefixLength, lineStartsOf, MAX_LINE_LENGTH } from './document';
import type { PlanModel } from './model';
import { scanQuantities } from './quantity';
import type { Quantity } from './types';

const STAGE = /\b(?:stage|phase|tier|level)\s*\d+\b/i;
const SCALING_HEADING = /\bscal(?:e|ing)\b.*\b(?:plan|strategy|infrastructure|roadmap|guide)\b|\b(?:growth|infrastructure)\b.*\b(?:plan|roadmap|stages?)\b/i;

export interface Detection {
  isPlan: boolean;
  reason: string;
}

/** What detection reads of a line. */
interface LineView {
  text: string;
  heading: boolean;
  table: boolean;
  quantities: readonly Quantity[];
}

/** The evidence a document's lines give, and the decision it supports (at the first line that settles it). */
function decide(lines: Iterable<LineView>): Detection {
  let userRanges = 0;
  let moneyPerPeriod = 0;
  let uptime = 0;
  let stageTitles = 0;
  let scalingHeading = false;
  let scores = 0;
  const verdict = (): Detection | undefined => {
    if (userRanges >= 2) return { isPlan: true, reason: 'stage ranges' };
    if (stageTitles >= 2 && (moneyPerPeriod >= 1 || uptime >= 1 || userRanges >= 1)) return { isPlan: true, reason: 'stages with figures' };
    if (scalingHeading && stageTitles >= 1 && moneyPerPeriod >= 1) return { isPlan: true, reason: 'scaling headings with stages and costs' };
    if (moneyPerPeriod >= 3 && (uptime >= 1 || userRanges >= 1)) return { isPlan: true, reason: 'cost blocks' };
    if (scalingHeading && scores >= 4) return { isPlan: true, reason: 'a scaling worksheet with scores' };
    return undefined;
  };
  for (const line of lines) {
    const title = line.heading || /:\s*$/.test(line.text.replace(/\*\*/g, ''));
    if (STAGE.test(line.text) && (title || line.quantities.length > 0)) stageTitles++;
    for (const q of line.quantities) {
      if (q.kind === 'users' && (q.high !== undefined || q.open) && (STAGE.test(line.text) || title || line.table)) userRanges++;
      if (q.kind === 'money' && q.per) moneyPerPeriod++;
      if (q.kind === 'score') scores++;
      if (q.kind === 'percent' && /uptime|availability|\bsla\b/i.test(line.text)) uptime++;
    }
    if (line.heading && SCALING_HEADING.test(line.text)) scalingHeading = true;
    const settled = verdict();
    if (settled) return settled;
  }
  return { isPlan: false, reason: 'no stages, cost blocks or scaling headings' };
}

export function detectPlan(model: PlanModel): Detection {
  if (model.frontmatter.isPlan) return { isPlan: true, reason: 'frontmatter' };
  return decide(
    (function* () {
      for (const line of model.doc.lines) {
        if (line.plan) yield { text: line.text, heading: line.kind === 'heading', table: line.kind === 'table', quantities: line.quantities };
      }
    })(),
  );
}

/** Frontmatter that names the document a plan: `scaling-plan:` as a top-level key. */
const FRONTMATTER_MARK = /^---[ \t]*\r?\n(?:(?!---|\.\.\.)[^\n]*\n)*?scaling-plan[ \t]*:/;

/** The text opens with frontmatter that has a `scaling-plan` key. */
export function hasPlanFrontmatter(text: string): boolean {
  return FRONTMATTER_MARK.test(text.slice(0, 4096));
}

/**
 * False only when the text cannot be a plan, decided without parsing it: every line is read as
 * plan text that could be a heading, a title or a table row, so the evidence can only be more
 * than {@link detectPlan} finds. Linear, and cheap next to a full analysis: for large markdown
 * that is not a plan (a changelog, concatenated docs), the analysis can be skipped.
 */
export function mayBePlan(text: string): boolean {
  if (hasPlanFrontmatter(text)) return true;
  // A document without any of these words cannot give the evidence detection looks for.
  if (!/\b(?:stage|phase|tier|level)\s*\d|uptime|availability|\bsla\b|\bscal(?:e|ing)\b|growth|infrastructure|\b(?:users?|customers?|subscribers?|seats?|accounts?|mau|dau|wau|members?|tenants?)\b/i.test(text)) {
    return false;
  }
  return decide(
    (function* () {
      const starts = lineStartsOf(text);
      for (let i = 0; i < starts.length; i++) {
        const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
        const line = text.slice(starts[i]!, end).replace(/\r?\n$|\r$/, '');
        if (line.trim() === '') continue;
        const content = contentPrefixLength(line);
        const quantities = line.length > MAX_LINE_LENGTH ? [] : scanQuantities(line.slice(content), 0);
        yield { text: line, heading: true, table: true, quantities };
      }
    })(),
  ).isPlan;
}
