import { household as householdContract } from '@foyer/sdk/contract';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Context } from 'hono';
import type { Db } from '../../db/database.js';
import type { AppDeps } from '../../deps.js';
import { ApiError } from '../../lib/api-error.js';
import type { AppEnv } from '../../lib/app-env.js';
import { audit } from '../../lib/audit.js';
import { rateLimit } from '../../lib/rate-limit.js';
import type { AttachmentStorage } from '../attachments/attachment-storage.js';

type Scope = { collectivityId: string; householdId: string; accountId: string };

/** An archive gathers every document of the household: a few per hour are enough for any family. */
export const EXPORTS_PER_HOUR = 5;

/**
 * Everything Foyer holds about one household, read in one snapshot. Never a password hash, a
 * token (their hashes neither) or the join code; agents' notes are included without their author
 * (the right of access covers what is written about the family: see docs/privacy.md).
 */
export async function householdExportData(db: Db, scope: Scope, exportedAt: Date) {
  const c = scope.collectivityId;
  const h = scope.householdId;
  const household = await db
    .selectFrom('households')
    .select([
      'id',
      'name',
      'department',
      'address',
      'phone',
      'family_quotient',
      'resident',
      'external_id',
      'created_at',
      'updated_at',
    ])
    .where('collectivity_id', '=', c)
    .where('id', '=', h)
    .executeTakeFirstOrThrow();
  const guardians = await db
    .selectFrom('guardians')
    .selectAll()
    .where('collectivity_id', '=', c)
    .where('household_id', '=', h)
    .orderBy('created_at')
    .execute();
  const accountIds = guardians.flatMap((g) => (g.account_id ? [g.account_id] : []));
  const accounts =
    accountIds.length === 0
      ? []
      : await db
          .selectFrom('accounts')
          .select(['id', 'email', 'display_name', 'email_verified_at', 'disabled_at', 'created_at'])
          .where('id', 'in', accountIds)
          .execute();
  const children = await db
    .selectFrom('children')
    .selectAll()
    .where('collectivity_id', '=', c)
    .where('household_id', '=', h)
    .execute();
  const childIds = children.map((child) => child.id);
  const enrolments =
    childIds.length === 0
      ? []
      : await db
          .selectFrom('enrolments as e')
          .innerJoin('activities as a', (j) =>
            j.onRef('a.collectivity_id', '=', 'e.collectivity_id').onRef('a.id', '=', 'e.activity_id'),
          )
          .select([
            'e.id',
            'e.child_id',
            'a.name as activity',
            'e.from_date',
            'e.to_date',
            'e.school',
            'e.school_class',
            'e.ended_at',
          ])
          .where('e.collectivity_id', '=', c)
          .where('e.child_id', 'in', childIds)
          .execute();
  const bookings = await db
    .selectFrom('bookings as b')
    .innerJoin('activities as a', (j) =>
      j.onRef('a.collectivity_id', '=', 'b.collectivity_id').onRef('a.id', '=', 'b.activity_id'),
    )
    .select([
      'b.id',
      'b.child_id',
      'a.name as activity',
      'b.date',
      'b.status',
      'b.price_cents',
      'b.attendance',
      'b.walk_in',
      'b.absence',
      'b.absence_reason',
      'b.cancel_reason',
      'b.created_at',
    ])
    .where('b.collectivity_id', '=', c)
    .where('b.household_id', '=', h)
    .orderBy('b.date')
    .execute();
  const requests = await db
    .selectFrom('requests as r')
    .innerJoin('request_categories as k', (j) =>
      j.onRef('k.collectivity_id', '=', 'r.collectivity_id').onRef('k.id', '=', 'r.category_id'),
    )
    .select([
      'r.id',
      'k.title as category',
      'r.child_id',
      'r.status',
      'r.answers',
      'r.body',
      'r.decision_reason',
      'r.decided_at',
      'r.created_at',
    ])
    .where('r.collectivity_id', '=', c)
    .where('r.household_id', '=', h)
    .orderBy('r.created_at')
    .execute();
  const messages =
    requests.length === 0
      ? []
      : await db
          .selectFrom('request_messages')
          .select(['request_id', 'author_kind', 'body', 'created_at'])
          .where('collectivity_id', '=', c)
          .where(
            'request_id',
            'in',
            requests.map((r) => r.id),
          )
          .orderBy('created_at')
          .execute();
  const invoices = await db
    .selectFrom('invoices')
    .select([
      'id',
      'kind',
      'number',
      'period_from',
      'period_to',
      'issued_at',
      'due_date',
      'status',
      'total_cents',
      'currency',
      'paid_at',
    ])
    .where('collectivity_id', '=', c)
    .where('household_id', '=', h)
    .where('status', '!=', 'draft')
    .orderBy('created_at')
    .execute();
  const lines =
    invoices.length === 0
      ? []
      : await db
          .selectFrom('invoice_lines')
          .select(['invoice_id', 'label', 'quantity', 'unit_cents', 'total_cents', 'child_id', 'date', 'reason'])
          .where('collectivity_id', '=', c)
          .where(
            'invoice_id',
            'in',
            invoices.map((i) => i.id),
          )
          .execute();
  const payments = await db
    .selectFrom('payments')
    .select(['id', 'provider', 'purpose', 'invoice_id', 'status', 'amount_cents', 'currency', 'paid_at', 'created_at'])
    .where('collectivity_id', '=', c)
    .where('household_id', '=', h)
    .orderBy('created_at')
    .execute();
  const quotients = await db
    .selectFrom('family_quotients')
    .select(['applies_from', 'quotient', 'recorded_at'])
    .where('collectivity_id', '=', c)
    .where('household_id', '=', h)
    .orderBy('applies_from')
    .execute();
  const notes = await db
    .selectFrom('household_notes')
    .select(['body', 'created_at'])
    .where('collectivity_id', '=', c)
    .where('household_id', '=', h)
    .orderBy('created_at')
    .execute();
  const documents = await db
    .selectFrom('attachments')
    .select([
      'id',
      'request_id',
      'attachment_type',
      'filename',
      'content_type',
      'size_bytes',
      'sha256',
      'storage_key',
      'created_at',
    ])
    .where('collectivity_id', '=', c)
    .where('household_id', '=', h)
    .orderBy('created_at')
    .execute();

  const data = {
    exportedAt: exportedAt.toISOString(),
    household: {
      id: household.id,
      name: household.name,
      department: household.department,
      address: household.address,
      phone: household.phone,
      familyQuotient: household.family_quotient,
      resident: household.resident,
      externalId: household.external_id,
      createdAt: household.created_at,
      updatedAt: household.updated_at,
    },
    familyQuotients: quotients.map((q) => ({ appliesFrom: q.applies_from, quotient: q.quotient, recordedAt: q.recorded_at })),
    guardians: guardians.map((g) => {
      const account = accounts.find((a) => a.id === g.account_id);
      return {
        id: g.id,
        firstName: g.first_name,
        lastName: g.last_name,
        email: g.email,
        phoneMobile: g.phone_mobile,
        phoneHome: g.phone_home,
        phoneWork: g.phone_work,
        relationship: g.relationship,
        account: account
          ? {
              email: account.email,
              displayName: account.display_name,
              emailVerifiedAt: account.email_verified_at,
              disabledAt: account.disabled_at,
              createdAt: account.created_at,
            }
          : null,
      };
    }),
    children: children.map((child) => ({
      id: child.id,
      firstName: child.first_name,
      lastName: child.last_name,
      birthDate: child.birth_date,
      school: child.school,
      schoolClass: child.school_class,
      health: {
        allergies: child.allergies,
        healthNotes: child.health_notes,
        carePlan: child.care_plan,
        carePlanNotes: child.care_plan_notes,
      },
      authorisedPickups: child.authorised_pickups,
      enrolments: enrolments
        .filter((e) => e.child_id === child.id)
        .map((e) => ({
          activity: e.activity,
          from: e.from_date,
          to: e.to_date,
          school: e.school,
          schoolClass: e.school_class,
          endedAt: e.ended_at,
        })),
    })),
    bookings: bookings.map((b) => ({
      id: b.id,
      childId: b.child_id,
      activity: b.activity,
      date: b.date,
      status: b.status,
      priceCents: b.price_cents,
      attendance: b.attendance,
      walkIn: b.walk_in,
      absence: b.absence,
      absenceReason: b.absence_reason,
      cancelReason: b.cancel_reason,
      createdAt: b.created_at,
    })),
    requests: requests.map((r) => ({
      id: r.id,
      category: r.category,
      childId: r.child_id,
      status: r.status,
      answers: r.answers,
      body: r.body,
      decisionReason: r.decision_reason,
      decidedAt: r.decided_at,
      createdAt: r.created_at,
      messages: messages
        .filter((m) => m.request_id === r.id)
        .map((m) => ({ from: m.author_kind, body: m.body, at: m.created_at })),
    })),
    invoices: invoices.map((i) => ({
      id: i.id,
      kind: i.kind,
      number: i.number,
      periodFrom: i.period_from,
      periodTo: i.period_to,
      issuedAt: i.issued_at,
      dueDate: i.due_date,
      status: i.status,
      totalCents: i.total_cents,
      currency: i.currency,
      paidAt: i.paid_at,
      lines: lines
        .filter((l) => l.invoice_id === i.id)
        .map((l) => ({
          label: l.label,
          quantity: l.quantity,
          unitCents: l.unit_cents,
          totalCents: l.total_cents,
          childId: l.child_id,
          date: l.date,
          reason: l.reason,
        })),
    })),
    payments: payments.map((p) => ({
      id: p.id,
      provider: p.provider,
      purpose: p.purpose,
      invoiceId: p.invoice_id,
      status: p.status,
      amountCents: p.amount_cents,
      currency: p.currency,
      paidAt: p.paid_at,
      createdAt: p.created_at,
    })),
    notes: notes.map((n) => ({ body: n.body, at: n.created_at })),
    documents: documents.map((d) => ({
      id: d.id,
      requestId: d.request_id,
      type: d.attachment_type,
      filename: d.filename,
      path: documentPath(d),
      contentType: d.content_type,
      sizeBytes: d.size_bytes,
      sha256: d.sha256,
      uploadedAt: d.created_at,
    })),
  };
  return { data, documents };
}

/** A document's place in the archive: its id keeps two files of the same name apart. */
function documentPath(document: { id: string; filename: string }): string {
  return `documents/${document.id}-${document.filename.replace(/[/\\]/g, '_')}`;
}

/**
 * The household's archive, streamed: the JSON first, then each document read from storage one
 * at a time and stored as is (PDF, JPEG and PNG are compressed already), so memory holds at most
 * one document. Throttled per household; audited.
 */
export async function exportHousehold(
  deps: AppDeps,
  storage: AttachmentStorage,
  c: Context<AppEnv>,
  scope: Scope,
): Promise<Response> {
  const now = deps.clock.now();
  const admission = await rateLimit.reserve(
    deps.db,
    `export:${scope.householdId}`,
    { limit: EXPORTS_PER_HOUR, windowSeconds: 3600 },
    now,
  );
  if (!admission.admitted) {
    throw new ApiError(
      429,
      'too_many_requests',
      {
        fr: 'Vos données ont déjà été téléchargées plusieurs fois cette heure-ci : réessayez plus tard.',
        en: 'Your data was downloaded several times this hour: try again later.',
      },
      { headers: { 'Retry-After': String(admission.retryAfter) } },
    );
  }
  const { data, documents } = await householdExportData(deps.db, scope, now);
  await audit(deps.db, {
    collectivityId: scope.collectivityId,
    actorAccountId: scope.accountId,
    action: 'household.exported',
    objectType: 'household',
    objectId: scope.householdId,
    details: { documents: documents.length },
    at: now,
  });

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const zip = new Zip((error, chunk, final) => {
        if (error) return controller.error(error);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
      try {
        const json = new ZipDeflate(householdContract.EXPORT_DATA_FILE, { level: 6 });
        json.mtime = now;
        zip.add(json);
        json.push(new TextEncoder().encode(JSON.stringify(data, null, 2)), true);
        for (const document of documents) {
          const content = await storage.get(deps.db, { collectivityId: scope.collectivityId, key: document.storage_key });
          if (!content) throw new Error(`attachment ${document.id}: nothing stored under ${document.storage_key}`);
          const entry = new ZipPassThrough(documentPath(document));
          entry.mtime = new Date(document.created_at);
          zip.add(entry);
          entry.push(content, true);
        }
        zip.end();
      } catch (error) {
        deps.logger.error({ err: error, householdId: scope.householdId }, 'household export failed');
        controller.error(error);
      }
    },
  });
  return c.body(stream, 200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="foyer-export-${now.toISOString().slice(0, 10)}.zip"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
}
