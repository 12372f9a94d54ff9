/**
 * Human output: one line per finding on stdout, `path:line:col severity message rule` with
 * 1-based line and column (UTF-16 columns, as editors count them), so stdout stays parseable;
 * the summary goes to stderr with the other messages.
 */
import type { CheckResult } from '../check';
import type { Severity } from '../../engine';

export function formatHuman(result: CheckResult): string {
  let out = '';
  for (const report of result.reports) {
    for (const d of report.diagnostics) {
      const message = d.message.replace(/\s*[\r\n]+\s*/g, ' ');
      out += `${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${message} ${d.rule}\n`;
    }
  }
  return out;
}

/** `3 errors, 1 warning, 302 information in 4 files` (only errors when quiet). */
export function summary(result: CheckResult, quiet: boolean): string {
  const count: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of result.reports) for (const d of report.diagnostics) count[d.severity]++;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(count.error, 'error')];
  if (!quiet) {
    parts.push(plural(count.warning, 'warning'), `${count.information} information`);
    if (count.hint > 0) parts.push(plural(count.hint, 'hint'));
  }
  return `${parts.join(', ')} in ${plural(result.reports.length, 'file')}`;
}
