/**
 * Editor features as plain data, for the language server (and any other front end) to convert:
 * document selection, hovers, code lenses, completion, blank filling, fix-all, outline and
 * folding. Pure like the rest of the engine: no I/O, no editor types.
 */
export { selectBeforeAnalysis, selectDocument, matchesGlob, globToRegExp, type Selection } from './selection';
export { hoverAt, derivationCard, stageCard, projectionFigures, type HoverData, type HoverContext } from './hover';
export { lenses, blockFigures, growthTitle, fallbackGrowth, type LensData, type LensKind, type BlockFigures } from './lenses';
export { completionsAt, blankAt, type CompletionData, type CompletionKind } from './completion';
export { blankFills, fillBlankEdits, fillFor, fillAll, type BlankFill } from './fillBlanks';
export { fixAll, diffEdits, type FixAllResult, type FixAllOptions } from './fixAll';
export { documentSymbols, foldingRanges, type SymbolData, type FoldData } from './symbols';
export { extraDerivations, allDerivations } from './derivations';
export {
  noStages,
  stageAt,
  stageFacts,
  stageForUsers,
  monthsToReach,
  impliedGrowth,
  lineOf,
  type StagePlan,
  type StageView,
  type StageProjection,
  type CheckedFigure,
  type GrowthView,
  type StageFact,
} from './stages';
export { money, pct, duration, userRange, blankText } from './format';
