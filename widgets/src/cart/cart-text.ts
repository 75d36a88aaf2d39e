import type { cart, payments } from '@foyer/sdk';
import { msg, str } from '@lit/localize';
import { reasonText } from '../shared/booking-reasons.js';
import type { CartLine } from '../shared/store.js';

export interface ChildGroup {
  childId: string;
  /** "ALVARO SANCHEZ-CORDOVES — 3 REPAS" */
  summary: string;
  firstName: string;
  lines: CartLine[];
}

/** The cart's lines by child, each with the flyer's summary: the child's name, then how many of each activity. */
export function groupByChild(lines: CartLine[]): ChildGroup[] {
  const groups = new Map<string, { firstName: string; name: string; lines: CartLine[] }>();
  for (const line of lines) {
    const group = groups.get(line.childId) ?? {
      firstName: line.child.firstName,
      name: `${line.child.firstName} ${line.child.lastName}`.toLocaleUpperCase('fr-FR'),
      lines: [],
    };
    group.lines.push(line);
    groups.set(line.childId, group);
  }
  return [...groups].map(([childId, g]) => {
    const counts = new Map<string, { name: string; action: string; count: number }>();
    for (const line of g.lines) {
      const key = `${line.activity.name}|${line.action}`;
      const item = counts.get(key) ?? { name: line.activity.name, action: line.action, count: 0 };
      item.count += 1;
      counts.set(key, item);
    }
    const items = [...counts.values()].map((i) =>
      i.action === 'book' ? `${i.count} ${i.name}` : msg(str`${i.count} ${i.name} à annuler`),
    );
    return { childId, firstName: g.firstName, summary: `${g.name} — ${items.join(', ')}`, lines: g.lines };
  });
}

/** What became of a line at validation, for people. */
export function outcomeText(line: cart.Checkout['lines'][number]): string {
  const why = line.reason ? ` (${reasonText(line.reason)})` : '';
  switch (line.outcome) {
    case 'booked':
      return msg('réservé');
    case 'pending_payment':
      return msg('en attente de paiement');
    case 'waitlisted':
      return msg("sur liste d'attente");
    case 'cancelled':
      return msg('annulé');
    case 'cancel_requested':
      return msg('annulation transmise au service, qui vous répondra') + why;
    case 'refused':
      return msg('refusé') + why;
    default:
      return line.outcome;
  }
}

/** What a payment's status means for the parent. */
export function paymentText(payment: payments.Payment): string {
  switch (payment.status) {
    case 'paid':
      return msg('Paiement accepté : vos journées sont réservées.');
    case 'refused':
      return msg("Paiement refusé : les journées n'ont pas été réservées. Vous pouvez les choisir à nouveau.");
    case 'expired':
      return msg("Le délai de paiement est dépassé : les journées n'ont pas été réservées.");
    case 'refunded':
      return msg('Ce paiement a été remboursé.');
    default:
      return msg('Paiement en cours de vérification…');
  }
}
