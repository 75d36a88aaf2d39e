import type { adminPayments } from '@foyer/sdk';
import { msg } from '@lit/localize';

type HeldReason = NonNullable<adminPayments.AdminPayment['heldReason']>;

/** Why a payment waits for an agent, as the régie's agents say it. */
export function heldReasonLabel(reason: HeldReason | null): string {
  switch (reason) {
    case 'amount_mismatch':
      return msg('Montant reçu différent du montant demandé');
    case 'paid_late':
      return msg('Payé après le délai, sans remboursement possible par le prestataire');
    case 'paid_when_closed':
      return msg('Payé alors que le paiement était refusé ou abandonné');
    case null:
      return '—';
  }
}

/** The online payment provider by the name the régie knows it. */
export function providerLabel(provider: string): string {
  switch (provider) {
    case 'payfip':
      return 'PayFiP';
    case 'demo':
      return msg('Démonstration');
    default:
      return provider;
  }
}
