/**
 * The "Show Projections" webview: one panel beside the editor, showing the projection table and
 * chart of one plan, refreshed (debounced) while that plan is edited. The webview runs no
 * script and loads nothing; its HTML is rebuilt from the server's answer each time.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ProjectionsResult } from './protocol';
import { projectionsHtml } from './projectionsHtml';

export type FetchProjections = (uri: vscode.Uri) => Promise<{ data: ProjectionsResult | null; notice?: string }>;

const REFRESH_DELAY_MS = 300;

export class ProjectionsView implements vscode.Disposable {
  static readonly viewType = 'scalingPlan.projections';
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly fetch: FetchProjections) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && this.uri && e.document.uri.toString() === this.uri.toString() && e.contentChanges.length > 0) this.schedule();
      }),
    );
  }

  /** Opens (or moves) the view to the plan at `uri` and renders it; resolves with what it shows. */
  async show(uri: vscode.Uri): Promise<ProjectionsResult | null> {
    this.uri = uri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        ProjectionsView.viewType,
        this.title(),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableCommandUris: false, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.uri = undefined;
        if (this.timer) clearTimeout(this.timer);
      });
    } else {
      this.panel.reveal(undefined, true);
    }
    return this.refresh();
  }

  /** Re-renders from the server's current analysis of the plan. */
  async refresh(): Promise<ProjectionsResult | null> {
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri) return null;
    const generation = ++this.generation;
    let answer: Awaited<ReturnType<FetchProjections>>;
    try {
      answer = await this.fetch(uri);
    } catch (err) {
      answer = { data: null, notice: `Could not compute the projections: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (generation !== this.generation || this.panel !== panel) return answer.data;
    panel.title = this.title();
    panel.webview.html = projectionsHtml(answer.data, { nonce: nonce(), fileName: fileName(uri), ...(answer.notice ? { notice: answer.notice } : {}) });
    return answer.data;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  private title(): string {
    return this.uri ? `Projections: ${fileName(this.uri)}` : 'Projections';
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

function fileName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

function nonce(): string {
  return randomBytes(18).toString('base64');
}
