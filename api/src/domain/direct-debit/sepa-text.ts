/**
 * Text as the SEPA schemes carry it: the Latin character set of the EPC implementation guides
 * (`a-z A-Z 0-9 / - ? : ( ) . , ' +` and space). French names lose their accents (« Bérénice
 * Lœuvre » → « Berenice Loeuvre »), typographic quotes become plain ones, anything else a space;
 * then spaces are collapsed and the text cut to the field's length. Banks may refuse a file
 * with other characters, and some would turn them into `?` on the debtor's statement.
 */
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss', '’': "'", '‘': "'", '&': '+' };
const OUTSIDE_SET = /[^A-Za-z0-9/\-?:().,'+ ]/g;

export function sepaText(text: string, maxLength: number): string {
  const latin = text
    .replace(/[œŒæÆß’‘&]/g, (char) => LIGATURES[char] ?? ' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(OUTSIDE_SET, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return latin.slice(0, maxLength).trimEnd();
}

/** Escapes the five XML special characters (the SEPA set keeps only `'`, but names come from people). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[char]};`);
}
