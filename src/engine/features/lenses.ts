/**
 * Code lenses as plain data, read from the projection table: the growth model above the line
 * that states it (or the heading above the stage list), a stage's budget and modelled figures
 * above the stage, a block's costs, cost per user, margin and profit above the block. One idea
 * per lens and at most ~80 characters; the details are in the hover and the projections view.
 */
import type { Analysis } from '../engine';
import { figure, type MessageStyle } from '../format';
import type { GrowthModel, ProjectionRow } from '../projection';
import type { Span } from '../types';
import { cellText } from './figures';

export type LensKind = 'growth' | 'stage' | 'economics' | 'service' | 'block';

export interface LensData {
  kind: LensKind;
  /** The line the lens sits above. */
  line: number;
  span: Span;
  title: string;
}

/** Lens titles are cut to this many characters (at a part boundary). */
export const MAX_LENS = 80;

/** Joins parts with ` · ` while the title stays within the limit. */
function fit(parts: string[], max = MAX_LENS): string {
  let out = '';
  for (const p of parts) {
    const next = out ? `${out} · ${p}` : p;
    if (next.length > max) break;
    out = next;
  }
  return out || parts[0]!.slice(0, max - 1) + '…';
}

export function lenses(analysis: Analysis): LensData[] {
  if (!analysis.model) return [];
  const projection = analysis.projection();
  const style = analysis.style;
  const out: LensData[] = [];
  if (projection.growth) {
    const title = growthTitle(projection.growth, style);
    if (title) out.push({ kind: 'growth', line: projection.growth.line, span: projection.growth.span, title });
  }
  for (const row of projection.rows) {
    if (row.kind === 'stage') {
      // One idea per lens: the stage's costs, its economics, its service level.
      const cost = stageTitle(row, style);
      if (cost) out.push({ kind: 'stage', line: row.line, span: row.span, title: cost });
      const economics = economicsTitle(row, style);
      if (economics) out.push({ kind: 'economics', line: row.line, span: row.span, title: economics });
      const service = serviceTitle(row, style);
      if (service) out.push({ kind: 'service', line: row.line, span: row.span, title: service });
    } else {
      const title = blockTitle(row, style);
      if (title) out.push({ kind: 'block', line: row.line, span: row.span, title });
    }
  }
  // One lens per line and kind, in document order.
  const seen = new Set<string>();
  return out
    .filter((l) => (seen.has(`${l.kind}:${l.line}`) ? false : (seen.add(`${l.kind}:${l.line}`), true)))
    .sort((a, b) => a.line - b.line || order(a.kind) - order(b.kind));
}

const ORDER: Record<LensKind, number> = { growth: 0, stage: 1, economics: 2, service: 3, block: 4 };

function order(kind: LensKind): number {
  return ORDER[kind];
}

/** `Growth 15%/month from 500 users: 5,000 users in month 17, 50,000 in month 33`. */
export function growthTitle(g: GrowthModel, style: MessageStyle): string | undefined {
  if (g.rate === undefined) return undefined;
  const ahead = g.thresholds.filter((t) => t.month > 0);
  if (ahead.length === 0) return undefined;
  const head = `Growth ${figure(g.rate * 100, style, 1)}%/month${g.startUsers !== undefined ? ` from ${figure(g.startUsers, style, 0)} users` : ''}: `;
  const parts = ahead.map((t) => `${figure(t.users, style, 0)} users in month ${t.month}`);
  // As many thresholds as fit, then `…` for the rest.
  for (let n = parts.length; n >= 1; n--) {
    const body = parts.slice(0, n).join(', ') + (n < parts.length ? ', …' : '');
    if ((head + body).length <= MAX_LENS || n === 1) return (head + body).slice(0, MAX_LENS);
  }
  return undefined;
}

/** A stage's costs: its budget, and the cost modelled at its top (`cost $1,400/mo at 2,500 users`). */
export function stageTitle(row: ProjectionRow, style: MessageStyle): string | undefined {
  const parts: string[] = [];
  if (row.budget) parts.push(`budget ${cellText(row.budget, style, true)}`);
  if (row.budgetPerUser && !row.cost) parts.push(cellText(row.budgetPerUser, style, true));
  if (row.cost) parts.push(`cost ${cellText(row.cost, style, true)}${row.modelled ? ` at ${row.modelled.label}` : ''}`);
  if (row.costPerUser) parts.push(cellText(row.costPerUser, style, true));
  return capital(parts);
}

/** A stage's economics at its top: revenue, margin, profit. */
export function economicsTitle(row: ProjectionRow, style: MessageStyle): string | undefined {
  const parts: string[] = [];
  if (row.revenue) parts.push(`revenue ${cellText(row.revenue, style, true)}`);
  if (row.margin) parts.push(`margin ${cellText(row.margin, style, true)}`);
  if (row.profit) parts.push(`profit ${cellText(row.profit, style, true)}`);
  if (parts.length && row.economics) parts[0] += ` at ${row.economics.label}`;
  return capital(parts);
}

/** A stage's service level: its uptime and the downtime it allows a month. */
export function serviceTitle(row: ProjectionRow, style: MessageStyle): string | undefined {
  if (!row.uptime) return undefined;
  return `Uptime ${cellText(row.uptime, style)}${row.downtime ? `: ${cellText(row.downtime, style)} of downtime a month` : ''}`;
}

function capital(parts: string[]): string | undefined {
  if (parts.length === 0) return undefined;
  const t = fit(parts);
  return t[0]!.toUpperCase() + t.slice(1);
}

/** A block about a number of users: `2,500 users: costs $31,400/mo · $12.56/user/mo · margin 80%`. */
export function blockTitle(row: ProjectionRow, style: MessageStyle): string | undefined {
  const parts: string[] = [];
  if (row.revenue) parts.push(`revenue ${cellText(row.revenue, style, true)}`);
  if (row.cost) parts.push(`${row.revenue ? 'costs' : 'total'} ${cellText(row.cost, style, true)}`);
  if (row.costPerUser) parts.push(cellText(row.costPerUser, style, true));
  if (row.margin) parts.push(`margin ${cellText(row.margin, style, true)}`);
  if (row.profit) parts.push(`profit ${cellText(row.profit, style, true)}`);
  if (parts.length === 0) return undefined;
  return fit([`${row.label}: ${parts[0]}`, ...parts.slice(1)]);
}
