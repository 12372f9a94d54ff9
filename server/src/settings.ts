/**
 * The server's settings (section `scalingPlan`), pulled from the client per document and read
 * through the engine's settings schema: unknown keys are ignored, invalid values keep the
 * value they would have had (and are named in the log), nothing here throws.
 */
import { engineOptions, readSettings as readValues, type EngineOptions, type Settings } from '../../src/engine';
import { globMatcher, type GlobMatcher } from '../../src/engine/features';
import { isAbsolute, sep } from 'node:path';
import { relativeTo, type LoadedConfig } from '../../src/config/lookup';
import type { Logger } from './log';

export const SECTION = 'scalingPlan';

export interface ServerSettings {
  values: Settings;
  /** The engine options these settings stand for. */
  options: Partial<EngineOptions>;
  /** Milliseconds to wait after a change before re-analysing. */
  debounce: number;
  /** Documents whose path matches one of `globs` are plans whatever their content. */
  match: GlobMatcher;
  /** Settings that did not read, each with why (`tolerance: expected a percentage …`), for the log. */
  dropped: string[];
  /** The config file merged into these settings, if any. */
  config?: LoadedConfig;
}

export const DEFAULT_DEBOUNCE = 100;

function make(values: Settings, dropped: string[]): ServerSettings {
  const { match, rejected } = globMatcher(values.globs ?? []);
  return { values, options: engineOptions(values), debounce: values.debounce ?? DEFAULT_DEBOUNCE, match, dropped: [...dropped, ...rejected.map((g) => `globs: ${JSON.stringify(g.slice(0, 60))} is too long, too complex or not a glob`)] };
}

export const defaultSettings: ServerSettings = make({}, []);

/** Settings from values already read (sent across threads as plain data). */
export function fromValues(values: Settings): ServerSettings {
  return make(values, []);
}

/** Reads what the client sent (an object, null, or anything else) over `base`. */
export function readSettings(raw: unknown, base: ServerSettings = defaultSettings): ServerSettings {
  const { settings, dropped } = readValues(raw);
  const values: Settings = { ...base.values, ...settings };
  if (base.values.rules || settings.rules) values.rules = { ...base.values.rules, ...settings.rules };
  return make(values, dropped);
}

/** The reasons already logged to each log, so that settings pulled per document are logged once. */
const logged = new WeakMap<Logger, Set<string>>();

/** Logs why each setting was ignored (`tolerance: expected a percentage …`), once per reason. */
export function logDropped(log: Logger, settings: ServerSettings): ServerSettings {
  let seen = logged.get(log);
  if (!seen) logged.set(log, (seen = new Set()));
  const fresh = settings.dropped.filter((d) => !seen.has(d));
  for (const d of fresh) if (seen.size < 1000) seen.add(d);
  if (fresh.length) log.warn(`settings ignored: ${fresh.join('; ')}`);
  return settings;
}

/**
 * The editor's settings with a config file's on top (defaults < editor settings < config file;
 * the plan's frontmatter still wins, in the engine). The config's `globs` replace the editor's
 * and are relative to the config file's folder.
 */
export function withConfig(base: ServerSettings, config: LoadedConfig): ServerSettings {
  const values: Settings = { ...base.values, ...config.values.settings };
  if (base.values.rules || config.values.settings.rules) values.rules = { ...base.values.rules, ...config.values.settings.rules };
  const merged = make(values, base.dropped);
  if (config.values.reportUnusedDisables !== undefined) merged.options.reportUnusedDisables = config.values.reportUnusedDisables;
  if (config.values.globs.length > 0) {
    merged.match = (path) => isAbsolute(path) && config.plans(relativeTo(config, path.split('/').join(sep)));
  }
  merged.config = config;
  return merged;
}
