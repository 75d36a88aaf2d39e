import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The meal counts' diet groups: each town defines its own (sans porc, végétarien, PAI…) and a
 * child belongs to at most one, counted apart from the others in the kitchen's orders.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create table diet_groups (
  collectivity_id uuid not null references collectivities(id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null,
  position integer not null default 0,
  primary key (collectivity_id, id)
);
create unique index diet_groups_name on diet_groups (collectivity_id, lower(name));
alter table children add column diet_group_id uuid;
alter table children add constraint children_diet_group foreign key (collectivity_id, diet_group_id)
  references diet_groups(collectivity_id, id) on delete set null (diet_group_id);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
alter table children drop constraint children_diet_group;
alter table children drop column diet_group_id;
drop table diet_groups;
`,
  );
}
