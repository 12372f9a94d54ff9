/**
 * Plain data shared by the engine and its front ends. Offsets are UTF-16 code-unit offsets into
 * the document text; positions are 0-based line / UTF-16 character pairs, as in LSP.
 */
import type { DataUnit, MonthConvention, Period, TimeUnit } from './vocabulary';

export type { MonthConvention, Period, TimeUnit, DataUnit };

/** A half-open range of offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** One text replacement. Fixes are data, applied by one function (`applyEdits`). */
export interface Edit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: Edit[];
}

export interface RelatedLocation {
  span: Span;
  message: string;
}

/** A finding of one rule on one place of the document. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  span: Span;
  fixes: Fix[];
  related: RelatedLocation[];
  /** Small serialisable payload: the computed value, for code actions and tests. */
  data?: { expected?: number; expectedHigh?: number; relation?: number };
}

/** How a number was written, so that a computed value can be written the same way. */
export interface NumberStyle {
  /** The decimal separator (`.` or `,`). */
  decimal: '.' | ',';
  /** The grouping separator, or '' when the number was written without one. */
  group: string;
  /** Grouped in the Indian way (`1,00,000`). */
  indian: boolean;
  /** Digits after the decimal separator. */
  decimals: number;
  /** Scale word as written after the number (`K`, ` Mio.`, ` lakh`), '' for none. */
  scaleText: string;
  /** What the scale word stands for (1 without one). */
  scale: number;
  /** Would a value of 1,000 or more be written with grouping? (false for `2350` written bare) */
  grouped: boolean;
}

export type Dimension = 'money' | 'percent' | 'count' | 'duration' | 'data' | 'multiplier' | 'ratio' | 'score' | 'number';

/**
 * The unit of a number as far as its own text says: a dimension and its qualifiers. The model
 * adds what context says (a column's period, a per-user heading).
 */
export interface Unit {
  dim: Dimension;
  /** Currency as a code (`USD`, `EUR`) or the symbol when it names no single currency (`$`). */
  currency?: string;
  /** A flow per period: `/month`, `annual`. */
  per?: Period;
  /** A rate per entity: per user, per seat, per request (with `perScale`: per 1,000, per million). */
  perEntity?: string;
  perScale?: number;
  /** What a count counts (`user`, `request`, `person`). */
  noun?: string;
  /** A duration's unit as written (the value is kept in minutes). */
  time?: TimeUnit;
  /** A data size's unit as written, and whether it is binary (MiB). */
  data?: DataUnit;
  binary?: boolean;
}

/**
 * One number (or range of numbers) as the document states it, with the unit its own text
 * gives. `low` is the value (or the low end); `high` the high end of a range. Durations are in
 * minutes, data sizes in bytes, percentages as written (45 for 45%).
 */
export interface Quantity {
  /** The whole quantity: `~$150-600/month`. */
  span: Span;
  /** The first number as written, with its scale word: what a fix rewrites. */
  numberSpan: Span;
  /** The second number of a range. */
  highSpan?: Span;
  low: number;
  high?: number;
  /**
   * The value under the document's other number convention, for numbers such as `1.500` that
   * read differently with `.` as decimal or as grouping separator.
   */
  lowAlt?: number;
  highAlt?: number;
  unit: Unit;
  /** `10,000+` */
  open?: boolean;
  /** `~`, `about`, `approx.` */
  approx?: boolean;
  /** A comparison before the number: `< 2s`, `>70%`, `up to 5`. */
  bound?: '<' | '>' | '<=' | '>=';
  /** A template blank: `___`, `$___/month`. */
  blank?: boolean;
  /** Written in parentheses as a negative (`($500)`). */
  parens?: boolean;
  /** The last digit's place: 0.01 for `1.25`, 1 for `430`, 1000 for `$5K`. */
  precision: number;
  /** Like precision, but trailing zeros of an integer are not significant: 10 for `4,750`. */
  significance: number;
  highPrecision?: number;
  highSignificance?: number;
  style: NumberStyle;
  /** How the high end of a range was written. */
  highStyle?: NumberStyle;
  /** Denominator of a score (`7/10`) or the second term of a ratio (`5:1`). */
  denominator?: number;
  denominatorSpan?: Span;
  /** Compound durations (`8h 45m`) are one quantity. */
  compound?: boolean;
  /** The minus sign as written (`-`, `−`, `–`), when negative. */
  minus?: string;
  /** Letters this reader does not know are written against the number (`500W`). */
  unknownUnit?: boolean;
  /** A number that names rather than measures: `Month 6`, `Phase 2`, `Year 1`, `Q3`. */
  ordinal?: boolean;
}

/** Engine options: settings, config and frontmatter merged (frontmatter wins). */
export interface EngineOptions {
  /** Documents larger than this many UTF-16 units are not analysed. */
  maxSize: number;
  /** Month convention for downtime; 'auto' accepts both 30-day and 730-hour months. */
  month: MonthConvention | 'auto';
  /** Extra relative tolerance (0.01 for 1%). */
  tolerance: number;
  /** Relative tolerance of `~` and `about` figures. */
  approxTolerance: number;
  /** Rule id → severity or 'off'. */
  rules: Record<string, Severity | 'off'>;
  /** Default currency for bare `$` (display only). */
  currency?: string;
  /** Number convention: 'auto' reads it from the document. */
  numbers: 'auto' | 'dot' | 'comma';
  /** Report suppression comments that silence nothing (`unused-disable`). */
  reportUnusedDisables?: boolean;
}

export const defaultOptions: EngineOptions = {
  maxSize: 2 * 1024 * 1024,
  month: 'auto',
  tolerance: 0,
  approxTolerance: 0.1,
  rules: {},
  numbers: 'auto',
};
