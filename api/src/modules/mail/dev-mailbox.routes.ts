import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { MailCapture } from '../../deps.js';
import type { AppEnv } from '../../lib/app-env.js';

/**
 * `/dev/mailbox`: the emails the embedded default captured, newest first (JSON with
 * `Accept: application/json`). Mounted only when no SMTP server is configured outside production.
 */
export function mountDevMailbox(app: Hono<AppEnv>, mailbox: MailCapture): void {
  app.get('/dev/mailbox', (c) => {
    const messages = mailbox.list();
    if (c.req.header('accept')?.includes('application/json')) return c.json({ messages });
    const linkify = (text: string) =>
      text.split(/(https?:\/\/\S+)/g).map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : part));
    return c.html(html`<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Boîte mail de développement — Foyer</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1e1e1e}
article{border:1px solid #ccc;border-radius:.5rem;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap;font:inherit}
h2{font-size:1.1rem;margin:0}p.meta{color:#555;margin:.25rem 0 1rem}a{color:#000091}</style></head>
<body><h1>Boîte mail de développement</h1>
<p>Les e-mails envoyés par Foyer en mode intégré (sans <code>SMTP_URL</code>) arrivent ici.</p>
${messages.length === 0 ? html`<p>Aucun message pour l'instant.</p>` : ''}
${messages.map(
  (m) => html`<article><h2>${m.subject}</h2><p class="meta">À ${m.to} — ${m.sentAt}</p><pre>${linkify(m.text)}</pre></article>`,
)}
</body></html>`);
  });
}
