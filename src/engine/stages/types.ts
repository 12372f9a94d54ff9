/**
 * The stage model as plain data: every place the plan names a stage or phase with a user range
 * or a timeline (an entry), the lists they form (sequences), the stages identified across
 * sections, each stage's projection and the growth model. Spans are UTF-16 offsets into the
 * document, lines are 0-based.
 */
import type { Quantity, Span } from '../types';

/** A user range as the plan states it. `point` marks a single count (`Current - 100 users`). */
export interface UserRange {
  low: number;
  /** Undefined when open-ended (`10,000+`) or, for a point, unknown. */
  high?: number;
  open: boolean;
  /** A single count in a stage title: the stage's top as far as the title says. */
  point?: boolean;
  /** A decision-tree row (`< 10K users?`): its low end is the previous row's threshold. */
  derivedLow?: boolean;
  /** A row of a tree written top-down (`> 1K users?` under `> 10K users?`): its top is the row above's threshold. */
  derivedHigh?: boolean;
  span: Span;
  /** How the range reads in messages: `100–500 users`, `10,000+ users`, `< 10K users`. */
  text: string;
  /** The quantity holding the range, when one quantity does (what a fix rewrites). */
  quantity?: Quantity;
}

/**
 * A stretch of time in months. `index` style counts months (`Months 4-6`: the 4th to the 6th
 * month); `elapsed` style measures time since the start (`3-6 months`).
 */
export interface MonthRange {
  low: number;
  high?: number;
  open: boolean;
  style: 'index' | 'elapsed';
  span: Span;
  text: string;
}

/** A labelled figure the plan states in a stage's lines, with where it is. */
export interface Fact {
  q: Quantity;
  label: string;
  line: number;
  /** Stated as a labelled item or table cell (`Uptime: 99.9%`), not in prose. */
  item: boolean;
}

/** A response-time target: which one (`response time`, `support response`) and its value. */
export interface ResponseFact extends Fact {
  key: string;
  /** The value in milliseconds. */
  ms: number;
  /** Bounded by a word (`under 2s`, `below 300ms`) rather than by `<`. */
  below?: boolean;
}

export type EntryForm = 'heading' | 'title' | 'line' | 'table' | 'decision' | 'reference';

/** What a decision-tree row states: a threshold below (`< 1K`) or above (`> 10K`), a range, an open range (`10K+`). */
export type DecisionBranch = 'lt' | 'gt' | 'range' | 'open';

/** One place that names a stage or phase, or titles a user range or a timeline. */
export interface StageEntry {
  id: number;
  line: number;
  /** The entry's text: the heading or title content, the table row, the reference. */
  span: Span;
  form: EntryForm;
  /** `Stage`, `Phase`, `Tier` or `Level` as written, when numbered. */
  word?: string;
  number?: number;
  name?: string;
  /** How messages call it: `Stage 2: Early Traction`, `Next 3 Months`, `< 10K users`. */
  label: string;
  users?: UserRange;
  timeline?: MonthRange;
  /** Entries in the same container form one list (sequence). */
  container: string;
  /** For a decision-tree row, what its condition states. */
  branch?: DecisionBranch;
  /** Lines that belong to the entry: [start, end). */
  scope: { start: number; end: number };
  /** The first cost range or budget stated for the stage in its lines. */
  budget?: Fact;
  uptime?: Fact;
  /** Downtime stated beside the uptime. */
  downtime?: Fact;
  response: ResponseFact[];
  /** Team size stated in the stage's lines (`Team size: 4`, `Team: 3-5 people`). */
  teamSize?: Fact;
}

/** One list of entries (a stage list, the SLA blocks, a decision tree, a table): document order. */
export interface StageSequence {
  id: number;
  container: string;
  entries: StageEntry[];
  /** Entries with a user range (points included). */
  ranged: number;
  /** Entries with a timeline. */
  timed: number;
  /** The heading the list sits under. */
  title: string;
  /** A decision tree written top-down (`> 10K`, `> 1K`, else): its entries run down the user axis. */
  descending?: boolean;
  /**
   * A decision tree that is not checked as a tiling: a row could not be read with confidence, or
   * its rows are triggers (`> 1K`, then `> 10K`) rather than branches.
   */
  untiled?: boolean;
}

/** A stage identified across sections (by word and number, or by name), with its canonical range. */
export interface Stage {
  /** `stage:2`, `phase:1`, or `entry:<id>` for an unnumbered stage of the main list. */
  key: string;
  word?: string;
  number?: number;
  name?: string;
  label: string;
  /** The entry that defines the stage: its range is the stage's range. */
  definition: StageEntry;
  span: Span;
  line: number;
  low?: number;
  high?: number;
  open: boolean;
  /** Every entry naming this stage, the definition included, in document order. */
  mentions: StageEntry[];
  /** The stage belongs to the plan's main stage list. */
  primary: boolean;
}

/** A figure of a projection: as stated (with its span) or computed (with its formula). */
export interface ProjectedFigure {
  value: number;
  high?: number;
  source: 'stated' | 'computed';
  /** Where the plan states it (stated figures). */
  span?: Span;
  line?: number;
  /** The text as stated, e.g. `$380/month`. */
  raw?: string;
  /** How a computed figure was computed, e.g. `$380/month / 500 users`. */
  formula?: string;
  label: string;
  per?: string;
}

/** The modelled figures at one user count inside a stage. */
export interface ProjectionPoint {
  users: number;
  usersSpan: Span;
  /** Modelled monthly cost (the cost model's total, or the infrastructure line). */
  cost?: ProjectedFigure;
  infrastructure?: ProjectedFigure;
  team?: ProjectedFigure;
  costPerUser?: ProjectedFigure;
  revenue?: ProjectedFigure;
  /** Gross margin in percent. */
  margin?: ProjectedFigure;
  profit?: ProjectedFigure;
  /** Team size stated beside the team cost (`(2 people)`). */
  teamSize?: ProjectedFigure;
}

/** Downtime an uptime allows, in minutes per period. */
export interface DowntimeBudget {
  uptime: number;
  perDay: number;
  perWeek: number;
  perMonth: number;
  perYear: number;
  /** The month convention used for `perMonth`. */
  month: '30d' | '730h';
  /** Downtime as the plan states it beside the uptime. */
  stated?: ProjectedFigure;
}

/** What the plan says a stage costs, earns and promises (what lenses and the report show). */
export interface StageProjection {
  key: string;
  word?: string;
  number?: number;
  name?: string;
  label: string;
  /** The stage's defining heading or line. */
  span: Span;
  line: number;
  users: { low: number; high?: number; open: boolean; span: Span; text: string };
  timeline?: MonthRange & { line: number };
  /** Cost range budgeted for the stage. */
  budget?: ProjectedFigure;
  /** The figures at the stage's users (its top): the point the lens shows. */
  at?: ProjectionPoint;
  /** Every modelled point inside the stage, by users. */
  points: ProjectionPoint[];
  uptime?: ProjectedFigure;
  downtime?: DowntimeBudget;
  teamSize?: ProjectedFigure;
  /** Month at which the growth model reaches the stage's lower threshold. */
  reachedMonth?: number;
  /** Monthly growth the stage's timeline implies (fraction). */
  impliedGrowth?: number;
}

/** The growth model: thresholds reached at the plan's growth rate, and growth timelines imply. */
export interface GrowthModel {
  /** Monthly growth as a fraction, with where the plan states it. */
  rate?: { value: number; span: Span; line: number };
  startUsers?: { value: number; span: Span; line: number };
  /** The main stage list, where the growth lens sits. */
  span?: Span;
  line?: number;
  /** Month (from the start) each stage's lower threshold is reached at `rate`. */
  thresholds: { stage: string; label: string; users: number; month: number }[];
  /** Growth a stage's timeline implies: from `from` to `to` users in `months`. */
  implied: { stage: string; label: string; from: number; to: number; months: number; monthlyGrowth: number; span: Span }[];
}

export interface StageModel {
  /** Every entry, in document order. */
  entries: StageEntry[];
  sequences: StageSequence[];
  /** The main stage list (undefined when the plan has no stage with a user range). */
  primary?: StageSequence;
  stages: Stage[];
  projections: StageProjection[];
  growth: GrowthModel;
}
