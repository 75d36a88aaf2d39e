import { Slug } from '@foyer/sdk/contract';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import * as v from 'valibot';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import type { AppEnv } from '../../lib/app-env.js';

/** The collectivity the page opens in when the address names none: the first by name. */
async function firstCollectivity(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('collectivities').select('slug').orderBy('name').orderBy('slug').limit(1).executeTakeFirst();
  return row?.slug;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/** The page: `<foyer-admin-app>` in a provider talking to this same server. */
export function backOfficePage(slug: string | undefined): string {
  const body = slug
    ? `<foyer-provider api="/" collectivity="${escapeHtml(slug)}" storage="session" id="back-office">
  <foyer-admin-app heading-level="1"></foyer-admin-app>
</foyer-provider>`
    : `<h1>Back-office Foyer</h1>
<p>Aucune collectivité n'existe encore. Créez la première avec la ligne de commande :</p>
<pre>npx foyer collectivity create --help</pre>`;
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Back-office Foyer</title>
<script type="module" src="/foyer-admin.js"></script>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1e1e1e; background: #f6f6f6; }
  .page { max-width: 80rem; margin: 0 auto; padding: 1rem; background: #fff; min-height: 100vh; box-sizing: border-box; }
  foyer-admin-app:not(:defined) { display: block; min-height: 50vh; }
</style>
</head>
<body>
<div class="page">
${body}
</div>
</body>
</html>`;
}

/**
 * Serves the back office at `/admin/` and its bundle at `/foyer-admin.js` (built into the
 * widgets' `dist/`). `?c=<slug>` opens it in a collectivity; without it, the first one (an
 * agent of another collectivity is moved to theirs once signed in).
 */
export function mountBackOffice(app: Hono<AppEnv>, deps: AppDeps): void {
  if (deps.config.widgetsDir) app.use('/foyer-admin.js*', serveStatic({ root: deps.config.widgetsDir }));
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.get('/admin/', async (c) => {
    const wanted = c.req.query('c');
    const slug = wanted && v.is(Slug, wanted) ? wanted : await firstCollectivity(deps.db);
    c.header('Cache-Control', 'no-cache');
    return c.html(backOfficePage(slug));
  });
}
