import type { MailMessage } from '../../deps.js';

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const eurosEn = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });
const monthFr = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthEn = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayEn = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayFr = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * Tells a guardian that the month's invoice is issued: number, amount, due date and where to
 * see it, in French then in English. The formatters are built once: a run sends thousands.
 */
export function invoiceNoticeEmail(input: {
  to: string;
  collectivityName: string;
  month: string;
  number: string;
  totalCents: number;
  dueDate: string;
}): MailMessage {
  const monthStart = new Date(`${input.month}-01T12:00:00Z`);
  const due = new Date(`${input.dueDate}T12:00:00Z`);
  return {
    to: input.to,
    subject: `${input.collectivityName} — Votre facture de ${monthFr.format(monthStart)} (${input.number})`,
    text: [
      'Bonjour,',
      '',
      `Votre facture n° ${input.number} pour ${monthFr.format(monthStart)} est disponible dans votre espace famille.`,
      `Montant : ${euros.format(input.totalCents / 100)}, à régler avant le ${dayFr.format(due)}.`,
      '',
      `— ${input.collectivityName}`,
      '',
      '---',
      '',
      'Hello,',
      '',
      `Your invoice no. ${input.number} for ${monthEn.format(monthStart)} is available in your family space.`,
      `Amount: ${eurosEn.format(input.totalCents / 100)}, due by ${dayEn.format(due)}.`,
    ].join('\n'),
  };
}
