import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The backstop under every `collectivity_id` filter (see tenant-scope.ts): the API's queries run
 * as `foyer_app`, a role that does not own the tables, and every table with a `collectivity_id`
 * shows it only the rows of the collectivity its connection is set to (`foyer.collectivity`, a
 * collectivity id, or `all` for work that spans towns). Unset, it shows nothing.
 *
 * The role belongs to the PostgreSQL cluster, shared by its databases: created once, whoever
 * migrates first (or beforehand by a DBA, when the tables' owner may not create roles; it must
 * then be granted to the owner: docs/self-hosting.md). The settings are read through `(select …)` so that PostgreSQL evaluates them
 * once per statement, not once per row. The audit log is append-only for the role as well.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
do $$ begin
  -- Checked first: an owner without CREATEROLE can use a role its DBA created beforehand.
  if not exists (select 1 from pg_roles where rolname = 'foyer_app') then
    create role foyer_app nologin;
  end if;
exception when duplicate_object or unique_violation then null;
end $$;
do $$ begin
  if not pg_has_role(current_user, 'foyer_app', 'member') then
    execute format('grant foyer_app to %I', current_user);
  end if;
end $$;
grant usage on schema public to foyer_app;
grant select, insert, update, delete on all tables in schema public to foyer_app;
grant usage, select on all sequences in schema public to foyer_app;
grant execute on all functions in schema public to foyer_app;
alter default privileges in schema public grant select, insert, update, delete on tables to foyer_app;
alter default privileges in schema public grant usage, select on sequences to foyer_app;
revoke update, delete on audit_log from foyer_app;
do $$
declare t record;
begin
  for t in
    select c.table_name, c.is_nullable from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
    where c.table_schema = 'public' and c.column_name = 'collectivity_id' and tb.table_type = 'BASE TABLE'
  loop
    execute format('alter table %I enable row level security', t.table_name);
    execute format(
      'create policy collectivity_scope on %I to foyer_app using (%s)',
      t.table_name,
      '(select current_setting(''foyer.collectivity'', true)) = ''all'''
        || ' or collectivity_id = (select nullif(nullif(current_setting(''foyer.collectivity'', true), ''all''), '''')::uuid)'
        || case when t.is_nullable = 'YES' then ' or collectivity_id is null' else '' end
    );
  end loop;
end $$;
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
do $$
declare t record;
begin
  for t in select tablename from pg_policies where schemaname = 'public' and policyname = 'collectivity_scope'
  loop
    execute format('drop policy collectivity_scope on %I', t.tablename);
    execute format('alter table %I disable row level security', t.tablename);
  end loop;
end $$;
alter default privileges in schema public revoke all on tables from foyer_app;
alter default privileges in schema public revoke all on sequences from foyer_app;
revoke all on all tables in schema public from foyer_app;
revoke all on all sequences in schema public from foyer_app;
revoke all on all functions in schema public from foyer_app;
revoke usage on schema public from foyer_app;
`,
  );
}
