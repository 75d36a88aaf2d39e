/** The names of the secrets Foyer's emailed links carry, as the widgets read them. */
export type LinkToken = 'foyer-invitation' | 'foyer-reset' | 'foyer-email-change';

/**
 * A link to a page with a one-time token in its fragment (`#foyer-reset=…`). Browsers never
 * send the fragment to the server, so the town's web server logs, its analytics and the
 * `Referer` of the page's resources never see the token; only the widget reads it.
 *
 * @example
 * linkWithToken('https://www.ville.fr/famille?x=1', 'foyer-reset', 'abc')
 * // 'https://www.ville.fr/famille?x=1#foyer-reset=abc'
 */
export function linkWithToken(page: string, name: LinkToken, token: string): string {
  const url = new URL(page);
  const fragment = new URLSearchParams(url.hash.slice(1));
  fragment.set(name, token);
  url.hash = fragment.toString();
  return url.toString();
}
