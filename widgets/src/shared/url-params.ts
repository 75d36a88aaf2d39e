/**
 * The parameters Foyer reads from the page's address: the one-time tokens of emailed links
 * (invitation, reset, email change) and the payment page's return.
 */
export type FoyerParam = 'foyer-invitation' | 'foyer-reset' | 'foyer-payment' | 'foyer-email-change';

const ALL: FoyerParam[] = ['foyer-invitation', 'foyer-reset', 'foyer-payment', 'foyer-email-change'];

const fragmentOf = (url: URL) => new URLSearchParams(url.hash.slice(1));

/**
 * A parameter of the page's address. Emailed links carry their token in the fragment
 * (`#foyer-reset=…`), which browsers never send to the town's server; links sent by earlier
 * versions carried it in the query, and are still read there.
 */
export function readParam(name: FoyerParam): string | null {
  const url = new URL(window.location.href);
  return fragmentOf(url).get(name) ?? url.searchParams.get(name);
}

/** The address without `names`, in the query and in the fragment; any other fragment is left as it was. */
function without(url: URL, names: FoyerParam[]): URL {
  for (const name of names) url.searchParams.delete(name);
  const fragment = fragmentOf(url);
  if (names.some((name) => fragment.has(name))) {
    for (const name of names) fragment.delete(name);
    url.hash = fragment.toString();
  }
  return url;
}

/** Removes a parameter once handled, so that a reload does not handle it twice and the token leaves the address bar. */
export function dropParam(name: FoyerParam): void {
  const current = window.location.href;
  const cleaned = without(new URL(current), [name]).toString();
  if (cleaned !== current) window.history.replaceState(window.history.state, '', cleaned);
}

/** The page's address without Foyer's parameters: where the payment page sends the parent back. */
export function returnUrl(): string {
  return without(new URL(window.location.href), ALL).toString();
}
