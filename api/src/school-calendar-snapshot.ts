/**
 * Where the shipped school-calendar snapshot is. This module sits directly in `api/src/` on
 * purpose: run from source or bundled into `api/dist/*.js`, `../data/` is `api/data/` either
 * way. A bundle written elsewhere (the widget tests' server, under node_modules/.cache) finds it
 * by walking up to the checkout's `api/data/`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'calendrier-scolaire.csv';

function locate(): string {
  const beside = fileURLToPath(new URL(`../data/${NAME}`, import.meta.url));
  if (existsSync(beside)) return beside;
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'api', 'data', NAME);
    if (existsSync(candidate)) return candidate;
  }
  return beside;
}

/** The path of api/data/calendrier-scolaire.csv. */
export const SHIPPED_SCHOOL_CALENDAR: string = locate();
