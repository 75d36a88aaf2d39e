import { html, type TemplateResult } from 'lit';

/**
 * A heading at the level the page needs (`heading-level` attribute of every element, 2 by
 * default): the element's place in the page's outline is the town's to decide.
 */
export function heading(level: number, text: unknown, id = 'title'): TemplateResult {
  const clamped = Math.min(6, Math.max(1, Math.round(level) || 2));
  return html`<div role="heading" aria-level=${clamped} class="heading h${Math.min(clamped, 4)}" id=${id} tabindex="-1">${text}</div>`;
}
