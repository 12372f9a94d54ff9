/**
 * "New Plan from Template" inserts the engine's plan template (the one `scaling-plan init`
 * writes) as a snippet: the product name is the first tab stop, mirrored everywhere it appears,
 * and each blank (`___`) is a tab stop of its own, so Tab walks from one to the next.
 */
import { planTemplate } from '../../src/engine/template';

/** Stands for the product name while the template is turned into a snippet. */
const PRODUCT = 'ScalingPlanProductName';

/** The template as a VS Code snippet. */
export function planSnippet(product = 'Product'): string {
  let stop = 1;
  return planTemplate({ product: PRODUCT })
    .split(/(ScalingPlanProductName|_{3,})/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeSnippet(part);
      if (part === PRODUCT) return `\${1:${escapeSnippet(product)}}`;
      return `\${${++stop}:${part}}`;
    })
    .join('');
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
