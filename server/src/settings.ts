/**
 * The server's settings (section `scalingPlan`), pulled from the client per document and read
 * through the engine's settings schema: unknown keys are ignored, invalid values keep the
 * value they would have had (and are named in the log), nothing here throws.
 */
import { engineOptions, readSettings as readValues, type EngineOptions, type Settings } from '../../src/engine';
import { globMatcher, type GlobMatcher } from '../../src/engine/features';

export const SECTION = 'scalingPlan';

export interface ServerSettings {
  values: Settings;
  /** The engine options these settings stand for. */
  options: Partial<EngineOptions>;
  /** Milliseconds to wait after a change before re-analysing. */
  debounce: number;
  /** Documents whose path matches one of `globs` are plans whatever their content. */
  match: GlobMatcher;
  /** Settings that did not read (for the log). */
  dropped: string[];
}

export const DEFAULT_DEBOUNCE = 100;

function make(values: Settings, dropped: string[]): ServerSettings {
  const { match, rejected } = globMatcher(values.globs ?? []);
  return { values, options: engineOptions(values), debounce: values.debounce ?? DEFAULT_DEBOUNCE, match, dropped: [...dropped, ...rejected.map((g) => `globs: ${g.slice(0, 60)}`)] };
}

export const defaultSettings: ServerSettings = make({}, []);

/** Reads what the client sent (an object, null, or anything else) over `base`. */
export function readSettings(raw: unknown, base: ServerSettings = defaultSettings): ServerSettings {
  const { settings, dropped } = readValues(raw);
  const values: Settings = { ...base.values, ...settings };
  if (base.values.rules || settings.rules) values.rules = { ...base.values.rules, ...settings.rules };
  return make(values, dropped);
}
