/**
 * A reference implementation of the server side of the client's custom protocol
 * (client/src/protocol.ts): `scalingPlan/projections`, `scalingPlan/checkWorkspace` and the
 * `scalingPlan/status` notification. It is written against the language server's own modules
 * so that it can move into server/src as it is; until the server has its own, it lets
 * `npm run test:vscode -- --reference-server` check the client against a server that answers.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection } from 'vscode-languageserver/node';
import type {
  CheckWorkspaceParams,
  CheckWorkspaceResult,
  ProjectionRow,
  ProjectionsParams,
  ProjectionsResult,
  SeverityCounts,
  StatusParams,
} from '../../../client/src/protocol';
import { CheckWorkspaceRequest, ProjectionsRequest, SETTINGS_SECTION, StatusNotification } from '../../../client/src/protocol';
import { analyze, type Finding } from '../../../src/engine';
import { econRecords } from '../../../src/engine/economics';
import { blankFills, blockFigures, growthTitle, fallbackGrowth, selectDocument } from '../../../src/engine/features';
import { planState, type ServerContext } from '../../../server/src/context';
import { toDiagnostic } from '../../../server/src/convert';
import { engineOptions, readSettings } from '../../../server/src/settings';
import type { DocState, Entry } from '../../../server/src/workspace';

export function registerProtocol(ctx: ServerContext): void {
  ctx.connection.onRequest(ProjectionsRequest, (params: ProjectionsParams) => projections(ctx, params));
  ctx.connection.onRequest(CheckWorkspaceRequest, (params: CheckWorkspaceParams) => checkWorkspace(ctx, params));
}

// ------------------------------------------------------------------ scalingPlan/projections

export function projections(ctx: ServerContext, params: ProjectionsParams): ProjectionsResult | null {
  const found = planState(ctx, params?.textDocument?.uri);
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
    }
    return row;
  });
  const blocks: ProjectionRow[] = [];
  for (const rec of econRecords(model)) {
    if (!rec.users || rec.users.q.blank) continue;
    const f = blockFigures(state.analysis, rec);
    if (!f) continue;
    const row: ProjectionRow = { label: `${Math.round(rec.users.q.value).toLocaleString('en-US')} users`, line: rec.line, users: rec.users.q.value };
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
  const growth = plan.growth ?? fallbackGrowth(model, plan);
  const title = growth && growthTitle(growth);
  if (title) result.growth = title;
  return result;
}

// ------------------------------------------------------------------ scalingPlan/checkWorkspace

export async function checkWorkspace(ctx: ServerContext, params: CheckWorkspaceParams): Promise<CheckWorkspaceResult> {
  const result: CheckWorkspaceResult = { checked: 0, plans: 0, counts: zero() };
  for (const d of params?.documents ?? []) {
    if (typeof d?.uri !== 'string' || typeof d.text !== 'string') continue;
    result.checked++;
    const open = ctx.workspace.get(d.uri);
    const { findings, isPlan, doc } = open ? fromOpen(ctx, open) : await fromText(ctx, d.uri, d.text);
    if (!isPlan) {
      if (!open) void ctx.connection.sendDiagnostics({ uri: d.uri, diagnostics: [] });
      continue;
    }
    result.plans++;
    for (const f of findings) result.counts[f.severity]++;
    if (!open) void ctx.connection.sendDiagnostics({ uri: d.uri, diagnostics: findings.map((f) => toDiagnostic(doc, d.uri, f, ctx.client.relatedInformation)) });
  }
  return result;
}

function fromOpen(ctx: ServerContext, entry: Entry): { findings: Finding[]; isPlan: boolean; doc: TextDocument } {
  const state = ctx.workspace.state(entry);
  return { findings: state.analysis.findings, isPlan: state.selection.isPlan, doc: entry.doc };
}

async function fromText(ctx: ServerContext, uri: string, text: string): Promise<{ findings: Finding[]; isPlan: boolean; doc: TextDocument }> {
  let settings = ctx.workspace.defaults;
  if (ctx.client.configuration) {
    try {
      settings = readSettings(await ctx.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }), ctx.workspace.defaults);
    } catch {
      // The defaults, then.
    }
  }
  const doc = TextDocument.create(uri, 'markdown', 0, text);
  const analysis = analyze(text, engineOptions(settings));
  const isPlan = analysis.model ? selectDocument(analysis.model, ctx.workspace.paths(uri), settings.globs).isPlan : analysis.findings.length > 0;
  return { findings: analysis.findings, isPlan, doc };
}

// ------------------------------------------------------------------ scalingPlan/status

/** To be sent right after each publishDiagnostics of an open document. */
export function statusOf(entry: Entry, state: DocState): StatusParams {
  const counts = zero();
  let blanks = 0;
  const model = state.analysis.model;
  if (model) for (const line of model.doc.lines) if (line.plan) blanks += line.text.match(/_{3,}/g)?.length ?? 0;
  if (state.selection.isPlan) for (const f of state.analysis.findings) counts[f.severity]++;
  return { uri: entry.uri, version: entry.doc.version, isPlan: state.selection.isPlan, blanks, computableBlanks: state.selection.isPlan ? blankFills(state.analysis).length : 0, counts };
}

export function sendStatus(connection: Connection, entry: Entry, state: DocState): void {
  void connection.sendNotification(StatusNotification, statusOf(entry, state)).catch(() => undefined);
}

function zero(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}
