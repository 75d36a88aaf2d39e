import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The sites an animator works on: their roll calls, and the allergies and care plans of the
 * children there, are all they see (domain/agent-sites.ts). Other roles see every site, so
 * only animators have rows. A tenant table: keyed by `collectivity_id` first, and scoped to
 * the request's collectivity for `foyer_app` like every other (0031-row-level-security).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create table agent_sites (
  collectivity_id uuid not null,
  membership_id uuid not null,
  site_id uuid not null,
  primary key (collectivity_id, membership_id, site_id),
  foreign key (collectivity_id, membership_id) references memberships(collectivity_id, id) on delete cascade,
  foreign key (collectivity_id, site_id) references sites(collectivity_id, id) on delete cascade
);
create index agent_sites_site on agent_sites (collectivity_id, site_id);
grant select, insert, update, delete on agent_sites to foyer_app;
alter table agent_sites enable row level security;
create policy collectivity_scope on agent_sites to foyer_app using (
  (select current_setting('foyer.collectivity', true)) = 'all'
  or collectivity_id = (select nullif(nullif(current_setting('foyer.collectivity', true), 'all'), '')::uuid)
);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(db, 'drop table agent_sites;');
}
