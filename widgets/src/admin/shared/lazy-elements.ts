/**
 * The back office's elements that come on demand, with the IBAN rules they carry: direct debit
 * (a household's mandate, the month's Prélèvements), which most agents' days never open. Lighter
 * than the families' observer (`shared/on-demand.ts`): the back office asks for them where it
 * renders them; an intranet page that places one itself calls `loadAdminElement(tag)`.
 */
export type LazyAdminTag = 'foyer-admin-direct-debits' | 'foyer-admin-mandate';

/** Defines `tag` (and its sibling) by importing their chunk, once: the browser keeps the module. */
export function loadAdminElement(_tag: LazyAdminTag): Promise<unknown> {
  return import('../direct-debit-elements.js').catch(console.error);
}
