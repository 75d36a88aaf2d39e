import { createHash, randomUUID } from 'node:crypto';
import { attachments, type ErrorCode } from '@foyer/sdk/contract';
import type { Context } from 'hono';
import type { Kysely, Selectable } from 'kysely';
import * as v from 'valibot';
import type { Db } from '../../db/database.js';
import type { AttachmentsTable, Database } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { ApiError, notFound } from '../../lib/api-error.js';
import type { AppEnv } from '../../lib/app-env.js';
import type { AttachmentStorage } from './attachment-storage.js';
import { attachmentDisposition, cleanFilename, sniffContentType } from './content-type.js';
import { fileTooLargeDetail, megabytes } from './upload-limit.js';

/** Uploads not yet sent with a request, per household: enough for any form, not a free file store. */
export const PENDING_ATTACHMENTS_PER_HOUSEHOLD = 20;

/**
 * Refuses an upload that would take a household's stored documents past `quota` bytes: without
 * it, one account could fill the town's database. Called under the household's row lock, so
 * concurrent uploads cannot pass it together.
 */
async function checkHouseholdQuota(
  trx: Db,
  scope: { collectivityId: string; householdId: string },
  adding: number,
  quota: number,
): Promise<void> {
  const { used } = await trx
    .selectFrom('attachments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('size_bytes'), eb.val('0')).as('used'))
    .where('collectivity_id', '=', scope.collectivityId)
    .where('household_id', '=', scope.householdId)
    .executeTakeFirstOrThrow();
  if (Number(used) + adding > quota) {
    throw new ApiError(
      413,
      'attachment_quota_exceeded',
      `Your household's documents would take more than ${megabytes(quota)}, the most the town keeps per household: contact the town hall.`,
    );
  }
}

type AttachmentRow = Pick<
  Selectable<AttachmentsTable>,
  'id' | 'filename' | 'content_type' | 'size_bytes' | 'sha256' | 'attachment_type' | 'created_at'
>;

/** An attachment row as the contract shows it. */
export function toAttachment(row: AttachmentRow): attachments.Attachment {
  return {
    id: row.id,
    filename: row.filename,
    contentType: v.parse(attachments.AttachmentContentType, row.content_type),
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    type: row.attachment_type,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The fields of an uploaded attachment row the contract shows. */
export const ATTACHMENT_COLUMNS = [
  'id',
  'filename',
  'content_type',
  'size_bytes',
  'sha256',
  'attachment_type',
  'created_at',
] as const satisfies readonly (keyof AttachmentRow)[];

function invalid(code: ErrorCode, detail: string, field: string): ApiError {
  return new ApiError(400, code, detail, { errors: [{ path: field, message: detail }] });
}

/** The one file of the multipart body and its optional type, or a 4xx explaining what is wrong. */
async function readUpload(c: Context<AppEnv>): Promise<{ file: File; type: string | null }> {
  const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'multipart/form-data') {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Send the document as multipart/form-data, in the field "${attachments.UPLOAD_FILE_FIELD}".`,
    );
  }
  let form: Record<string, unknown>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch (cause) {
    throw new ApiError(400, 'malformed_multipart', 'The multipart body is incomplete or malformed: send the file again.', {
      cause,
    });
  }
  const file = form[attachments.UPLOAD_FILE_FIELD];
  if (Array.isArray(file)) throw invalid('too_many_files', 'Send one file per upload.', attachments.UPLOAD_FILE_FIELD);
  if (!(file instanceof File)) {
    throw invalid('file_missing', `No file in the field "${attachments.UPLOAD_FILE_FIELD}".`, attachments.UPLOAD_FILE_FIELD);
  }
  const type = form[attachments.UPLOAD_TYPE_FIELD];
  if (type === undefined || type === '') return { file, type: null };
  if (typeof type !== 'string' || !v.is(attachments.AttachmentTypeKey, type)) {
    throw invalid('invalid_attachment_type', 'The document type must be one attachment type key.', attachments.UPLOAD_TYPE_FIELD);
  }
  return { file, type };
}

/** The attachment type keys the collectivity's categories ask for. */
async function knownAttachmentTypes(db: Kysely<Database>, collectivityId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('request_categories')
    .select('attachment_types')
    .where('collectivity_id', '=', collectivityId)
    .where('archived_at', 'is', null)
    .execute();
  return new Set(rows.flatMap((row) => row.attachment_types.map((t) => t.key)));
}

/**
 * Receives a parent's upload: one PDF, JPEG or PNG (judged by its bytes), not empty and within
 * the size limit, stored with its SHA-256 in one transaction with its description. Anything
 * refused leaves nothing stored.
 */
export async function receiveUpload(
  deps: AppDeps,
  storage: AttachmentStorage,
  c: Context<AppEnv>,
  scope: { collectivityId: string; householdId: string; accountId: string },
): Promise<attachments.Attachment> {
  const { file, type } = await readUpload(c);
  const max = deps.config.attachmentMaxBytes;
  if (file.size === 0) throw invalid('empty_file', 'The file is empty.', attachments.UPLOAD_FILE_FIELD);
  if (file.size > max) throw new ApiError(413, 'file_too_large', fileTooLargeDetail(max));
  if (type !== null && !(await knownAttachmentTypes(deps.db, scope.collectivityId)).has(type)) {
    throw invalid(
      'unknown_attachment_type',
      `No request category asks for documents of type "${type}".`,
      attachments.UPLOAD_TYPE_FIELD,
    );
  }
  const content = new Uint8Array(await file.arrayBuffer());
  const contentType = sniffContentType(content);
  if (!contentType) {
    throw new ApiError(
      415,
      'unsupported_file_type',
      {
        fr: `Seuls les documents PDF, JPEG et PNG jusqu’à ${megabytes(max)} sont acceptés, et ce fichier n’en est pas un (son contenu a été vérifié, pas son nom ni son type déclaré).`,
        en: `Only PDF, JPEG and PNG documents up to ${megabytes(max)} are accepted, and this file is none of them (its content was checked, not its name or declared type).`,
      },
      { errors: [{ path: attachments.UPLOAD_FILE_FIELD, message: 'is not a PDF, JPEG or PNG document' }] },
    );
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  return deps.db.transaction().execute(async (trx) => {
    // The household row serialises its uploads, so the quota holds under concurrent ones.
    await trx
      .selectFrom('households')
      .select('id')
      .where('collectivity_id', '=', scope.collectivityId)
      .where('id', '=', scope.householdId)
      .forUpdate()
      .executeTakeFirstOrThrow(() => notFound('household'));
    const { pending } = await trx
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll<number>().as('pending'))
      .where('collectivity_id', '=', scope.collectivityId)
      .where('household_id', '=', scope.householdId)
      .where('request_id', 'is', null)
      .executeTakeFirstOrThrow();
    await checkHouseholdQuota(trx, scope, content.byteLength, deps.config.attachmentQuotaBytes);
    if (Number(pending) >= PENDING_ATTACHMENTS_PER_HOUSEHOLD) {
      throw new ApiError(
        409,
        'too_many_pending_attachments',
        `You already have ${PENDING_ATTACHMENTS_PER_HOUSEHOLD} documents not sent with a request: send them with a request first.`,
      );
    }
    const key = `${scope.householdId}/${randomUUID()}`;
    await storage.put(trx, { collectivityId: scope.collectivityId, key, content });
    const row = await trx
      .insertInto('attachments')
      .values({
        collectivity_id: scope.collectivityId,
        household_id: scope.householdId,
        uploaded_by: scope.accountId,
        attachment_type: type,
        filename: cleanFilename(file.name, contentType),
        content_type: contentType,
        size_bytes: content.byteLength,
        sha256,
        storage_key: key,
        created_at: deps.clock.now(),
      })
      .returning(ATTACHMENT_COLUMNS)
      .executeTakeFirstOrThrow();
    return toAttachment(row);
  });
}

/**
 * The bytes of an attachment as a download: never shown inline, with the type judged at upload
 * and `nosniff`, so that a browser cannot be talked into running it as a page.
 * `householdId` narrows to one household (parents); agents see the whole collectivity, and each of
 * their downloads is written to the audit log (identity documents, medical certificates).
 */
export async function downloadAttachment(
  deps: AppDeps,
  storage: AttachmentStorage,
  c: Context<AppEnv>,
  input: { collectivityId: string; attachmentId: string } & ({ householdId: string } | { agentAccountId: string }),
): Promise<Response> {
  let query = deps.db
    .selectFrom('attachments')
    .select(['id', 'household_id', 'request_id', 'attachment_type', 'filename', 'content_type', 'storage_key'])
    .where('collectivity_id', '=', input.collectivityId)
    .where('id', '=', input.attachmentId);
  if ('householdId' in input) query = query.where('household_id', '=', input.householdId);
  const row = await query.executeTakeFirstOrThrow(() => notFound('attachment'));
  const content = await storage.get(deps.db, { collectivityId: input.collectivityId, key: row.storage_key });
  if (!content) throw new Error(`attachment ${row.id}: nothing stored under ${row.storage_key}`);
  if ('agentAccountId' in input) {
    await deps.db
      .insertInto('audit_log')
      .values({
        collectivity_id: input.collectivityId,
        actor_account_id: input.agentAccountId,
        at: deps.clock.now(),
        action: 'attachment.read',
        object_type: 'attachment',
        object_id: row.id,
        details: JSON.stringify({ householdId: row.household_id, requestId: row.request_id, type: row.attachment_type }),
      })
      .execute();
  }
  return c.body(content as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': row.content_type,
    'Content-Length': String(content.byteLength),
    'Content-Disposition': attachmentDisposition(row.filename),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  });
}
