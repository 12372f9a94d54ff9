/**
 * The status bar count of blanks left in the active plan. The server reports it with each
 * check (`scalingPlan/status`); until it has for a document, the `blanks` diagnostics are
 * counted instead. Hidden for markdown that is not a plan.
 */
import * as vscode from 'vscode';
import { Commands, type StatusParams } from './protocol';

const SOURCE = 'scaling-plan';

export class BlanksStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('scalingPlan.blanks', vscode.StatusBarAlignment.Right, 100);
  private readonly reported = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.item.name = 'Scaling Plan: blanks left';
    this.subscriptions = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => this.reported.delete(d.uri.toString())),
    ];
    this.update();
  }

  /** What the server said about one document. */
  report(status: StatusParams): void {
    this.reported.set(status.uri, status);
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const view = doc && doc.languageId === 'markdown' ? this.view(doc.uri) : undefined;
    if (!view) {
      this.item.hide();
      return;
    }
    const { blanks, computable } = view;
    this.item.text = blanks === 0 ? '$(pass) Plan: no blanks' : `$(edit) Plan: ${blanks} blank${blanks === 1 ? '' : 's'} left`;
    const canFill = computable === undefined ? blanks > 0 : computable > 0;
    const detail = computable === undefined ? '' : `, ${computable} computable from the plan's own figures`;
    this.item.tooltip = blanks === 0 ? 'Every blank of this scaling plan is filled in.' : `${blanks} template blank${blanks === 1 ? '' : 's'} left${detail}.${canFill ? ' Click to fill the computable ones.' : ''}`;
    this.item.command = canFill ? { title: 'Fill Computable Blanks', command: Commands.fillBlanks, arguments: [doc!.uri.toString()] } : undefined;
    this.item.show();
  }

  private view(uri: vscode.Uri): { blanks: number; computable?: number } | undefined {
    const status = this.reported.get(uri.toString());
    if (status) return status.isPlan ? { blanks: status.blanks, computable: status.computableBlanks } : undefined;
    const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
    if (ours.length === 0) return undefined;
    return { blanks: ours.filter((d) => ruleOf(d) === 'blanks').length };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** A diagnostic's rule id (`code`, which VS Code wraps with its docs link). */
export function ruleOf(d: vscode.Diagnostic): string | undefined {
  const code = d.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}
