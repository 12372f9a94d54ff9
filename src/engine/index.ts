/**
 * The engine's public surface: a plan service that turns text into a plan model, relations,
 * findings, stages and a projection table. No `vscode*` import and no I/O anywhere under here.
 */
export { createPlanService, tooLargeMessage, type Analysis, type PlanService } from './engine';
export { rules, ruleById, docsUrl, DOCS_BASE } from './rules';
export type { Rule, RuleMeta, RuleCategory } from './rule';
export type { Relation, Reading, Outcome } from './relation';
export type { Expr } from './formula';
export { evaluate, inputs, render } from './formula';
export type { PlanModel, Claim, Row, Block, Section } from './model';
export type { Projection, ProjectionRow, Cell, GrowthModel } from './projection';
export type { StageModel, StageEntry, StageSequence } from './stages';
export { frontmatterSchema, settingsSchema, readSettings, engineOptions, type Settings } from './options';
export { positionAt, offsetAt, rangeOf, lineAt, lineStartsOf } from './positions';
export { planTemplate, type TemplateOptions } from './template';
export * from './types';
