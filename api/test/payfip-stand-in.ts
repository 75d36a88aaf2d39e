import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for PayFiP (the DGFiP's "régie web service"), as a real HTTP server, written from
// its published documentation, not from Foyer's code (it shares no parser with the adapter):
//
// - `POST /tpa/services/securite`: SOAP 1.1. `creerPaiementSecurise` checks every field as the
//   guide says (numcli known, 6 digits; exer a year; refdet 6-30 letters and digits; objet at
//   most 100 of [A-Za-z0-9 ]; montant digits in cents, 1 € to 100,000 €; mel 6-80 with an @;
//   saisie T/X/W; urlnotif and urlredirect http(s), at most 250) and answers an idOp, or a
//   `FonctionnelleErreur` fault with the guide's code. `recupererDetailPaiementSecurise` answers
//   the operation's detail once the payer has finished, fault P5 before, P1 for an unknown idOp.
// - `GET /tpa/paiementws.web?idop=`: the payer's page, with its three choices.
// - `POST /tpa/paiementws.web`: the payer's choice (P pay, R refused by the bank, A abandon):
//   PayFiP then posts `idOp=…` (form, unsigned) to `urlnotif`, and sends the payer to `urlredirect`.

export const SERVICE_NS =
  'http://securite.service.tpa.cp.finances.gouv.fr/services/mas_securite/contrat_paiement_securise/PaiementSecuriseService';
const RESPONSE_NS = 'http://securite.service.tpa.cp.finances.gouv.fr/reponse';
const MANDATORY = ['numcli', 'exer', 'refdet', 'montant', 'mel', 'saisie', 'urlnotif', 'urlredirect'] as const;

/** What Foyer sent to create an operation, and what became of it. */
export interface StandInOperation {
  idOp: string;
  fields: Record<string, string>;
  createdAt: Date;
  resultrans: 'P' | 'R' | 'A' | null;
  numauto: string;
  /** Status of each notification PayFiP sent to `urlnotif`. */
  notifications: number[];
}

export interface PayfipStandIn {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  serviceUrl: string;
  pageUrl: string;
  operations: Map<string, StandInOperation>;
  /** SOAP requests received, raw, with their operation's name. */
  soapCalls: { operation: string; body: string }[];
  /** Faults answered, by code. */
  faults: string[];
  /** The payer's choice on PayFiP's page, as the browser would submit it; resolves after the notification. */
  choose(idOp: string, choice: 'P' | 'R' | 'A'): Promise<{ status: number; location: string | null }>;
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unesc = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of `<name>` (any prefix) directly in the SOAP body's `arg0`. */
function argField(arg0: string, name: string): string | undefined {
  const m = new RegExp(`<(?:\\w+:)?${name}>([^<]*)</(?:\\w+:)?${name}>`).exec(arg0);
  return m?.[1] === undefined ? undefined : unesc(m[1]);
}

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>${body}</S:Body></S:Envelope>`;
}

function faultXml(code: string, libelle: string): string {
  return envelope(
    `<S:Fault><faultcode>S:Server</faultcode><faultstring>fr.gouv.finances.cp.tpa.webservice.exceptions.FonctionnelleErreur</faultstring><detail><ns2:FonctionnelleErreur xmlns:ns2="${SERVICE_NS}"><code>${code}</code><descriptif>${esc(libelle)}</descriptif><libelle>${esc(libelle)}</libelle><severite>2</severite></ns2:FonctionnelleErreur></detail></S:Fault>`,
  );
}

/** The guide's fault code for the first field of `creerPaiementSecurise` it refuses, or null. */
function refusal(fields: Record<string, string | undefined>, knownClients: ReadonlySet<string>): [string, string] | null {
  const {
    numcli = '',
    exer = '',
    refdet = '',
    objet,
    montant = '',
    mel = '',
    saisie = '',
    urlnotif = '',
    urlredirect = '',
  } = fields;
  for (const name of MANDATORY) if (!fields[name]) return ['O1', `paramètre obligatoire absent : ${name}`];
  if (!/^[0-9]{6}$/.test(numcli)) return ['T1', 'numéro client invalide'];
  if (!knownClients.has(numcli)) return ['T2', 'le numéro client doit être pré-existant dans la base PayFiP'];
  if (!['T', 'X', 'W'].includes(saisie)) return ['S1', 'mode de saisie invalide'];
  if (!/^[0-9]{4}$/.test(exer)) return ['E1', "l'exercice doit être une année"];
  if (!/^[A-Za-z0-9]{6,30}$/.test(refdet)) return ['R3', "le format du paramètre REFDET n'est pas conforme"];
  if (objet !== undefined && !/^[A-Za-z0-9 ]{0,100}$/.test(objet))
    return ['O2', "le format du paramètre OBJET n'est pas conforme"];
  if (!/^[0-9]{1,11}$/.test(montant)) return ['M1', "le format du montant n'est pas correct"];
  if (Number(montant) < 100) return ['M3', 'montant minimum 1 €'];
  if (Number(montant) > 10_000_000) return ['M5', 'montant supérieur au maximum autorisé'];
  if (mel.length < 6 || mel.length > 80 || !/^[^@\s]+@[^@\s]+$/.test(mel)) return ['A2', "l'adresse électronique est incorrecte"];
  for (const [code, url] of [
    ['N1', urlnotif],
    ['D1', urlredirect],
  ] as const) {
    if (url.length > 250 || !/^https?:\/\/[^\s]+$/.test(url)) return [code, `URL non valide : ${url}`];
  }
  return null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** PayFiP's `dattrans` (JJMMAAAA) and `heurtrans` (HHMM), in Paris time. */
function parisStamp(at: Date): { dattrans: string; heurtrans: string } {
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', ...options }).formatToParts(at);
  const get = (parts: Intl.DateTimeFormatPart[], type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const d = part({ day: '2-digit', month: '2-digit', year: 'numeric' });
  const h = part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return { dattrans: `${get(d, 'day')}${get(d, 'month')}${get(d, 'year')}`, heurtrans: `${get(h, 'hour')}${get(h, 'minute')}` };
}

/** Starts the stand-in on a free port, knowing these client numbers. */
export async function startPayfipStandIn(options: { knownClients: string[]; now: () => Date }): Promise<PayfipStandIn> {
  const knownClients = new Set(options.knownClients);
  const operations = new Map<string, StandInOperation>();
  const soapCalls: PayfipStandIn['soapCalls'] = [];
  const faults: string[] = [];

  const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, ...headers });
    res.end(body);
  };
  const soapFault = (res: ServerResponse, code: string, libelle: string) => {
    faults.push(code);
    send(res, 500, 'text/xml; charset=utf-8', faultXml(code, libelle));
  };

  function soap(body: string, res: ServerResponse) {
    const call =
      /<(?:\w+:)?Body>\s*<(\w+):(creerPaiementSecurise|recupererDetailPaiementSecurise)\s[^>]*>|<(?:\w+:)?Body>\s*<(\w+):(creerPaiementSecurise|recupererDetailPaiementSecurise)>/.exec(
        body,
      );
    const operation = call?.[2] ?? call?.[4];
    const prefix = call?.[1] ?? call?.[3];
    // The operation element must be in the service's namespace, bound on the envelope or on it.
    if (!operation || !prefix || !body.includes(`xmlns:${prefix}="${SERVICE_NS}"`)) {
      return send(
        res,
        500,
        'text/xml; charset=utf-8',
        envelope('<S:Fault><faultcode>S:Client</faultcode><faultstring>Cannot find dispatch method</faultstring></S:Fault>'),
      );
    }
    soapCalls.push({ operation, body });
    const arg0 = /<arg0>([\s\S]*)<\/arg0>/.exec(body)?.[1];
    if (arg0 === undefined) return soapFault(res, 'O1', 'arg0 absent');
    if (operation === 'creerPaiementSecurise') {
      const names = [...MANDATORY, 'objet'] as const;
      const fields = Object.fromEntries(names.map((n) => [n, argField(arg0, n)]));
      const refused = refusal(fields, knownClients);
      if (refused) return soapFault(res, ...refused);
      const idOp = randomUUID();
      operations.set(idOp, {
        idOp,
        fields: Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined)),
        createdAt: options.now(),
        resultrans: null,
        numauto: '',
        notifications: [],
      });
      return send(
        res,
        200,
        'text/xml; charset=utf-8',
        envelope(
          `<ns2:creerPaiementSecuriseResponse xmlns:ns2="${SERVICE_NS}"><return><idOp xmlns="${RESPONSE_NS}">${idOp}</idOp></return></ns2:creerPaiementSecuriseResponse>`,
        ),
      );
    }
    const idOp = argField(arg0, 'idOp') ?? '';
    const op = operations.get(idOp);
    if (!op) return soapFault(res, 'P1', 'IdOp incorrect');
    if (op.resultrans === null) return soapFault(res, 'P5', 'Résultat de la transaction non connu');
    const { dattrans, heurtrans } = parisStamp(op.createdAt);
    const f = op.fields;
    const detail = {
      dattrans,
      exer: f.exer,
      heurtrans,
      idOp,
      mel: f.mel,
      montant: f.montant,
      numauto: op.numauto,
      numcli: f.numcli,
      objet: f.objet ?? '',
      refdet: f.refdet,
      resultrans: op.resultrans,
      saisie: f.saisie,
    };
    const inner = Object.entries(detail)
      .map(([k, v]) => `<${k}>${esc(v ?? '')}</${k}>`)
      .join('');
    return send(
      res,
      200,
      'text/xml; charset=utf-8',
      envelope(
        `<ns2:recupererDetailPaiementSecuriseResponse xmlns:ns2="${SERVICE_NS}"><return>${inner}</return></ns2:recupererDetailPaiementSecuriseResponse>`,
      ),
    );
  }

  /** Records the payer's choice, notifies `urlnotif` (server to server) and answers where the payer goes. */
  async function decide(op: StandInOperation, choice: 'P' | 'R' | 'A'): Promise<string> {
    op.resultrans = choice;
    if (choice === 'P') op.numauto = String(100000 + operations.size).slice(-6);
    const response = await fetch(op.fields.urlnotif ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idOp: op.idOp }).toString(),
    });
    await response.arrayBuffer();
    op.notifications.push(response.status);
    return op.fields.urlredirect ?? '';
  }

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      if (req.method === 'POST' && url.pathname === '/tpa/services/securite') {
        if (!/^text\/xml/.test(req.headers['content-type'] ?? ''))
          return send(res, 415, 'text/plain', 'SOAP 1.1 attend text/xml');
        return soap(await readBody(req), res);
      }
      if (url.pathname === '/tpa/paiementws.web') {
        const form = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
        const op = operations.get(form.get('idop') ?? '');
        if (!op)
          return send(
            res,
            404,
            'text/html; charset=utf-8',
            '<!doctype html><html lang="fr"><title>PayFiP</title><p>Opération inconnue.</p></html>',
          );
        // An idOp is good for 15 minutes and one payment.
        const stale = options.now().getTime() - op.createdAt.getTime() > 15 * 60_000;
        if (op.resultrans !== null || stale)
          return send(
            res,
            410,
            'text/html; charset=utf-8',
            '<!doctype html><html lang="fr"><title>PayFiP</title><p>Opération expirée.</p></html>',
          );
        if (req.method === 'GET') {
          const euros = (Number(op.fields.montant) / 100).toFixed(2).replace('.', ',');
          return send(
            res,
            200,
            'text/html; charset=utf-8',
            `<!doctype html><html lang="fr"><title>PayFiP</title><h1>Paiement de ${euros} €</h1><p>${esc(op.fields.objet ?? '')}</p><form method="post"><input type="hidden" name="idop" value="${op.idOp}"><button name="choice" value="P">Payer</button><button name="choice" value="R">Carte refusée</button><button name="choice" value="A">Abandonner</button></form></html>`,
          );
        }
        const choice = form.get('choice');
        if (choice !== 'P' && choice !== 'R' && choice !== 'A') return send(res, 400, 'text/plain', 'choix inconnu');
        return send(res, 302, 'text/plain', '', { location: await decide(op, choice) });
      }
      send(res, 404, 'text/plain', 'inconnu');
    } catch (error) {
      send(res, 500, 'text/plain', String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    serviceUrl: `${base}/tpa/services/securite`,
    pageUrl: `${base}/tpa/paiementws.web`,
    operations,
    soapCalls,
    faults,
    async choose(idOp, choice) {
      const response = await fetch(`${base}/tpa/paiementws.web`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ idop: idOp, choice }).toString(),
        redirect: 'manual',
      });
      await response.arrayBuffer();
      return { status: response.status, location: response.headers.get('location') };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
