import { DEMO_ACTIVITY_CODES, type DemoActivityKey } from '../src/db/seed/demo-catalog.js';
import type { TestApp } from './harness.js';

/** Handles on the seeded demo families and activities of Ville de Démo, for tests. */
export interface DemoFamily {
  collectivityId: string;
  alvaro: string;
  lucia: string;
  leo: string;
  activity: Record<DemoActivityKey, string>;
}

export async function demoFamily(t: TestApp): Promise<DemoFamily> {
  const db = t.deps.db;
  const collectivity = await db
    .selectFrom('collectivities')
    .select('id')
    .where('slug', '=', 'ville-de-demo')
    .executeTakeFirstOrThrow();
  const children = await db
    .selectFrom('children')
    .select(['id', 'first_name'])
    .where('collectivity_id', '=', collectivity.id)
    .where('first_name', 'in', ['Alvaro', 'Lucia', 'Léo'])
    .execute();
  const child = (name: string) => {
    const found = children.find((c) => c.first_name === name);
    if (!found) throw new Error(`demo child ${name} missing`);
    return found.id;
  };
  const activities = await db
    .selectFrom('activities')
    .select(['id', 'code'])
    .where('collectivity_id', '=', collectivity.id)
    .execute();
  const activity = Object.fromEntries(
    Object.entries(DEMO_ACTIVITY_CODES).map(([key, code]) => {
      const found = activities.find((a) => a.code === code);
      if (!found) throw new Error(`demo activity ${code} missing`);
      return [key, found.id];
    }),
  ) as Record<DemoActivityKey, string>;
  return { collectivityId: collectivity.id, alvaro: child('Alvaro'), lucia: child('Lucia'), leo: child('Léo'), activity };
}
