/**
 * GitHub Actions workflow commands: one annotation per finding,
 * `::error file=docs/plan.md,line=23,endLine=23,col=10,endColumn=19,title=scaling-plan totals::message`.
 * Errors are `error`, warnings `warning`, information `notice`; hints (blanks to fill in) are
 * not annotated. Values are escaped as the Actions runner reads them: `%`, CR and LF in the
 * message; also `:` and `,` in properties. Paths are relative to the repository checkout
 * (`GITHUB_WORKSPACE`) when the file is inside it, with `/` separators.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { CheckResult } from '../check';
import type { Severity } from '../../engine';

const COMMAND: Record<Severity, string | undefined> = { error: 'error', warning: 'warning', information: 'notice', hint: undefined };

/** Escapes a command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command's property value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotationPath(file: string, absolute: string, workspace: string | undefined): string {
  if (workspace && isAbsolute(workspace)) {
    const rel = relative(workspace, absolute);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return file.split(sep).join('/');
}

export function formatGithub(result: CheckResult, workspace = process.env.GITHUB_WORKSPACE): string {
  let out = '';
  for (const report of result.reports) {
    const file = escapeProperty(annotationPath(report.file, report.absolute, workspace));
    for (const d of report.diagnostics) {
      const command = COMMAND[d.severity];
      if (!command) continue;
      const { start, end } = d.range;
      const props = [`file=${file}`, `line=${start.line + 1}`, `endLine=${end.line + 1}`, `col=${start.character + 1}`];
      // endColumn only on one line, as the runner reads it.
      if (end.line === start.line) props.push(`endColumn=${Math.max(end.character, start.character + 1)}`);
      props.push(`title=${escapeProperty(`scaling-plan ${d.rule}`)}`);
      out += `::${command} ${props.join(',')}::${escapeData(d.message)}\n`;
    }
  }
  return out;
}
