import type { startFoyer } from '../src/main.js';
import { findCollectivityContext } from '../src/modules/collectivities/collectivity-context.js';
import { importFamilies } from '../src/modules/imports/import-families.js';

type Foyer = Awaited<ReturnType<typeof startFoyer>>;

/** How many families the import part writes: a large town's whole file. */
const FAMILIES = Number(process.env.BENCH_IMPORT_FAMILIES ?? 10_000);

/**
 * A file as a town exports it: per family, two guardians (one row each) and two children
 * enrolled in the canteen, in Windows-1252 as Excel writes it, with accents.
 */
function townFile(activityCode: string, families: number): Uint8Array {
  const lines = [
    'id_famille;nom_foyer;quotient_familial;adresse;code_postal;commune;responsable_prenom;responsable_nom;responsable_email;responsable_telephone;enfant_prenom;enfant_nom;enfant_naissance;ecole;classe;activite',
  ];
  for (let i = 0; i < families; i++) {
    const name = `Lefèvre${i}`;
    const family = `BENCH-${i};Famille ${name};${(i * 37) % 2000};${i} rue de l'Église;69100;Démo`;
    lines.push(
      `${family};Hélène;${name};helene.${i}@bench.example;06 12 34 56 78;Loïc;${name};05/05/2016;École Pasteur;CE2;${activityCode}`,
    );
    lines.push(
      `BENCH-${i};;;;;;Jérôme;${name};jerome.${i}@bench.example;;Zoé;${name};12/11/2019;École Pasteur;MS;${activityCode}`,
    );
  }
  return new Uint8Array(Buffer.from(lines.join('\r\n'), 'latin1'));
}

/** Imports 10,000 families into the demo town on PostgreSQL, as the back office does (target ≤ 60 s). */
export async function benchImport(foyer: Foyer) {
  const { db } = foyer.deps;
  const collectivity = await findCollectivityContext(db, { slug: 'ville-de-demo' });
  if (!collectivity) throw new Error('the demo town is missing');
  const activity = await db
    .selectFrom('activities')
    .select('code')
    .where('collectivity_id', '=', collectivity.id)
    .where('archived_at', 'is', null)
    .orderBy('position')
    .executeTakeFirstOrThrow();
  const bytes = townFile(activity.code, FAMILIES);
  const started = performance.now();
  const result = await importFamilies(foyer.deps, {
    collectivity,
    bytes,
    dryRun: false,
    sendInvitations: false,
    actorAccountId: null,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.report.failed > 0 || result.report.created !== FAMILIES) {
    throw new Error(`import bench: ${JSON.stringify({ ...result.report, errors: result.report.errors.slice(0, 5) })}`);
  }
  return {
    importFamilies: FAMILIES,
    importRows: result.rows,
    importSeconds: Number(seconds.toFixed(1)),
    importRowsPerSecond: Math.round(result.rows / seconds),
    importFileBytes: bytes.length,
  };
}
