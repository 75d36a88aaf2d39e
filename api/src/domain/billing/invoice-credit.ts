/**
 * Corrections of an issued invoice by credit notes (*avoirs*), as French invoicing practice has
 * them: an invoice is never changed; a credit note takes off either every line still uncredited
 * (a full credit) or chosen lines (*avoir partiel*), each invoice line credited at most once over
 * all its credit notes. What the family owes is the total less the credits, never below zero.
 * Pure: plain values in, a plan or a refusal out.
 */

/** An invoice line, in integer cents. */
export interface CreditableLine {
  id: string;
  totalCents: number;
}

/** What the database holds of an invoice about to be credited. */
export interface CreditableInvoice {
  kind: 'invoice' | 'credit_note';
  status: 'draft' | 'issued' | 'paid' | 'cancelled';
  totalCents: number;
  /** Collected by a SEPA direct debit already (« prélevée le … »). */
  debitOn?: string | null;
  lines: readonly CreditableLine[];
  /** The ids of its lines that credit notes credited already. */
  creditedLineIds: ReadonlySet<string>;
  /** What its credit notes took off already, in positive cents. */
  creditedCents: number;
}

/** Why a credit is refused; each is a 409 or 422 with its own French text in the API. */
export type CreditRefusal =
  | 'not_an_invoice'
  | 'not_issued'
  | 'fully_credited'
  | 'unknown_line'
  | 'line_already_credited'
  | 'duplicate_line'
  | 'exceeds_invoice';

/** A credit to write: the lines it credits and their sum (positive), and what it leaves. */
export interface CreditPlan {
  ok: true;
  lines: CreditableLine[];
  /** The sum of `lines`, positive: the credit note's total is its opposite. */
  creditCents: number;
  /** What the invoice still bills after this credit: total − every credit, ≥ 0. */
  remainingCents: number;
  /** Every line of the invoice is credited now. */
  fullyCredited: boolean;
  /** The invoice's stored status afterwards: an unpaid, uncollected invoice fully credited is cancelled. */
  status: CreditableInvoice['status'];
  /** The money was taken already (paid or collected): the credit is owed to the household. */
  creditBalance: boolean;
}

export type CreditDecision = CreditPlan | { ok: false; refusal: CreditRefusal; lineIds: string[] };

/** What an invoice still bills: its total less what credit notes took off, never below zero. */
export function remainingCents(totalCents: number, creditedCents: number): number {
  return Math.max(0, totalCents - creditedCents);
}

const declined = (refusal: CreditRefusal, lineIds: string[] = []): CreditDecision => ({ ok: false, refusal, lineIds });

/**
 * Decides a credit of `invoice`: every line not credited yet when `lineIds` is absent (a full
 * credit), else exactly those lines. An invoice paid or collected may be credited: the credit
 * is then owed to the household (`creditBalance`), and the invoice keeps its status.
 *
 * @example
 * planCredit({ kind: 'invoice', status: 'issued', totalCents: 840, creditedCents: 0, creditedLineIds: new Set(),
 *   lines: [{ id: 'a', totalCents: 420 }, { id: 'b', totalCents: 420 }] }, ['b'])
 * // { ok: true, creditCents: 420, remainingCents: 420, fullyCredited: false, status: 'issued', … }
 */
export function planCredit(invoice: CreditableInvoice, lineIds?: readonly string[]): CreditDecision {
  if (invoice.kind !== 'invoice') return declined('not_an_invoice');
  if (invoice.status !== 'issued' && invoice.status !== 'paid') return declined('not_issued');
  const open = invoice.lines.filter((line) => !invoice.creditedLineIds.has(line.id));
  let lines: CreditableLine[];
  if (lineIds === undefined) {
    if (open.length === 0 && invoice.lines.length > 0) return declined('fully_credited');
    lines = open;
  } else {
    const byId = new Map(invoice.lines.map((line) => [line.id, line]));
    const duplicates = lineIds.filter((id, index) => lineIds.indexOf(id) !== index);
    if (duplicates.length > 0) return declined('duplicate_line', [...new Set(duplicates)]);
    const unknown = lineIds.filter((id) => !byId.has(id));
    if (unknown.length > 0) return declined('unknown_line', unknown);
    const credited = lineIds.filter((id) => invoice.creditedLineIds.has(id));
    if (credited.length > 0) return declined('line_already_credited', credited);
    lines = lineIds.map((id) => byId.get(id) as CreditableLine);
  }
  const creditCents = lines.reduce((sum, line) => sum + line.totalCents, 0);
  if (creditCents < 0 || invoice.creditedCents + creditCents > Math.max(0, invoice.totalCents)) {
    return declined(
      'exceeds_invoice',
      lines.map((line) => line.id),
    );
  }
  const fullyCredited = open.length === lines.length;
  const collected = invoice.status === 'paid' || Boolean(invoice.debitOn);
  return {
    ok: true,
    lines,
    creditCents,
    remainingCents: remainingCents(invoice.totalCents, invoice.creditedCents + creditCents),
    fullyCredited,
    status: fullyCredited && !collected ? 'cancelled' : invoice.status,
    creditBalance: collected,
  };
}
