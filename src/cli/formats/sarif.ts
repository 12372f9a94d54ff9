/**
 * SARIF 2.1.0 output for code-scanning tools: one run; the driver lists every rule with its
 * description and doc page; results carry 1-based regions (UTF-16 columns, declared in
 * `columnKind`), related locations and fixes. Paths under the working folder are relative to
 * `%SRCROOT%`; others are absolute file URIs.
 */
import { relative, sep, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import packageJson from '../../../package.json';
import { docsUrl, rules, type Range, type Severity } from '../../engine';
import type { CheckResult } from '../check';

export const INFORMATION_URI = 'https://github.com/scaling-plan/scaling-plan';

/** Findings the engine makes outside the rule registry; each has its page in docs/rules/. */
const ENGINE_FINDINGS: { id: string; description: string; severity: Severity }[] = [
  { id: 'frontmatter', description: "The plan's YAML frontmatter must be valid YAML, a mapping, and follow the scaling-plan schema.", severity: 'error' },
  { id: 'too-large', description: 'Documents above the size limit are not analysed; one information finding says so.', severity: 'information' },
  { id: 'internal-error', description: 'A rule failed on this document and was skipped; the other rules still ran.', severity: 'information' },
];

type Level = 'error' | 'warning' | 'note';

function level(severity: Severity): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

function region(range: Range): SarifRegion {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

function artifactLocation(absolute: string, cwd: string): ArtifactLocation {
  const rel = relative(cwd, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(absolute).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

export function toSarif(result: CheckResult, cwd: string): object {
  const descriptors = [
    ...rules.map((r) => ({ id: r.meta.id, description: r.meta.description, severity: r.meta.severity, fixable: r.meta.fixable, category: r.meta.category as string })),
    ...ENGINE_FINDINGS.map((e) => ({ ...e, fixable: false, category: 'document' })),
  ];
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: object[] = [];
  for (const report of result.reports) {
    const location = artifactLocation(report.absolute, cwd);
    report.diagnostics.forEach((d, i) => {
      let ruleIndex = index.get(d.rule);
      if (ruleIndex === undefined) {
        // A finding of a rule this CLI does not know yet still gets a descriptor.
        ruleIndex = descriptors.length;
        descriptors.push({ id: d.rule, description: d.rule, severity: d.severity, fixable: d.fixes.length > 0, category: 'document' });
        index.set(d.rule, ruleIndex);
      }
      const res: Record<string, unknown> = {
        ruleId: d.rule,
        ruleIndex,
        level: level(d.severity),
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(d.range) } }],
      };
      const related = report.related[i] ?? [];
      if (related.length > 0) {
        res.relatedLocations = related.map((r, id) => ({
          id,
          message: { text: r.message },
          physicalLocation: { artifactLocation: location, region: region(r.range) },
        }));
      }
      if (d.fixes.length > 0) {
        res.fixes = d.fixes.map((fix) => ({
          description: { text: fix.title },
          artifactChanges: [
            {
              artifactLocation: location,
              replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
            },
          ],
        }));
      }
      results.push(res);
    });
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'scaling-plan',
            version: packageJson.version,
            informationUri: INFORMATION_URI,
            rules: descriptors.map((d) => ({
              id: d.id,
              shortDescription: { text: d.description },
              helpUri: docsUrl(d.id),
              defaultConfiguration: { level: level(d.severity) },
              properties: { category: d.category, fixable: d.fixable },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(result: CheckResult, cwd: string): string {
  return JSON.stringify(toSarif(result, cwd), null, 2) + '\n';
}
