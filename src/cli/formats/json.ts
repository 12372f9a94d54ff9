/**
 * JSON output, the contract other tools rely on (schemas/cli-output.schema.json): an array of
 * `{ file, diagnostics: [{ rule, severity, message, range, fixes }] }` with 0-based LSP
 * positions in UTF-16 characters. Exactly these keys, nothing more.
 */
import type { CheckResult, Diagnostic } from '../check';

export interface JsonFileResult {
  file: string;
  diagnostics: Diagnostic[];
}

export function toJson(result: CheckResult): JsonFileResult[] {
  return result.reports.map((r) => ({
    file: r.file,
    diagnostics: r.diagnostics.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      range: d.range,
      fixes: d.fixes.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
    })),
  }));
}

export function formatJson(result: CheckResult): string {
  return JSON.stringify(toJson(result)) + '\n';
}
