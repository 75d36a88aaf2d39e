import { CompiledQuery, type QueryResult } from 'kysely';
import type { Executor } from './database.js';

/** The statements a pipeline carries, on the compiled query that stands for them. */
const STATEMENTS = Symbol('foyer.pipeline');

type PipelineQuery = CompiledQuery & { [STATEMENTS]: readonly CompiledQuery[] };

/** The statements of a compiled query made by {@link pipelined}, or undefined for a plain statement. */
export function statementsOf(query: CompiledQuery): readonly CompiledQuery[] | undefined {
  return (query as Partial<PipelineQuery>)[STATEMENTS];
}

/**
 * Sends statements of one transaction together, in this order, and waits for all their answers:
 * one round trip instead of one each. Kysely runs a transaction's queries one after the other;
 * the server runs pipelined ones one after the other too, each with its own snapshot, so a
 * statement still sees what the ones before it locked or wrote. Only statements that do not need
 * each other's answers go together. If one fails, the transaction is aborted and the pipeline
 * fails with that first error.
 *
 * On PostgreSQL (postgres.js) the statements leave in one write; on PGlite, which has no network,
 * they run one by one (see the dialects).
 */
export async function pipelined<T extends unknown[]>(
  executor: Executor,
  statements: { [K in keyof T]: Statement<T[K]> },
): Promise<T> {
  const list = statements as readonly Statement<unknown>[];
  const query: PipelineQuery = { ...CompiledQuery.raw('-- pipeline'), [STATEMENTS]: list.map((s) => s.query) };
  const { rows } = await executor.executeQuery(query);
  const answers = rows as QueryResult<unknown>[];
  return list.map((s, i) => s.read(answers[i] as QueryResult<unknown>)) as T;
}

/** A statement compiled, with how to read its answer: to send alone or in a {@link pipelined} batch. */
export interface Statement<T> {
  query: CompiledQuery;
  read: (result: QueryResult<unknown>) => T;
}

/** A statement whose answer is not read (a lock, a setting). */
export const statement = (query: CompiledQuery): Statement<void> => ({ query, read: () => undefined });

/** Sends one statement and reads its answer. */
export async function run<T>(executor: Executor, statement: Statement<T>): Promise<T> {
  return statement.read(await executor.executeQuery(statement.query));
}
