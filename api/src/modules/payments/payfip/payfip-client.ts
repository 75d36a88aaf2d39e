import { parseSoap, soapRequest } from './soap.js';

/** How long one call to PayFiP may take before Foyer gives up on it. */
const TIMEOUT_MS = 15_000;

/** A PayFiP fault (`FonctionnelleErreur`): `P5` result not known yet, `P1` unknown idOp, `T1` unknown client… */
export class PayfipFault extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`PayFiP ${code}: ${message}`);
  }
}

/** PayFiP could not be reached, or answered something that is not its SOAP. */
export class PayfipUnavailable extends Error {}

/** The fields of `creerPaiementSecurise`, as the documentation names them. */
export interface CreatePaymentFields {
  numcli: string;
  exer: string;
  refdet: string;
  objet: string;
  montant: string;
  mel: string;
  saisie: 'T' | 'X' | 'W';
  urlnotif: string;
  urlredirect: string;
}

/** What `recupererDetailPaiementSecurise` answers of an operation. */
export interface PaymentDetail {
  idOp: string;
  resultrans: string;
  montant: string;
  numauto: string;
  dattrans: string;
  heurtrans: string;
  refdet: string;
  numcli: string;
  exer: string;
  saisie: string;
}

async function call(
  serviceUrl: string,
  operation: string,
  fields: Record<string, string | undefined>,
  fetchImpl: typeof fetch,
): Promise<ReadonlyMap<string, string>> {
  let text: string;
  try {
    const response = await fetchImpl(serviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: soapRequest(operation, fields),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    throw new PayfipUnavailable(`PayFiP did not answer ${operation}`, { cause: error });
  }
  let message: ReturnType<typeof parseSoap>;
  try {
    message = parseSoap(text);
  } catch (error) {
    throw new PayfipUnavailable(`PayFiP answered ${operation} outside SOAP`, { cause: error });
  }
  if (message.fault) throw new PayfipFault(message.fault.code, message.fault.message);
  if (message.operation !== `${operation}Response`) {
    throw new PayfipUnavailable(`PayFiP answered ${message.operation} to ${operation}`);
  }
  return message.fields;
}

/** Creates the operation the payer will pay on PayFiP's page; returns its `idOp`. */
export async function creerPaiementSecurise(
  serviceUrl: string,
  fields: CreatePaymentFields,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const answer = await call(serviceUrl, 'creerPaiementSecurise', { ...fields }, fetchImpl);
  const idOp = answer.get('idOp');
  if (!idOp) throw new PayfipUnavailable('PayFiP answered creerPaiementSecurise without an idOp');
  return idOp;
}

/** The result of an operation, from PayFiP itself: the only thing Foyer trusts. */
export async function recupererDetailPaiementSecurise(
  serviceUrl: string,
  idOp: string,
  fetchImpl: typeof fetch = fetch,
): Promise<PaymentDetail> {
  const answer = await call(serviceUrl, 'recupererDetailPaiementSecurise', { idOp }, fetchImpl);
  const get = (name: string) => answer.get(name) ?? '';
  return {
    idOp: get('idOp'),
    resultrans: get('resultrans'),
    montant: get('montant'),
    numauto: get('numauto'),
    dattrans: get('dattrans'),
    heurtrans: get('heurtrans'),
    refdet: get('refdet'),
    numcli: get('numcli'),
    exer: get('exer'),
    saisie: get('saisie'),
  };
}
