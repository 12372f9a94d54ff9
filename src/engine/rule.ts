/**
 * What a rule is: metadata, and either the relations it binds (arithmetic rules: the engine
 * checks them) or findings it reports itself (stage and document rules).
 */
import type { MessageStyle } from './format';
import type { EconBlock } from './economics';
import type { Block, Claim, PlanModel } from './model';
import type { Relation } from './relation';
import type { StageModel } from './stages';
import type { EngineOptions, Finding, Severity } from './types';

export type RuleCategory = 'arithmetic' | 'stages' | 'template' | 'document';

export interface RuleMeta {
  /** Kebab-case id: also the name of the rule's file and of its doc page. */
  id: string;
  /** One sentence: what the rule checks. */
  description: string;
  severity: Severity;
  fixable: boolean;
  category: RuleCategory;
}

/** What rules get besides the model. */
export interface RuleContext {
  options: EngineOptions;
  style: MessageStyle;
  /**
   * Whether a claim is borne out by the rules that ran before: true when a relation with the
   * claim as its target holds, false when one does not, undefined when none has it as target.
   */
  held(claim: Claim): boolean | undefined;
  /** The plan's stages (read once per analysis). */
  stages(): StageModel;
  /** The document declares itself a plan in its frontmatter. */
  declared: boolean;
  /** The economics of a block (read once per analysis). */
  econ(block: Block): EconBlock;
  /** Assumptions the frontmatter states, as claims. */
  assumptions: { arpu?: Claim; price?: Claim; conversion?: Claim };
}

export interface Rule {
  meta: RuleMeta;
  /** Relations the rule binds: the engine checks each and reports those that do not hold. */
  relations?(model: PlanModel, ctx: RuleContext): Relation[];
  /** Findings the rule reports itself. */
  check?(model: PlanModel, ctx: RuleContext): Finding[];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
