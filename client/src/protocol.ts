/**
 * The Scaling Plan protocol beyond standard LSP, declared once for both sides. Types and method
 * names only: no imports, no runtime code, so the server can import it too
 * (`import type { … } from '../../client/src/protocol'`, and the method constants by value).
 *
 * Each message says which side sends it. Positions are LSP positions (0-based line, UTF-16
 * character); money is per month in the plan's currency; percentages are in percent (92.4, not
 * 0.924).
 *
 * Standard LSP the client relies on as well:
 * - Diagnostics with `code` = rule id, `source` = `scaling-plan`.
 * - Code lenses whose command is {@link Commands.showProjections} with arguments
 *   `[uri: string, line?: number, kind?: string]`.
 * - `workspace/executeCommand` {@link ServerCommands.fillBlanks} with arguments `[uri: string]`:
 *   the server applies the fills with `workspace/applyEdit` and answers {@link ServerCommandResult}.
 * - Settings pulled with `workspace/configuration`, section {@link SETTINGS_SECTION}; the client
 *   also pushes `workspace/didChangeConfiguration` with `{ scalingPlan: {…} }` when they change,
 *   and sends them once as `initializationOptions.settings`.
 */

/** The configuration section the server pulls; the keys are {@link Settings}. */
export const SETTINGS_SECTION = 'scalingPlan';

/**
 * The `scalingPlan` settings as VS Code sends them (see `contributes.configuration` in
 * package.json, which gives the defaults and descriptions).
 */
export interface Settings {
  /** Rule id → severity, or "off". Rules not listed keep their default severity. */
  rules: Record<string, 'off' | 'error' | 'warning' | 'information' | 'hint'>;
  /** Month convention for downtime per month. "auto" leaves it to the frontmatter and the engine. */
  month: 'auto' | '30d' | '730h';
  /** Extra relative tolerance for arithmetic checks, as a percentage string: "0%", "1%". */
  tolerance: string;
  /** Report unfilled template blanks (information findings). */
  blanks: boolean;
  /** Markdown files whose path matches one of these globs are plans whatever their content. */
  globs: string[];
  /** Documents longer than this many characters are not analysed. */
  maxSize: number;
  /** Milliseconds the server waits after a change before re-checking. */
  debounce: number;
  /** Client only: apply every fix (source.fixAll.scalingPlan) when a plan is saved. */
  fixOnSave: boolean;
}

/** Command ids the VS Code client registers (package.json `contributes.commands`). */
export const Commands = {
  newPlan: 'scalingPlan.newPlan',
  fillBlanks: 'scalingPlan.fillBlanks',
  /** Arguments: `[uri?: string, line?: number, kind?: string]` (what the code lenses pass). */
  showProjections: 'scalingPlan.showProjections',
  checkWorkspace: 'scalingPlan.checkWorkspace',
  restartServer: 'scalingPlan.restartServer',
  /**
   * Arguments: `[rule?: string]`. Shows the rule's documentation (docs/rules/<rule>.md, shipped
   * in the extension) in a markdown preview; without a rule, asks which. Each diagnostic's code
   * links here (see ruleDocLink), so the docs open offline.
   */
  showRuleDoc: 'scalingPlan.showRuleDoc',
} as const;

/** Commands the server executes (`workspace/executeCommand`), arguments `[uri: string]`. */
export const ServerCommands = {
  fixAll: 'scaling-plan.server.fixAll',
  fillBlanks: 'scaling-plan.server.fillBlanks',
} as const;

/** What the server answers to a {@link ServerCommands} command (null when it cannot run it). */
export interface ServerCommandResult {
  /** The client applied the edit (true also when there was nothing to apply). */
  applied: boolean;
  /** Number of text edits the server sent (0: nothing left to do). */
  edits: number;
}

/** Code action kinds the server offers. */
export const CodeActionKinds = {
  fixAll: 'source.fixAll.scalingPlan',
  fillBlanks: 'source.fillBlanks.scalingPlan',
} as const;

// ------------------------------------------------------------------ scalingPlan/projections

/**
 * Request, client → server: the projection table of one open document, for the "Show
 * Projections" view. The client sends it when the view opens and again after each change of
 * the document (debounced). The server answers from its current analysis of the document.
 *
 * Result: `null` when the document is not open on the server or is not a plan.
 *
 * Every figure is the engine's projection table (`Analysis.projection()`): its value (for
 * charts), its text as the engine writes it, and its formula when it is computed. The client
 * shows them; it computes nothing.
 */
export const ProjectionsRequest = 'scalingPlan/projections';

export interface ProjectionsParams {
  textDocument: { uri: string };
}

export interface ProjectionsResult {
  uri: string;
  /** Document version the figures were computed from. */
  version: number;
  /** Frontmatter `product`, when set. */
  product?: string;
  /** One row per stage of the plan's stage list, in order. */
  stages: ProjectionRow[];
  /** One row per cost or economics block with a user count (e.g. "500 users:"), in order. */
  blocks: ProjectionRow[];
  /** The growth model in words (the growth lens title), when the plan has one. */
  growth?: string;
}

export type FigureKey = 'budget' | 'budgetPerUser' | 'cost' | 'costPerUser' | 'revenue' | 'margin' | 'profit' | 'uptime' | 'downtime';

/** One figure of the table. */
export interface ProjectionFigure {
  /** The value (the low end of a range): money per month, percent as 92.4, downtime in minutes. */
  value: number;
  high?: number;
  /** As the engine writes it: `$1,400/month`, `$0.50–1.50/user/month`, `43.2 minutes`. */
  text: string;
  /** The formula over the plan's figures, for a computed figure (`600 + 400 + 100 + 300`). */
  formula?: string;
  /** Stated in the plan (a budget, an uptime) rather than computed. */
  stated: boolean;
}

/** One stage or block of the projection table. Every figure is optional: plans say what they say. */
export interface ProjectionRow {
  kind: 'stage' | 'block';
  /** "Stage 2: Traction", or "500 users" for a block. */
  label: string;
  /** 0-based line of the stage definition or the block's title. */
  line: number;
  /** A stage's user range or a block's users: the top (or only) number, and the text. */
  users?: { value: number; text: string };
  figures: Partial<Record<FigureKey, ProjectionFigure>>;
  /** For a stage: the block its modelled cost comes from, and the one its revenue comes from. */
  modelled?: { label: string; line: number };
  economics?: { label: string; line: number };
}

// ------------------------------------------------------------------ scalingPlan/checkWorkspace

/**
 * Request, client → server: check markdown files that are not open. The client finds the
 * files (`**\/*.{md,markdown}` in the workspace, minus node_modules and .git), reads them, and
 * sends them in batches (at most 100 files or 8 MB of text per request), with a progress
 * notification and cancellation.
 *
 * The server analyses each document with the settings for its URI, decides whether it is a
 * plan (frontmatter, `globs`, content), publishes `textDocument/publishDiagnostics` for every
 * plan (no version) and an empty list for every other file, and answers the counts. A file
 * that is open on the server is not re-read from `text`: its open version wins. When such a
 * file is later opened and closed, clearing its diagnostics on close is fine.
 */
export const CheckWorkspaceRequest = 'scalingPlan/checkWorkspace';

export interface CheckWorkspaceParams {
  documents: { uri: string; text: string }[];
}

export interface CheckWorkspaceResult {
  /** Files received. */
  checked: number;
  /** Files that are plans (and got diagnostics). */
  plans: number;
  /** Findings over all plans, by severity. */
  counts: SeverityCounts;
}

export interface SeverityCounts {
  error: number;
  warning: number;
  information: number;
  hint: number;
}

// ------------------------------------------------------------------ scalingPlan/status

/**
 * Notification, server → client: sent with every `publishDiagnostics` of an open document. The
 * client shows the blanks left in the status bar while that document's editor is active (and
 * whether "Fill Computable Blanks" has anything to do). Until the first one arrives for a
 * document, the client counts the `blanks` diagnostics instead.
 */
export const StatusNotification = 'scalingPlan/status';

export interface StatusParams {
  uri: string;
  version: number;
  isPlan: boolean;
  /** Unfilled blanks in the document (whether or not blanks are reported as findings). */
  blanks: number;
  /** Blanks the plan's own figures determine (what "Fill Computable Blanks" would write now). */
  computableBlanks: number;
  counts: SeverityCounts;
}
