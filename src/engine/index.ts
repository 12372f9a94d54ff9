/**
 * The engine's public surface: pure functions from text to plan model, findings and fixes.
 * No `vscode*` import and no I/O anywhere under src/engine.
 */
export { analyze, tooLargeMessage, type Analysis, type PreviousVersion } from './engine';
export { applyEdits, preferredEdits } from './fixes';
export { detectPlan, type Detection } from './detect';
export { positionAt, offsetAt, parseDocument, type Line, type ParsedDocument } from './document';
export { buildModel, type PlanModel, type Group, type Item, type Table, type Section } from './model';
export { rules, ruleById, docsUrl } from './rules';
export type { Rule, RuleMeta, Derivation } from './rule';
export { frontmatterSchema } from './frontmatter';
export { formatNumber, scanQuantities, show } from './quantity';
export * from './types';
export { stageModel, type StageModel, type Stage, type StageEntry, type StageSequence, type StageProjection, type ProjectionPoint, type ProjectedFigure, type DowntimeBudget, type GrowthModel, type UserRange, type MonthRange } from './stages';
