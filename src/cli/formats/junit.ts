/**
 * JUnit XML, for CI systems that show test reports: one `<testsuite>` for the run, one
 * `<testcase>` per plan checked (its path as name and classname), one `<failure>` per finding
 * of error or warning severity (`type` is the rule, `message` the finding, the body
 * `path:line:col severity message rule`); information and hints are listed in the case's
 * `<system-out>`. Text is XML-escaped, and characters XML 1.0 cannot hold are dropped.
 */
import type { CheckResult } from '../check';

/** Characters XML 1.0 cannot hold (controls other than tab, LF and CR, lone surrogates, U+FFFE/F). */
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(s: string): string {
  return s.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');
}

/** Text content: the same, except that line ends stay line ends. */
function text(s: string): string {
  return s.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function formatJunit(result: CheckResult): string {
  let tests = 0;
  let failures = 0;
  let cases = '';
  for (const report of result.reports) {
    tests++;
    const file = escapeXml(report.file);
    const failing = report.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
    const other = report.diagnostics.filter((d) => d.severity !== 'error' && d.severity !== 'warning');
    failures += failing.length > 0 ? 1 : 0;
    const line = (d: (typeof report.diagnostics)[number]): string => `${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.message.replace(/\s*[\r\n]+\s*/g, ' ')} ${d.rule}`;
    cases += `    <testcase name="${file}" classname="${file}" file="${file}">\n`;
    for (const d of failing) {
      cases += `      <failure type="${escapeXml(d.rule)}" message="${escapeXml(d.message)}">${text(line(d))}</failure>\n`;
    }
    if (other.length > 0) cases += `      <system-out>${text(other.map(line).join('\n'))}</system-out>\n`;
    cases += '    </testcase>\n';
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="scaling-plan" tests="${tests}" failures="${failures}" errors="0">\n` +
    `  <testsuite name="scaling-plan" tests="${tests}" failures="${failures}" errors="0" skipped="0">\n` +
    cases +
    '  </testsuite>\n' +
    '</testsuites>\n'
  );
}
