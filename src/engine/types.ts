/**
 * Plain data shared by the engine and its front ends. Nothing here knows about LSP or files:
 * offsets are UTF-16 code-unit offsets into the document text (what JavaScript strings use),
 * and positions are 0-based line / UTF-16 character pairs, as in LSP.
 */

/** A half-open range of UTF-16 offsets into the document text. */
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

/** One text replacement: fixes are data, applied by {@link applyEdits}. */
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
  /** Rule-specific payload (kept small and serialisable), e.g. the computed value. */
  data?: Record<string, unknown>;
}

export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'hour';

export type QuantityKind =
  | 'money'
  | 'percent'
  | 'count'
  | 'users'
  | 'duration'
  | 'multiplier'
  | 'ratio'
  | 'score'
  | 'number';

export type DurationUnit = 'ms' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** How a number was written, so a replacement can be written the same way. */
export interface NumberFormat {
  /** Digits after the decimal point as displayed. */
  decimals: number;
  /** Thousands separators were used (or the number was too small to need them). */
  grouping: boolean;
  /** K / M / B suffix and the factor it stands for. */
  suffix: string;
  scale: number;
  /** The minus sign as written ('-', '−' or '–'), when the value was negative. */
  minus: string;
}

/**
 * One number as the document states it. `value` is the low end of a range (or the value);
 * `high` the high end of a range; `open` marks `10,000+`.
 */
export interface Quantity {
  kind: QuantityKind;
  /** Whole text of the quantity, e.g. `~$150-600/month`. */
  span: Span;
  /** Span of the first number's digits and sign (what a fix rewrites). */
  numberSpan: Span;
  /** Span of the range's second number, when a range. */
  highSpan?: Span;
  value: number;
  high?: number;
  open: boolean;
  approx: boolean;
  blank: boolean;
  /** The displayed precision: 1 for `43`, 0.1 for `7.2`, 10 for `4,750`, 1000 for `$5K`. */
  precision: number;
  highPrecision?: number;
  format: NumberFormat;
  highFormat?: NumberFormat;
  /** Per-period money or counts: `/month`, `per year`. */
  per?: Period | 'user';
  /** Unit of a duration. */
  unit?: DurationUnit;
  /** Denominator of a score (`7/10`) or second term of a ratio (`5:1`). */
  denominator?: number;
  denominatorSpan?: Span;
  currency?: string;
  /** A comparison written before the number: `<5s`, `>70%`, `≤ 2 hours`. */
  bound?: '<' | '>' | '<=' | '>=';
  raw: string;
}

export type Month = '30d' | '730h';

/** Options that change how a plan is read; frontmatter may set some of them. */
export interface EngineOptions {
  /** Documents larger than this many UTF-16 units are not analysed (default 2 MB). */
  maxSize: number;
  month: Month;
  /** The month convention was chosen by a setting (not the default). */
  monthExplicit?: boolean;
  /** Extra relative tolerance (0.01 for 1%). */
  tolerance: number;
  /** Relative tolerance of `~`, `about`, `approximately` claims. */
  approxTolerance: number;
  /** Report unfilled blanks. */
  blanks: boolean;
  /** Rule id → severity or 'off'. */
  rules: Record<string, Severity | 'off'>;
}

export const defaultOptions: EngineOptions = {
  maxSize: 2 * 1024 * 1024,
  month: '30d',
  tolerance: 0,
  approxTolerance: 0.1,
  blanks: true,
  rules: {},
};
