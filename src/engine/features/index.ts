/**
 * Editor features as plain data, each read from the analysis (its relations and projection
 * table) for the language server and the CLI to convert: plan selection, hovers, code lenses,
 * completion, blank filling, fix-all and document symbols. No I/O, no editor types.
 */
export { detectPlan, selectDocument, globMatcher, hasPlanFrontmatter, type Selection, type GlobMatcher } from './selection';
export { hoverAt, relationCard, stageCard, uriLink, plainLink, escape, type HoverData, type LineLink } from './hover';
export { lenses, growthTitle, stageTitle, economicsTitle, serviceTitle, blockTitle, MAX_LENS, type LensData, type LensKind } from './lenses';
export { completionsAt, blankAt, type CompletionData, type CompletionKind } from './completion';
export { blankFills, fillEdits, type BlankFill } from './fill';
export { applyEdits, preferredEdits, fixAll, diffEdits, type FixAllResult, type FixAllOptions } from './fixes';
export { documentSymbols, type SymbolData } from './symbols';
export { cellText, usersText, valueText, money, downtime } from './figures';
export { ignoreEdit, type IgnoreEdit } from './ignore';
