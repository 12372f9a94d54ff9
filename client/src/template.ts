/**
 * "New Plan from Template" inserts the engine's plan template (the one `scaling-plan init`
 * writes) as a snippet: the product name is the first tab stop, mirrored everywhere it appears
 * (YAML-escaped in the frontmatter's quoted string), and each blank (`___`) is a tab stop of its
 * own, so Tab walks from one to the next.
 */
import { planTemplate } from '../../src/engine/template';

/** Stands for the product name while the template is turned into a snippet. */
const PRODUCT = 'ScalingPlanProductName';

/**
 * The product inside the frontmatter's double-quoted YAML string: a mirror of tab stop 1 whose
 * transform escapes `"` and `\` (VS Code applies it when the user tabs out of the name).
 */
const YAML_QUOTED_PRODUCT = '${1/(["\\\\])/\\\\$1/g}';

/** The template as a VS Code snippet. */
export function planSnippet(product = 'Product'): string {
  let stop = 1;
  return planTemplate({ product: PRODUCT })
    .split(/("ScalingPlanProductName"|ScalingPlanProductName|_{3,})/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeSnippet(part);
      // The name as typed, and its YAML-escaped form where the frontmatter quotes it (the first
      // placeholder with a value gives every mirror its text: the escaped one is no placeholder).
      if (part === `"${PRODUCT}"`) return `"${YAML_QUOTED_PRODUCT}"`;
      if (part === PRODUCT) return `\${1:${escapeSnippet(product)}}`;
      return `\${${++stop}:${part}}`;
    })
    .join('');
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
