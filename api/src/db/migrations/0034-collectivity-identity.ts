import type { Kysely } from 'kysely';
import { executeScript } from '../execute-script.js';

/**
 * The town as the issuer of its invoices: postal address (`{line1, line2?, postalCode, city}`,
 * the shape of households' and sites' addresses), SIRET, the service's phone and email, and
 * the public accountant payments go to. All optional: a town is created before it bills, and
 * its documents leave out what is not set.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `alter table collectivities
       add column postal_address jsonb check (jsonb_typeof(postal_address) = 'object'),
       add column siret text check (siret ~ '^[0-9]{14}$'),
       add column service_phone text check (length(service_phone) between 1 and 30),
       add column service_email text check (length(service_email) between 3 and 254),
       add column public_accountant text check (length(public_accountant) between 1 and 200);`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeScript(
    db,
    `alter table collectivities
       drop column postal_address, drop column siret, drop column service_phone,
       drop column service_email, drop column public_accountant;`,
  );
}
