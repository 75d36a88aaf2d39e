import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { frenchDate } from '../../lib/french-date.js';

/** A payment as the hosted page shows it. */
export interface DemoPageModel {
  id: string;
  collectivityName: string;
  timeZone: string;
  portalUrl: string | null;
  status: 'pending' | 'paid' | 'refused' | 'expired' | 'refunded' | 'held' | 'abandoned';
  /** Pending and within its deadline: the payer may still pay or refuse. */
  payable: boolean;
  amountCents: number;
  expiresAt: Date;
  paidAt: Date | null;
  items: { childName: string; activityName: string; date: string; priceCents: number }[];
}

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** `15,00 €`, as the page shows an amount. */
export const formatEuros = (cents: number) => euros.format(cents / 100);

const day = (date: string) => frenchDate(date);

const moment = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(instant);

const STYLE = `body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;color:#1e1e1e;background:#fff}
header p{margin:0;color:#3a3a3a}h1{font-size:1.5rem;margin:.5rem 0 1rem}
.demo{border-left:4px solid #000091;background:#f5f5fe;padding:.5rem 1rem}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #ddd}
td.num,th.num{text-align:right}tfoot th,tfoot td{font-weight:bold;border-bottom:none}
.status{font-weight:bold;padding:.5rem 1rem;border:2px solid currentColor;border-radius:.25rem}
.actions{display:flex;flex-wrap:wrap;gap:1rem;margin:1.5rem 0}
button{font:inherit;padding:.75rem 1.5rem;border-radius:.25rem;cursor:pointer;border:2px solid #000091}
button.pay{background:#000091;color:#fff}button.refuse{background:#fff;color:#000091}
button:focus-visible,a:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}a{color:#000091}`;

function layout(options: {
  title: string;
  nonce: string;
  /** The collectivity being paid, above the page's heading. */
  payee?: string;
  main: HtmlEscapedString | Promise<HtmlEscapedString>;
}) {
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${options.title}</title>
<style nonce="${options.nonce}">${STYLE}</style>
</head>
<body>
${options.payee ? html`<header><p>${options.payee}</p></header>` : ''}
<main>
${options.main}
</main>
</body>
</html>`;
}

function statusLine(model: DemoPageModel) {
  if (model.payable) return html`<p>À régler avant le ${moment(model.expiresAt, model.timeZone)}.</p>`;
  const text: Record<DemoPageModel['status'], string> = {
    pending: 'Le délai de paiement est dépassé : les réservations ne sont plus retenues.',
    expired: 'Le délai de paiement est dépassé : les réservations ne sont plus retenues.',
    paid: `Ce paiement a été effectué${model.paidAt ? ` le ${moment(model.paidAt, model.timeZone)}` : ''} : les réservations sont confirmées.`,
    refused: 'Ce paiement a été refusé : les réservations ne sont pas retenues.',
    refunded: 'Ce paiement est arrivé après la fin du délai : il a été remboursé et les réservations ne sont pas retenues.',
    held: 'Ce paiement est en cours de vérification par les services de la mairie.',
    abandoned: 'Ce paiement a été abandonné : les réservations ne sont pas retenues.',
  };
  return html`<p class="status" role="status">${text[model.status]}</p>`;
}

/**
 * The hosted payment page: who is paid, how much, for which days, and the two choices as a
 * plain form (no script: it works without JavaScript and under a strict CSP).
 */
export function demoPaymentPage(
  model: DemoPageModel,
  options: { nonce: string; returnUrl: string | null; returnMac: string | null },
) {
  const back = options.returnUrl ? new URL(options.returnUrl) : null;
  back?.searchParams.set('foyer-payment', model.id);
  const leave = back ?? (model.portalUrl ? new URL(model.portalUrl) : null);
  const main = html`<h1>Paiement en ligne — démonstration</h1>
<p class="demo">Démonstration : aucun argent n'est prélevé. Cette page tient la place du prestataire de paiement de la commune.</p>
<p>Montant : <strong>${formatEuros(model.amountCents)}</strong></p>
<table>
<caption>Réservations concernées</caption>
<thead><tr><th scope="col">Enfant</th><th scope="col">Activité</th><th scope="col">Date</th><th scope="col" class="num">Prix</th></tr></thead>
<tbody>
${model.items.map(
  (item) =>
    html`<tr><td>${item.childName}</td><td>${item.activityName}</td><td>${day(item.date)}</td><td class="num">${formatEuros(item.priceCents)}</td></tr>`,
)}
</tbody>
<tfoot><tr><th scope="row" colspan="3">Total</th><td class="num">${formatEuros(model.amountCents)}</td></tr></tfoot>
</table>
${statusLine(model)}
${
  model.payable
    ? html`<form method="post" action="/pay/demo/${model.id}">
${options.returnUrl && options.returnMac ? html`<input type="hidden" name="return" value="${options.returnUrl}"><input type="hidden" name="return_mac" value="${options.returnMac}">` : ''}
<div class="actions">
<button type="submit" name="action" value="pay" class="pay">Payer</button>
<button type="submit" name="action" value="refuse" class="refuse">Refuser le paiement</button>
</div>
</form>`
    : leave
      ? html`<p><a href="${leave.toString()}">Retour au site de ${model.collectivityName}</a></p>`
      : ''
}`;
  return layout({
    title: `Paiement en ligne — ${model.collectivityName}`,
    nonce: options.nonce,
    payee: model.collectivityName,
    main,
  });
}

/** The page of a payment that does not exist (or not at this provider). */
export function demoPaymentNotFoundPage(options: { nonce: string }) {
  return layout({
    title: 'Paiement introuvable',
    nonce: options.nonce,
    main: html`<h1>Paiement introuvable</h1>
<p>Ce lien de paiement ne correspond à aucun paiement. Revenez au site de votre commune pour retrouver votre panier.</p>`,
  });
}

/** The answer to a form that did not say "Payer" or "Refuser le paiement". */
export function demoPaymentBadRequestPage(options: { nonce: string }) {
  return layout({
    title: 'Demande incomplète',
    nonce: options.nonce,
    main: html`<h1>Demande incomplète</h1>
<p>Choisissez « Payer » ou « Refuser le paiement » sur la page de paiement.</p>`,
  });
}
