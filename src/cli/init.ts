/**
 * `scaling-plan init [FILE]`: writes a new plan from the template, with every deliverable
 * section and `___` blanks where the author must write. FILE defaults to `scaling-plan.md`;
 * `-` prints the plan instead. An existing file is never overwritten unless `--force`.
 */
import { lstatSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { planTemplate } from '../engine/template';
import { parseCommand } from './args';
import { writeInside } from './files';
import type { Io } from './io';

export const USAGE = `Usage: scaling-plan init [FILE] [options]

Writes a new scaling plan with every deliverable section (growth projection model,
infrastructure roadmap with milestones, cost projection per stage, architecture evolution,
team scaling plan, operational playbooks, risk assessment, success metrics) and blanks (___)
where you write. FILE defaults to scaling-plan.md; use - to print the plan instead.

Options:
      --product <name>   Product name for the title and frontmatter
      --force            Overwrite FILE if it exists
  -h, --help             Show this help

Exit codes: 0 written, 2 usage or I/O error (including an existing FILE without --force).
`;

export const DEFAULT_PLAN_FILE = 'scaling-plan.md';

/** `scaling-plan init`: resolves to the exit code (0 written, 2 usage or I/O error). */
export async function runInit(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(args, { product: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (!parsed.ok) return usage(io, parsed.error === "option '--product' needs a value" ? '--product needs a name' : parsed.error);
  const { values, positionals } = parsed.value;
  if (values.help === true) {
    io.stdout(USAGE);
    return 0;
  }
  const product = typeof values.product === 'string' ? values.product : undefined;
  if (product !== undefined && product.trim() === '') return usage(io, '--product needs a name');
  const force = values.force === true;
  if (positionals.length > 1) return usage(io, 'init takes one file');
  const file = positionals[0];
  const text = planTemplate(product !== undefined ? { product } : {});
  if (file === '-') {
    io.stdout(text);
    return 0;
  }
  const target = file ?? DEFAULT_PLAN_FILE;
  const absolute = isAbsolute(target) ? target : resolve(io.cwd, target);
  if (exists(absolute) && !force) {
    io.stderr(`${target}: already exists; not overwritten (use --force to replace it)\n`);
    return 2;
  }
  // Never through a symbolic link to a place outside FILE's folder (even with --force).
  const refused = writeInside(absolute, dirname(absolute), text);
  if (refused) {
    io.stderr(`${target}: ${refused.link ? `not written: ${refused.message}` : refused.message}\n`);
    return 2;
  }
  io.stderr(`Wrote ${target}: fill in the blanks (___), then run 'scaling-plan check ${target}'.\n`);
  return 0;
}

/** Something is at `path`: a file, a folder, or a symbolic link (even to nothing). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function usage(io: Io, message: string): number {
  io.stderr(`scaling-plan: ${message}\n\n${USAGE}`);
  return 2;
}
