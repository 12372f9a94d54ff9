/**
 * Code actions. Quick fixes: every fix of each finding under the cursor (when a fix is
 * ambiguous the engine offers several, e.g. change the revenue or change the ARPU), "Ignore
 * this finding on this line" (a suppression comment placed where it changes nothing else; see
 * src/engine/features/ignore.ts), and "fix all of this rule". Source actions: `source.fixAll.scalingPlan` (fix-on-save) and "Fill computable
 * blanks" (every blank the plan's formulas determine, in one pass). Fix-all runs the engine's
 * fixes to a fixed point. Expensive edits are computed on resolve when the client supports it.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
} from 'vscode-languageserver/node';
import { fillEdits, fixAll, ignoreEdit, type IgnoreEdit } from '../../src/engine/features';
import type { Edit, Finding } from '../../src/engine';
import { FILL_BLANKS_KIND, FIX_ALL_KIND } from './capabilities';
import { planState, type ServerContext } from './context';
import { spanOf, toDiagnostic, toWorkspaceEdit } from './convert';
import type { DocState, Entry } from './workspace';

export { FILL_BLANKS_KIND, FIX_ALL_KIND };

type Deferred = { uri: string; version: number; action: 'fixAll' | 'fixRule' | 'fillBlanks'; rule?: string };

/** Is an action of `kind` wanted by a request limited to `only` (everything when unlimited)? */
function wanted(kind: string, only: string[] | undefined): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export function codeActions(ctx: ServerContext, params: CodeActionParams): CodeAction[] {
  const found = planState(ctx, params.textDocument.uri);
  if (!found) return [];
  const { entry, state } = found;
  const only = params.context.only;
  const doc = entry.doc;
  const span = spanOf(doc, params.range);
  if (!span) return [];
  const { start, end } = span;
  const actions: CodeAction[] = [];
  const findings = state.analysis.findings;
  if (wanted(CodeActionKind.QuickFix, only)) {
    const rulesHere = new Set<string>();
    for (const f of findings) {
      if (f.fixes.length === 0 || f.span.end < start || f.span.start > end) continue;
      const diagnostic = toDiagnostic(doc, entry.uri, f, ctx.client.relatedInformation);
      f.fixes.forEach((fix, i) => {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: i === 0,
          edit: toWorkspaceEdit(doc, fix.edits, ctx.client.documentChanges),
        });
      });
      rulesHere.add(f.rule);
    }
    // "Ignore this finding on this line": a suppression comment, placed where it changes nothing else.
    for (const f of findings) {
      if (f.span.end < start || f.span.start > end) continue;
      let ignore = ignoreCache(state).get(f);
      if (ignore === undefined) {
        try {
          ignore = ignoreEdit(ctx.workspace.service, state.analysis, f, state.settings.options) ?? null;
        } catch (err) {
          ctx.log.error(`ignore action for ${entry.uri} failed`, err);
          ignore = null;
        }
        ignoreCache(state).set(f, ignore);
      }
      if (!ignore) continue;
      actions.push({
        title: ignore.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(doc, entry.uri, f, ctx.client.relatedInformation)],
        edit: toWorkspaceEdit(doc, ignore.edits, ctx.client.documentChanges),
      });
    }
    for (const rule of rulesHere) {
      const count = findings.filter((f) => f.rule === rule && f.fixes.length > 0).length;
      if (count < 2) continue;
      actions.push(deferred(ctx, entry, state, `Fix all ${rule} problems (${count})`, CodeActionKind.QuickFix, { action: 'fixRule', rule }, diagnosticsFor(ctx, entry, findings, rule)));
    }
  }
  // Source actions cost nothing until resolved; clients show them in their source-action menus.
  if (wanted(FIX_ALL_KIND, only) && findings.some((f) => f.fixes.length > 0)) {
    actions.push(deferred(ctx, entry, state, 'Fix all scaling-plan problems', FIX_ALL_KIND, { action: 'fixAll' }));
  }
  if (wanted(FILL_BLANKS_KIND, only) && fillEdits(state.analysis).length > 0) {
    actions.push(deferred(ctx, entry, state, 'Fill computable blanks', FILL_BLANKS_KIND, { action: 'fillBlanks' }));
  }
  return actions;
}

/** Each finding's "ignore" edit, once per analysed version (placing it costs an analysis or two). */
const ignoreEdits = new WeakMap<DocState, Map<Finding, IgnoreEdit | null>>();

function ignoreCache(state: DocState): Map<Finding, IgnoreEdit | null> {
  let m = ignoreEdits.get(state);
  if (!m) ignoreEdits.set(state, (m = new Map()));
  return m;
}

function diagnosticsFor(ctx: ServerContext, entry: Entry, findings: Finding[], rule: string): Diagnostic[] {
  return findings.filter((f) => f.rule === rule && f.fixes.length > 0).map((f) => toDiagnostic(entry.doc, entry.uri, f, ctx.client.relatedInformation));
}

/** An action whose edit is computed on resolve (or now, when the client cannot resolve). */
function deferred(ctx: ServerContext, entry: Entry, state: DocState, title: string, kind: string, what: Omit<Deferred, 'uri' | 'version'>, diagnostics?: Diagnostic[]): CodeAction {
  const data: Deferred = { uri: entry.uri, version: entry.doc.version, ...what };
  const action: CodeAction = { title, kind };
  if (diagnostics?.length) action.diagnostics = diagnostics;
  if (ctx.client.codeActionResolve) action.data = data;
  else action.edit = toWorkspaceEdit(entry.doc, editsFor(ctx, entry, state, data), ctx.client.documentChanges);
  return action;
}

export function resolveCodeAction(ctx: ServerContext, action: CodeAction): CodeAction {
  const data = action.data as Deferred | undefined;
  if (!data || typeof data.uri !== 'string' || action.edit) return action;
  const found = planState(ctx, data.uri);
  if (!found) return action;
  if (found.entry.doc.version !== data.version) {
    ctx.log.warn(`codeAction/resolve for ${data.uri} version ${data.version}, now ${found.entry.doc.version}: resolved against the current text`);
  }
  return { ...action, edit: toWorkspaceEdit(found.entry.doc, editsFor(ctx, found.entry, found.state, data), ctx.client.documentChanges) };
}

/** The edits of a deferred action against the document's current text. */
export function editsFor(ctx: ServerContext, entry: Entry, state: DocState, what: Pick<Deferred, 'action' | 'rule'>): Edit[] {
  const text = entry.doc.getText();
  const options = state.settings.options;
  switch (what.action) {
    case 'fillBlanks':
      return fillEdits(state.analysis);
    case 'fixRule':
      return fixAll(ctx.workspace.service, text, options, { findings: state.analysis.findings, ...(what.rule ? { rule: what.rule } : {}) }).edits;
    case 'fixAll':
      return fixAll(ctx.workspace.service, text, options, { findings: state.analysis.findings }).edits;
  }
}
