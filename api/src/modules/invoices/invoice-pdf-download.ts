import type { AddressValue } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import type { Language } from '../../lib/problem-texts.js';
import { IDENTITY_COLUMNS, identityOf } from '../collectivities/collectivity-identity.js';
import { householdInvoiceDetail, type InvoiceScope } from './household-invoices.js';
import { invoicePdf } from './invoice-pdf.js';

/** The largest logo embedded from a `data:` address; a bigger one is left out. */
const MAX_LOGO_BYTES = 512 * 1024;

/**
 * The town's logo, when its branding gives one as a `data:image/png` or `data:image/jpeg`
 * address. A logo on another server is not fetched: the API would then call any address an
 * admin typed (server-side request forgery), and an invoice must not wait on a slow site.
 */
export function embeddedLogo(logoUrl: string | undefined): Buffer | null {
  const match = logoUrl ? /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=\s]+)$/.exec(logoUrl) : null;
  if (!match?.[1]) return null;
  const bytes = Buffer.from(match[1], 'base64');
  return bytes.byteLength > 0 && bytes.byteLength <= MAX_LOGO_BYTES ? bytes : null;
}

/** The household's document as a PDF answer: `attachment; filename="FA-2027-000001.pdf"`, streamed. */
export async function invoicePdfResponse(
  deps: AppDeps,
  scope: InvoiceScope,
  invoiceId: string,
  language: Language,
): Promise<Response> {
  const invoice = await householdInvoiceDetail(deps.db, scope, invoiceId);
  const town = await deps.db
    .selectFrom('collectivities')
    .select(['name', 'time_zone', 'branding', ...IDENTITY_COLUMNS])
    .where('id', '=', scope.collectivityId)
    .executeTakeFirstOrThrow();
  const household = await deps.db
    .selectFrom('households')
    .select(['name', 'address'])
    .where('collectivity_id', '=', scope.collectivityId)
    .where('id', '=', scope.householdId)
    .executeTakeFirstOrThrow();
  const accent = town.branding.primaryColor;
  const stream = invoicePdf({
    invoice,
    town: {
      name: town.name,
      timeZone: town.time_zone,
      identity: identityOf(town),
      logo: embeddedLogo(town.branding.logoUrl),
      accentColor: accent && /^#[0-9a-f]{6}$/i.test(accent) ? accent : null,
    },
    household: { name: household.name, address: household.address as AddressValue | null },
    language,
  });
  return new Response(stream, {
    status: 200,
    headers: {
      'Content-Type': 'application/pdf',
      // Numbers are `FA-2027-000001`: nothing in them needs quoting.
      'Content-Disposition': `attachment; filename="${invoice.number}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}
