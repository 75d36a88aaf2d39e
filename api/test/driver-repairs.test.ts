import postgres from 'postgres';
import { describe, expect, it } from 'vitest';

// postgres.js as scripts/patch-postgres-driver.mjs leaves it at install, against a real server.
const url = process.env.DATABASE_URL;

describe.skipIf(!url)('postgres.js, repaired at install', () => {
  it('ends a connection whose server message it cannot read: the query fails as a lost connection, the next one runs on a new connection', async () => {
    // A value the driver fails to read, as it failed on a DataRow during a restart mid-rush.
    const unreadable = (text: string) => {
      if (text === 'unreadable') throw new TypeError('cannot read this value');
      return text;
    };
    const sql = postgres(url ?? '', {
      max: 1,
      onnotice: () => {},
      types: { text: { to: 25, from: [25], serialize: (x: string) => x, parse: unreadable } },
    });
    try {
      const [before] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      // Not the TypeError (answered 500): the error of a lost connection (503, retried with its key).
      await expect(sql`select 'unreadable'::text as value`).rejects.toMatchObject({ code: 'CONNECTION_DESTROYED' });
      const [after] = await sql<{ pid: number; value: string }[]>`select pg_backend_pid() as pid, 'readable'::text as value`;
      expect(after?.value).toBe('readable');
      // The connection that lost track of the stream is gone; the pool opened another.
      expect(after?.pid).not.toBe(before?.pid);
    } finally {
      await sql.end({ timeout: 5 });
    }
  });
});
