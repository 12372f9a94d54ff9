/**
 * "Check Workspace": find the workspace's markdown files, read them, and send them to the server
 * in batches (`scalingPlan/checkWorkspace`); the server publishes diagnostics for the plans
 * among them, which fill the Problems panel. Cancellable, with progress.
 */
import * as vscode from 'vscode';
import type { CheckWorkspaceParams, CheckWorkspaceResult } from './protocol';

export type SendBatch = (params: CheckWorkspaceParams, token: vscode.CancellationToken) => Promise<CheckWorkspaceResult>;

const INCLUDE = '**/*.{md,markdown}';
const EXCLUDE = '{**/node_modules/**,**/.git/**}';
const BATCH_FILES = 100;
const BATCH_CHARS = 8 * 1024 * 1024;

export interface WorkspaceCheck extends CheckWorkspaceResult {
  /** Files not sent because they are far above the size limit. */
  skipped: number;
  cancelled: boolean;
}

export async function checkWorkspace(send: SendBatch, maxSize: number): Promise<WorkspaceCheck> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Scaling Plan: checking the workspace', cancellable: true },
    async (progress, token) => {
      const total: WorkspaceCheck = { checked: 0, plans: 0, counts: { error: 0, warning: 0, information: 0, hint: 0 }, skipped: 0, cancelled: false };
      const files = (await vscode.workspace.findFiles(INCLUDE, EXCLUDE, undefined, token)).sort((a, b) => a.toString().localeCompare(b.toString()));
      const decoder = new TextDecoder('utf-8');
      let batch: CheckWorkspaceParams['documents'] = [];
      let chars = 0;
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        const result = await send({ documents: batch }, token);
        total.checked += result.checked;
        total.plans += result.plans;
        for (const k of ['error', 'warning', 'information', 'hint'] as const) total.counts[k] += result.counts[k] ?? 0;
        progress.report({ message: `${total.checked} of ${files.length} files`, increment: (batch.length / Math.max(1, files.length)) * 100 });
        batch = [];
        chars = 0;
      };
      for (const uri of files) {
        if (token.isCancellationRequested) break;
        let bytes: Uint8Array;
        try {
          // A UTF-8 file of more than three bytes per allowed character cannot fit the limit.
          if ((await vscode.workspace.fs.stat(uri)).size > maxSize * 3) {
            total.skipped++;
            continue;
          }
          bytes = await vscode.workspace.fs.readFile(uri);
        } catch {
          total.skipped++;
          continue;
        }
        const text = decoder.decode(bytes);
        batch.push({ uri: uri.toString(), text });
        chars += text.length;
        if (batch.length >= BATCH_FILES || chars >= BATCH_CHARS) await flush();
      }
      if (!token.isCancellationRequested) await flush();
      total.cancelled = token.isCancellationRequested;
      return total;
    },
  );
}

export function summary(r: WorkspaceCheck): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const findings = r.plans === 0 ? '' : `: ${plural(r.counts.error, 'error')}, ${plural(r.counts.warning, 'warning')}, ${r.counts.information} information`;
  const skipped = r.skipped ? ` (${r.skipped} skipped: unreadable or above the size limit)` : '';
  return `Scaling Plan: ${r.cancelled ? 'cancelled after ' : ''}${plural(r.checked, 'markdown file')}, ${plural(r.plans, 'plan')}${findings}${skipped}.`;
}
