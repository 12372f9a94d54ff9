/**
 * The Scaling Plan messages beyond standard LSP (declared once in client/src/protocol.ts):
 * - `scalingPlan/projections` (client → server): the projection table of an open plan;
 * - `scalingPlan/checkWorkspace` (client → server): check files that are not open, publishing
 *   their diagnostics;
 * - `scalingPlan/status` (server → client): blanks and finding counts, after each publish.
 * Conversions only: every figure comes from the engine's features.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationToken } from 'vscode-languageserver/node';
import {
  StatusNotification,
  type CheckWorkspaceParams,
  type CheckWorkspaceResult,
  type ProjectionRow,
  type ProjectionsParams,
  type ProjectionsResult,
  type SeverityCounts,
  type StatusParams,
} from '../../client/src/protocol';
import { analyze, type Finding } from '../../src/engine';
import { econRecords } from '../../src/engine/economics';
import { blankFills, blockFigures, fallbackGrowth, growthTitle, selectDocument } from '../../src/engine/features';
import { planState, type ServerContext } from './context';
import { toDiagnostic } from './convert';
import { engineOptions, readSettings, SECTION } from './settings';
import type { DocState, Entry } from './workspace';

export function projections(ctx: ServerContext, params: ProjectionsParams): ProjectionsResult | null {
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string') return null;
  const found = planState(ctx, uri);
  if (!found) return null;
  const { entry, state } = found;
  const model = state.analysis.model!;
  const plan = ctx.workspace.stages(entry, state);
  const stages = plan.stages.map((s): ProjectionRow => {
    const row: ProjectionRow = { label: s.label, line: s.line, low: s.low, open: s.open };
    if (s.high !== undefined) row.high = s.high;
    const p = s.projection;
    if (p) {
      for (const k of ['users', 'cost', 'costPerUser', 'revenue', 'margin', 'profit', 'uptime', 'downtimeMinutes'] as const) {
        if (p[k] !== undefined) row[k] = p[k];
      }
      if (p.budget) {
        row.budget = p.budget.low;
        if (p.budget.high !== undefined) row.budgetHigh = p.budget.high;
      }
      if (p.checks) row.checks = { ...p.checks };
    }
    return row;
  });
  const blocks: ProjectionRow[] = [];
  for (const rec of econRecords(model)) {
    if (!rec.users || rec.users.q.blank) continue;
    const f = blockFigures(state.analysis, rec);
    if (!f) continue;
    const group = model.groups.find((g) => g.lines[0]!.index === rec.line);
    const line = group?.title?.index ?? rec.line;
    const row: ProjectionRow = { label: `${Math.round(rec.users.q.value).toLocaleString('en-US')} users`, line, users: rec.users.q.value };
    if (f.total) {
      row.cost = f.total[0];
      if (f.total[1] !== f.total[0]) row.costHigh = f.total[1];
    }
    if (f.costPerUser) row.costPerUser = f.costPerUser[0];
    if (f.revenue !== undefined) row.revenue = f.revenue;
    if (f.margin !== undefined) row.margin = f.margin;
    if (f.profit !== undefined) row.profit = f.profit;
    blocks.push(row);
  }
  const result: ProjectionsResult = { uri: entry.uri, version: entry.doc.version, stages, blocks };
  if (model.frontmatter.product) result.product = model.frontmatter.product;
  const currency = frontmatterCurrency(model.frontmatter.present ? model.doc.frontmatter?.text : undefined);
  if (currency) result.currency = currency;
  const growth = plan.growth ?? fallbackGrowth(model, plan);
  const title = growth && growthTitle(growth);
  if (title) result.growth = title;
  return result;
}

/** The frontmatter's `currency: XYZ` (the engine validates it; here it is only shown). */
function frontmatterCurrency(text: string | undefined): string | undefined {
  const m = text ? /^currency:\s*["']?([A-Z]{3})["']?\s*$/m.exec(text) : null;
  return m?.[1];
}

export async function checkWorkspace(ctx: ServerContext, params: CheckWorkspaceParams, token?: CancellationToken): Promise<CheckWorkspaceResult> {
  const result: CheckWorkspaceResult = { checked: 0, plans: 0, counts: zero() };
  const documents = Array.isArray(params?.documents) ? params.documents : [];
  for (const d of documents) {
    if (token?.isCancellationRequested) break;
    if (typeof d?.uri !== 'string' || typeof d.text !== 'string') continue;
    result.checked++;
    const open = ctx.workspace.get(d.uri);
    let findings: Finding[];
    let isPlan: boolean;
    let doc: TextDocument;
    if (open) {
      // The open version wins over the text on disk; its diagnostics are already published.
      const state = ctx.workspace.state(open);
      ({ findings } = state.analysis);
      isPlan = state.selection.isPlan;
      doc = open.doc;
    } else {
      ({ findings, isPlan, doc } = await fromText(ctx, d.uri, d.text));
      void ctx.connection
        .sendDiagnostics({ uri: d.uri, diagnostics: isPlan ? findings.map((f) => toDiagnostic(doc, d.uri, f, ctx.client.relatedInformation)) : [] })
        .catch((err: unknown) => ctx.log.error('sendDiagnostics failed', err));
    }
    if (!isPlan) continue;
    result.plans++;
    for (const f of findings) result.counts[f.severity]++;
  }
  return result;
}

async function fromText(ctx: ServerContext, uri: string, text: string): Promise<{ findings: Finding[]; isPlan: boolean; doc: TextDocument }> {
  let settings = ctx.workspace.defaults;
  if (ctx.client.configuration) {
    try {
      settings = readSettings(await ctx.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }), ctx.workspace.defaults);
    } catch (err) {
      ctx.log.warn(`workspace/configuration for ${uri} failed: ${String(err)}`);
    }
  }
  const doc = TextDocument.create(uri, 'markdown', 0, text);
  try {
    const analysis = analyze(text, engineOptions(settings));
    const isPlan = analysis.model ? selectDocument(analysis.model, ctx.workspace.paths(uri), settings.globs).isPlan : analysis.findings.length > 0;
    return { findings: analysis.findings, isPlan, doc };
  } catch (err) {
    ctx.log.error(`analysis of ${uri} failed`, err);
    return { findings: [], isPlan: false, doc };
  }
}

/** What the status bar shows for an open document. */
export function statusOf(entry: Entry, state: DocState): StatusParams {
  const counts = zero();
  let blanks = 0;
  const model = state.analysis.model;
  if (model) for (const line of model.doc.lines) if (line.plan) blanks += line.text.match(/_{3,}/g)?.length ?? 0;
  if (state.selection.isPlan) for (const f of state.analysis.findings) counts[f.severity]++;
  return {
    uri: entry.uri,
    version: entry.doc.version,
    isPlan: state.selection.isPlan,
    blanks,
    computableBlanks: state.selection.isPlan ? blankFills(state.analysis).length : 0,
    counts,
  };
}

export function sendStatus(ctx: ServerContext, entry: Entry): void {
  const state = entry.state;
  if (!state || state.version !== entry.doc.version) return;
  void ctx.connection.sendNotification(StatusNotification, statusOf(entry, state)).catch((err: unknown) => ctx.log.error('status notification failed', err));
}

function zero(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}
