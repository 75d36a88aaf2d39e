import type { LocalDate } from '../local-date.js';
import type { SequenceType } from './debit-rules.js';
import { escapeXml, sepaText } from './sepa-text.js';

/** The town as the creditor of its direct debits. */
export interface Creditor {
  name: string;
  iban: string;
  /** `null`: the file says `NOTPROVIDED`, which SEPA banks accept inside the SEPA area. */
  bic: string | null;
  /** The SEPA creditor identifier (ICS). */
  identifier: string;
}

/** One collection: one invoice debited under one mandate. */
export interface Collection {
  /** The invoice number, which the family finds on its statement. */
  endToEndId: string;
  amountCents: number;
  sequenceType: SequenceType;
  mandateReference: string;
  mandateSignedOn: LocalDate;
  debtorName: string;
  debtorIban: string;
  debtorBic: string | null;
  /** What the debtor's bank statement says (140 characters at most). */
  remittance: string;
}

/** A batch of collections as one `pain.008.001.02` message. */
export interface DirectDebitMessage {
  messageId: string;
  createdAt: Date;
  collectionDate: LocalDate;
  creditor: Creditor;
  collections: readonly Collection[];
}

export const PAIN_008_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.008.001.02';

/** Cents as the schema's decimal amount, always two decimals: 1234 → `12.34`. */
export function euros(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`not an amount in cents: ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

const sum = (collections: readonly Collection[]) => collections.reduce((total, c) => total + c.amountCents, 0);

/** An instant as `xs:dateTime` in UTC, to the second. */
const dateTime = (instant: Date) => instant.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** An element with text: the text made SEPA-safe (cut to `max`) and escaped. */
const text = (name: string, value: string, max: number) => `<${name}>${escapeXml(sepaText(value, max))}</${name}>`;

const agent = (bic: string | null) =>
  `<FinInstnId>${bic ? `<BIC>${bic}</BIC>` : '<Othr><Id>NOTPROVIDED</Id></Othr>'}</FinInstnId>`;

function transaction(c: Collection): string {
  return [
    '<DrctDbtTxInf>',
    `<PmtId>${text('EndToEndId', c.endToEndId, 35)}</PmtId>`,
    `<InstdAmt Ccy="EUR">${euros(c.amountCents)}</InstdAmt>`,
    `<DrctDbtTx><MndtRltdInf>${text('MndtId', c.mandateReference, 35)}<DtOfSgntr>${c.mandateSignedOn}</DtOfSgntr></MndtRltdInf></DrctDbtTx>`,
    `<DbtrAgt>${agent(c.debtorBic)}</DbtrAgt>`,
    `<Dbtr>${text('Nm', c.debtorName, 70)}</Dbtr>`,
    `<DbtrAcct><Id><IBAN>${c.debtorIban}</IBAN></Id></DbtrAcct>`,
    `<RmtInf>${text('Ustrd', c.remittance, 140)}</RmtInf>`,
    '</DrctDbtTxInf>',
  ].join('\n');
}

function paymentInformation(message: DirectDebitMessage, sequenceType: SequenceType, collections: readonly Collection[]): string {
  const { creditor } = message;
  return [
    '<PmtInf>',
    text('PmtInfId', `${message.messageId}-${sequenceType}`, 35),
    '<PmtMtd>DD</PmtMtd>',
    '<BtchBookg>true</BtchBookg>',
    `<NbOfTxs>${collections.length}</NbOfTxs>`,
    `<CtrlSum>${euros(sum(collections))}</CtrlSum>`,
    `<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><LclInstrm><Cd>CORE</Cd></LclInstrm><SeqTp>${sequenceType}</SeqTp></PmtTpInf>`,
    `<ReqdColltnDt>${message.collectionDate}</ReqdColltnDt>`,
    `<Cdtr>${text('Nm', creditor.name, 70)}</Cdtr>`,
    `<CdtrAcct><Id><IBAN>${creditor.iban}</IBAN></Id></CdtrAcct>`,
    `<CdtrAgt>${agent(creditor.bic)}</CdtrAgt>`,
    '<ChrgBr>SLEV</ChrgBr>',
    `<CdtrSchmeId><Id><PrvtId><Othr><Id>${creditor.identifier}</Id><SchmeNm><Prtry>SEPA</Prtry></SchmeNm></Othr></PrvtId></Id></CdtrSchmeId>`,
    ...collections.map(transaction),
    '</PmtInf>',
  ].join('\n');
}

/**
 * The ISO 20022 `pain.008.001.02` message (SEPA Direct Debit Core) that a French bank takes:
 * one group header with the totals, one payment information block per sequence type (`FRST`
 * then `RCUR`, as the schema puts the sequence type on the block), one transaction per
 * collection, in the order given. Pure: the same message gives the same bytes.
 */
export function pain008(message: DirectDebitMessage): string {
  if (message.collections.length === 0) throw new RangeError('a direct debit file needs at least one collection');
  const blocks = (['FRST', 'RCUR'] as const)
    .map((sequenceType) => ({ sequenceType, collections: message.collections.filter((c) => c.sequenceType === sequenceType) }))
    .filter((block) => block.collections.length > 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PAIN_008_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    '<CstmrDrctDbtInitn>',
    '<GrpHdr>',
    text('MsgId', message.messageId, 35),
    `<CreDtTm>${dateTime(message.createdAt)}</CreDtTm>`,
    `<NbOfTxs>${message.collections.length}</NbOfTxs>`,
    `<CtrlSum>${euros(sum(message.collections))}</CtrlSum>`,
    `<InitgPty>${text('Nm', message.creditor.name, 70)}</InitgPty>`,
    '</GrpHdr>',
    ...blocks.map((block) => paymentInformation(message, block.sequenceType, block.collections)),
    '</CstmrDrctDbtInitn>',
    '</Document>',
    '',
  ].join('\n');
}
