import { sql } from 'kysely';
import type { Db } from './database.js';
import { type Statement, statement } from './pipeline.js';

/**
 * Has the rest of the transaction's prepared statements run on their generic plan. A batch's
 * statements carry whole columns as array parameters (hundreds of ids, dates, texts); planned
 * for their values, as PostgreSQL does for a statement's first five runs on each connection,
 * the planner estimates every element of every array: 9 ms to plan a checkout batch's write
 * and 6 ms its drafts, at each batch of a rush (pg_stat_statements), for plans that look rows
 * up by key whatever the values. Generic plans are made once per connection and kept.
 */
export function useGenericPlans(trx: Db): Statement<void> {
  return statement(sql`select set_config('plan_cache_mode', 'force_generic_plan', true)`.compile(trx));
}
