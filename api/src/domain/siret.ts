/**
 * The SIRET, the French national number of an establishment (a town hall, a service): the
 * 9-digit SIREN of the legal entity and a 5-digit NIC, 14 digits whose Luhn sum is a multiple
 * of 10. La Poste's establishments follow another rule; a town is never one of them.
 */

/** The SIRET as typed (`213 199 995 00019`, `21319999500019`) without its spaces, dots and dashes. */
export function normalizeSiret(input: string): string {
  return input.replace(/[\s.-]/g, '');
}

/** Whether `siret` (already normalised) is 14 digits with a valid Luhn key. */
export function isSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  let sum = 0;
  for (let index = 0; index < 14; index++) {
    // From the right, every second digit is doubled: for 14 digits, those at even indexes.
    let digit = Number(siret[index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * The SIRET as printed on a document: the SIREN in threes, then the NIC.
 *
 * @example formatSiret('21319999500019') // '213 199 995 00019'
 */
export function formatSiret(siret: string): string {
  return `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}`;
}
