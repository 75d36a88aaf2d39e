/**
 * The little SOAP 1.1 PayFiP speaks: one request element whose `arg0` holds plain fields, and an
 * answer whose `return` holds plain fields, or a `Fault` whose `detail` names a PayFiP error
 * (`FonctionnelleErreur` with its `code`, `libelle`, `descriptif`). No schema, namespaces read by
 * local name only, and no DOCTYPE (so no entity can expand): enough for these flat messages,
 * without an XML library.
 */

export const SOAP_ENVELOPE_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** The namespace of PayFiP's `PaiementSecuriseService` operations. */
export const PAYFIP_SERVICE_NS =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text made safe for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (ch) => `&${Object.entries(ENTITIES).find(([, c]) => c === ch)?.[0]};`);
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

/**
 * A SOAP request to PayFiP: `<pai:operation><arg0><field>…</field>…</arg0></pai:operation>`.
 * Fields left `undefined` are not sent.
 */
export function soapRequest(operation: string, fields: Record<string, string | undefined>): string {
  const inner = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENVELOPE_NS}" xmlns:pai="${PAYFIP_SERVICE_NS}"><soapenv:Header/><soapenv:Body><pai:${operation}><arg0>${inner}</arg0></pai:${operation}></soapenv:Body></soapenv:Envelope>`;
}

/** A SOAP message read: the first element of its Body, its leaf fields by local name, its fault if any. */
export interface SoapMessage {
  /** Local name of the Body's first element (`creerPaiementSecuriseResponse`, `Fault`…). */
  operation: string;
  /** Every leaf element's text, by local name (the first one of a name wins). */
  fields: ReadonlyMap<string, string>;
  fault: { code: string; message: string } | null;
}

/** Thrown when a body is not a SOAP envelope this reader understands. */
export class SoapFormatError extends Error {}

const TOKEN =
  /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;

/** Reads a SOAP envelope (request or answer). */
export function parseSoap(xml: string): SoapMessage {
  if (/<!DOCTYPE/i.test(xml)) throw new SoapFormatError('a DOCTYPE is not accepted');
  const stack: { name: string; text: string; leaf: boolean }[] = [];
  const fields = new Map<string, string>();
  let operation: string | null = null;
  let envelope = false;
  for (const m of xml.matchAll(TOKEN)) {
    const [, cdata, closing, name, , selfClosing, text, stray] = m;
    if (stray) throw new SoapFormatError('malformed XML');
    const top = stack.at(-1);
    if (cdata !== undefined || text !== undefined) {
      if (top) top.text += cdata ?? decodeXml(text ?? '');
      else if ((text ?? '').trim() !== '') throw new SoapFormatError('text outside the envelope');
      continue;
    }
    if (!name) continue;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new SoapFormatError(`</${name}> closes nothing open`);
      if (open.leaf && !fields.has(name)) fields.set(name, open.text.trim());
      continue;
    }
    if (stack.length === 0) {
      if (name !== 'Envelope') throw new SoapFormatError('not a SOAP envelope');
      envelope = true;
    }
    if (top) top.leaf = false;
    if (top?.name === 'Body' && operation === null) operation = name;
    if (selfClosing) {
      if (!fields.has(name)) fields.set(name, '');
    } else stack.push({ name, text: '', leaf: true });
  }
  if (!envelope || stack.length > 0 || operation === null) throw new SoapFormatError('incomplete SOAP envelope');
  const fault =
    operation === 'Fault'
      ? {
          code: fields.get('code') ?? fields.get('faultcode') ?? 'inconnu',
          message: fields.get('descriptif') || fields.get('libelle') || fields.get('faultstring') || '',
        }
      : null;
  return { operation, fields, fault };
}
