/** The query parameters Foyer reads from the page's address (links in emails, the payment page's return). */
export type FoyerParam = 'foyer-invitation' | 'foyer-reset' | 'foyer-payment' | 'foyer-email-change';

export function readParam(name: FoyerParam): string | null {
  return new URL(window.location.href).searchParams.get(name);
}

/** Removes a parameter once handled, so that a reload does not handle it twice. */
export function dropParam(name: FoyerParam): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has(name)) return;
  url.searchParams.delete(name);
  window.history.replaceState(window.history.state, '', url);
}

/** The page's address without Foyer's parameters: where the payment page sends the parent back. */
export function returnUrl(): string {
  const url = new URL(window.location.href);
  for (const name of ['foyer-invitation', 'foyer-reset', 'foyer-payment', 'foyer-email-change']) url.searchParams.delete(name);
  return url.toString();
}
