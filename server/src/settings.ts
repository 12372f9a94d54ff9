/**
 * The server's settings (section `scalingPlan`), pulled from the client per document. Whatever
 * the client sends is read leniently: unknown keys are ignored, invalid values fall back to the
 * defaults, nothing here throws.
 */
import type { EngineOptions, Month, Severity } from '../../src/engine';

export interface ServerSettings {
  /** Rule id → severity or 'off'. */
  rules: Record<string, Severity | 'off'>;
  /** Month convention for downtime; undefined leaves the engine's default (and accepts both). */
  month?: Month;
  /** Extra relative tolerance (0.01 for 1%). */
  tolerance: number;
  /** Report unfilled blanks. */
  blanks: boolean;
  /** Documents matching one of these globs are plans whatever their content. */
  globs: string[];
  /** Documents above this many characters are not analysed. */
  maxSize: number;
  /** Milliseconds to wait after a change before re-analysing. */
  debounce: number;
}

export const SECTION = 'scalingPlan';

export const defaultSettings: ServerSettings = {
  rules: {},
  tolerance: 0,
  blanks: true,
  globs: [],
  maxSize: 2 * 1024 * 1024,
  debounce: 100,
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Reads settings from whatever the client sent (an object, null, or anything else). */
export function readSettings(raw: unknown, base: ServerSettings = defaultSettings): ServerSettings {
  const out: ServerSettings = { ...base, rules: { ...base.rules }, globs: [...base.globs] };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  const r = raw as Record<string, unknown>;
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    for (const [id, value] of Object.entries(r.rules as Record<string, unknown>)) {
      const v = typeof value === 'string' ? value.toLowerCase() : value === false ? 'off' : undefined;
      const sev = v === 'info' ? 'information' : v;
      if (sev && SEVERITIES.has(sev)) out.rules[id] = sev as Severity | 'off';
    }
  }
  if (r.month === '30d' || r.month === '730h') out.month = r.month;
  const tol = readPercent(r.tolerance);
  if (tol !== undefined && tol >= 0 && tol < 1) out.tolerance = tol;
  if (typeof r.blanks === 'boolean') out.blanks = r.blanks;
  if (Array.isArray(r.globs)) out.globs = r.globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  else if (typeof r.globs === 'string' && r.globs.trim() !== '') out.globs = [r.globs];
  if (typeof r.maxSize === 'number' && Number.isFinite(r.maxSize) && r.maxSize > 0) out.maxSize = r.maxSize;
  if (typeof r.debounce === 'number' && Number.isFinite(r.debounce) && r.debounce >= 0) out.debounce = Math.min(r.debounce, 5000);
  return out;
}

function readPercent(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v >= 1 ? v / 100 : v;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
  if (m) return Number(m[1]) / 100;
  const n = Number(v);
  return Number.isFinite(n) ? (n >= 1 ? n / 100 : n) : undefined;
}

/** The engine options these settings stand for. */
export function engineOptions(s: ServerSettings): Partial<EngineOptions> {
  const o: Partial<EngineOptions> = { rules: s.rules, tolerance: s.tolerance, blanks: s.blanks, maxSize: s.maxSize };
  if (s.month) {
    o.month = s.month;
    o.monthExplicit = true;
  }
  return o;
}
