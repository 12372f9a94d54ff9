/**
 * The Scaling Plan messages beyond standard LSP (declared once in client/src/protocol.ts):
 * - `scalingPlan/projections` (client → server): the projection table of an open plan;
 * - `scalingPlan/checkWorkspace` (client → server): check files that are not open, publishing
 *   their diagnostics;
 * - `scalingPlan/status` (server → client): blanks and finding counts, after each publish.
 * Conversions only: every figure is a cell of the engine's projection table.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { run } from './remote';
import {
  StatusNotification,
  type CheckWorkspaceParams,
  type CheckWorkspaceResult,
  type FigureKey,
  type ProjectionFigure,
  type ProjectionRow,
  type ProjectionsParams,
  type ProjectionsResult,
  type SeverityCounts,
  type StatusParams,
} from '../../client/src/protocol';
import type { Analysis, Cell, Finding, ProjectionRow as EngineRow } from '../../src/engine';
import { GitIgnores } from '../../src/config/gitignore';
import { blankFills, cellText, growthTitle, selectDocument, usersText } from '../../src/engine/features';
import { planState, type ServerContext } from './context';
import { toDiagnostic } from './convert';
import { logDropped, readSettings, SECTION } from './settings';
import type { DocState, Entry } from './workspace';

const KEYS: FigureKey[] = ['budget', 'budgetPerUser', 'cost', 'costPerUser', 'revenue', 'margin', 'profit', 'uptime', 'downtime'];

function figure(c: Cell, analysis: Analysis): ProjectionFigure {
  const f: ProjectionFigure = { value: c.low, text: cellText(c, analysis.style), stated: c.stated };
  if (c.high !== undefined) f.high = c.high;
  if (c.formula) f.formula = c.formula;
  return f;
}

function row(r: EngineRow, analysis: Analysis): ProjectionRow {
  const out: ProjectionRow = { kind: r.kind, label: r.label, line: r.line, figures: {} };
  if (r.users) out.users = { value: r.users.high ?? r.users.low, text: usersText(r.users, analysis.style) };
  for (const k of KEYS) {
    const c = r[k];
    if (c) out.figures[k] = figure(c, analysis);
  }
  if (r.modelled) out.modelled = { ...r.modelled };
  if (r.economics) out.economics = { ...r.economics };
  return out;
}

export function projections(ctx: ServerContext, params: ProjectionsParams): ProjectionsResult | null {
  const uri = params?.textDocument?.uri;
  if (typeof uri !== 'string') return null;
  const found = planState(ctx, uri);
  if (!found) return null;
  const { entry, state } = found;
  const analysis = state.analysis;
  const projection = analysis.projection();
  const result: ProjectionsResult = {
    uri: entry.uri,
    version: entry.doc.version,
    stages: projection.rows.filter((r) => r.kind === 'stage').map((r) => row(r, analysis)),
    blocks: projection.rows.filter((r) => r.kind === 'block').map((r) => row(r, analysis)),
  };
  if (analysis.frontmatter.product) result.product = analysis.frontmatter.product;
  const title = projection.growth && growthTitle(projection.growth, analysis.style);
  if (title) result.growth = title;
  return result;
}

export async function checkWorkspace(ctx: ServerContext, params: CheckWorkspaceParams, token?: CancellationToken): Promise<CheckWorkspaceResult> {
  const result: CheckWorkspaceResult = { checked: 0, plans: 0, counts: zero() };
  const documents = Array.isArray(params?.documents) ? params.documents : [];
  // Files a `.gitignore` leaves out are not plans of the workspace (as in the CLI's folder walk).
  const git = new GitIgnores();
  for (const d of documents) {
    if (token?.isCancellationRequested) break;
    if (typeof d?.uri !== 'string' || typeof d.text !== 'string') continue;
    result.checked++;
    if (ctx.workspace.get(d.uri)) {
      // The open version wins over the text on disk; its diagnostics are already published.
      const summary = await run(ctx, 'summary', d.uri, { uri: d.uri }, null);
      if (!summary || summary instanceof ResponseError || !summary.isPlan) continue;
      result.plans++;
      for (const k of Object.keys(result.counts) as (keyof SeverityCounts)[]) result.counts[k] += summary.counts[k];
      continue;
    }
    const doc = TextDocument.create(d.uri, 'markdown', 0, d.text);
    const { findings, isPlan } = ctx.workspace.ignoredByGit(d.uri, git) ? { findings: [], isPlan: false } : await fromText(ctx, d.uri, d.text);
    // Pushed even to clients that pull: the file is not open. Cleared when it opens.
    ctx.workspace.checked.add(d.uri);
    void ctx.connection
      .sendDiagnostics({ uri: d.uri, diagnostics: isPlan ? findings.map((f) => toDiagnostic(doc, d.uri, f, ctx.client.relatedInformation)) : [] })
      .catch((err: unknown) => ctx.log.error('sendDiagnostics failed', err));
    if (!isPlan) continue;
    result.plans++;
    for (const f of findings) result.counts[f.severity]++;
  }
  return result;
}

async function fromText(ctx: ServerContext, uri: string, text: string): Promise<{ findings: Finding[]; isPlan: boolean }> {
  let settings = ctx.workspace.defaults;
  if (ctx.client.configuration) {
    try {
      settings = logDropped(ctx.log, readSettings(await ctx.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }), ctx.workspace.defaults));
    } catch (err) {
      ctx.log.warn(`workspace/configuration for ${uri} failed: ${String(err)}`);
    }
  }
  settings = ctx.workspace.settingsFor(uri, settings);
  if (ctx.workspace.ignoredByConfig(uri, settings)) return { findings: [], isPlan: false };
  try {
    // Not kept: a file that is not open leaves nothing behind.
    const analysis = ctx.workspace.service.analyze(text, settings.options);
    // A text above the size limit is a plan by its frontmatter's head or a glob.
    const isPlan = selectDocument(analysis, ctx.workspace.paths(uri), settings.match).isPlan;
    return { findings: analysis.findings, isPlan };
  } catch (err) {
    ctx.log.error(`analysis of ${uri} failed`, err);
    return { findings: [], isPlan: false };
  }
}

/** What the status bar shows for an open document. */
export function statusOf(entry: Entry, state: DocState): StatusParams {
  const counts = zero();
  const isPlan = state.selection.isPlan;
  if (isPlan) for (const f of state.analysis.findings) counts[f.severity]++;
  return {
    uri: entry.uri,
    version: entry.doc.version,
    isPlan,
    blanks: isPlan ? state.analysis.blanks.length : 0,
    computableBlanks: isPlan ? blankFills(state.analysis).length : 0,
    counts,
  };
}

export function sendStatus(ctx: ServerContext, status: StatusParams): void {
  void ctx.connection.sendNotification(StatusNotification, status).catch((err: unknown) => ctx.log.error('status notification failed', err));
}

function zero(): SeverityCounts {
  return { error: 0, warning: 0, information: 0, hint: 0 };
}
