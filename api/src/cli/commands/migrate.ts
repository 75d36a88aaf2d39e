import { migrateToLatest } from '../../db/migrate.js';
import type { Command } from '../command.js';

export const migrate: Command = {
  name: ['migrate'],
  summary: 'Bring the database schema to the latest version',
  description:
    'Applies the migrations the database has not seen yet, in order, as the server does when it starts. ' +
    'Running it again does nothing.',
  args: [],
  options: {},
  examples: ['foyer migrate', 'DATABASE_URL=postgres://foyer@db/foyer foyer migrate --json'],
  async run(_input, context) {
    const { db } = await context.database();
    const applied = await migrateToLatest(db);
    return {
      data: { applied },
      lines:
        applied.length === 0
          ? ['The database is up to date: no migration to apply.']
          : [`Applied ${applied.length} migration(s):`, ...applied.map((name) => `  ${name}`)],
    };
  },
};
