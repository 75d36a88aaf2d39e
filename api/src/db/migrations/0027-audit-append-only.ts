import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The audit log is append-only: an entry is never changed nor removed, whoever asks. Two
 * exceptions the database itself makes: an account's deletion blanks its id in the entries
 * (the entry stays), and a collectivity removed as a whole takes its log with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.actor_account_id is not null and new.actor_account_id is null
     and (to_jsonb(old) - 'actor_account_id') = (to_jsonb(new) - 'actor_account_id') then
    return new;
  end if;
  if tg_op = 'DELETE' and not exists (select 1 from collectivities where id = old.collectivity_id) then
    return old;
  end if;
  raise exception 'the audit log is append-only: its entries are never changed nor removed'
    using errcode = 'insufficient_privilege';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function audit_log_append_only();
create index audit_log_action_at on audit_log (collectivity_id, action, at desc);
`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `
drop index audit_log_action_at;
drop trigger audit_log_append_only on audit_log;
drop function audit_log_append_only();
`,
  );
}
