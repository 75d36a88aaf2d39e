import { describe, expect, it } from 'vitest';
import { PAYFIP_SERVICE_NS, parseSoap, SoapFormatError, soapRequest } from './soap.js';

describe('PayFiP SOAP messages', () => {
  it('writes a request with its fields escaped, in the service namespace', () => {
    const xml = soapRequest('creerPaiementSecurise', { objet: 'A & B <C>', mel: undefined });
    expect(xml).toContain(`xmlns:pai="${PAYFIP_SERVICE_NS}"`);
    expect(xml).toContain('<pai:creerPaiementSecurise><arg0><objet>A &amp; B &lt;C&gt;</objet></arg0>');
    expect(xml).not.toContain('<mel>');
    expect(parseSoap(xml).fields.get('objet')).toBe('A & B <C>');
  });

  it('reads an answer’s fields by local name, whatever their prefixes', () => {
    const message = parseSoap(
      `<?xml version="1.0"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="x"><return><r:montant xmlns:r="y">1500</r:montant><resultrans>P</resultrans><numauto/></return></ns2:recupererDetailPaiementSecuriseResponse></S:Body></S:Envelope>`,
    );
    expect(message.operation).toBe('recupererDetailPaiementSecuriseResponse');
    expect(Object.fromEntries(message.fields)).toMatchObject({ montant: '1500', resultrans: 'P', numauto: '' });
    expect(message.fault).toBeNull();
  });

  it('reads PayFiP’s functional fault with its code', () => {
    const message = parseSoap(
      `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Server</faultcode><faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring><detail><ns2:FonctionnelleErreur xmlns:ns2="x"><code>P5</code><descriptif>Résultat non connu</descriptif></ns2:FonctionnelleErreur></detail></S:Fault></S:Body></S:Envelope>`,
    );
    expect(message.fault).toEqual({ code: 'P5', message: 'Résultat non connu' });
  });

  it('refuses what is not a plain SOAP envelope: a DOCTYPE, HTML, unbalanced tags', () => {
    expect(() => parseSoap('<!DOCTYPE x [<!ENTITY a "b">]><Envelope><Body><x/></Body></Envelope>')).toThrow(SoapFormatError);
    expect(() => parseSoap('<html><body>Erreur 502</body></html>')).toThrow(SoapFormatError);
    expect(() => parseSoap('<Envelope><Body><x></Body></Envelope>')).toThrow(SoapFormatError);
    expect(() => parseSoap('')).toThrow(SoapFormatError);
  });
});
