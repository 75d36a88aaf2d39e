/**
 * The back office's elements that come on demand, with the IBAN rules they carry: direct debit
 * (a household's mandate, the month's Prélèvements), which most agents' days never open. Lighter
 * than the families' observer (`shared/on-demand.ts`): the back office asks for them where it
 * renders them; an intranet page that places one itself calls `loadAdminElement(tag)`.
 */
const LAZY = {
  'foyer-admin-direct-debits': () => import('../direct-debits/direct-debits.js'),
  'foyer-admin-mandate': () => import('../mandate/mandate.js'),
} as const;

export type LazyAdminTag = keyof typeof LAZY;

/** Defines `tag` by importing its module (once: the browser keeps the module). */
export function loadAdminElement(tag: LazyAdminTag): Promise<unknown> {
  return LAZY[tag]().catch(console.error);
}
