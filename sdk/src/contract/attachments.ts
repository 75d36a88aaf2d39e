import * as v from 'valibot';
import { CollectivityParams, Id, Instant } from './common.js';
import { endpoint } from './endpoint.js';

/**
 * The document types Foyer accepts. The server decides from the file's first bytes, never from
 * its name or the type the browser declared.
 */
export const AttachmentContentType = v.picklist(['application/pdf', 'image/jpeg', 'image/png']);
export type AttachmentContentType = v.InferOutput<typeof AttachmentContentType>;

/** The multipart field that carries the file. */
export const UPLOAD_FILE_FIELD = 'file';
/** The optional multipart field naming the document type (a category's attachment type key, e.g. `identity`). */
export const UPLOAD_TYPE_FIELD = 'type';

/** An attachment type key, as declared by a request category. */
export const AttachmentTypeKey = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a lowercase key (letters, digits, _)'),
);

/** An uploaded document (identity card, proof of address, medical certificate…). */
export const Attachment = v.object({
  id: Id,
  /** The name it was uploaded with, cleaned, with the extension of its real type. */
  filename: v.string(),
  contentType: AttachmentContentType,
  sizeBytes: v.number(),
  /** Hex SHA-256 of the content, to check a download against. */
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  /** The attachment type key given at upload, or null. */
  type: v.nullable(v.string()),
  createdAt: Instant,
});
export type Attachment = v.InferOutput<typeof Attachment>;

const AttachmentParams = v.strictObject({ c: CollectivityParams.entries.c, id: Id });

/**
 * Uploads a document as `multipart/form-data` with the file in the `file` field and optionally
 * its attachment type in `type`. There is no JSON body: the handler reads the multipart itself.
 * Then send its id in a request's `attachmentIds`.
 */
export const uploadAttachment = endpoint({
  method: 'POST',
  path: '/v1/collectivities/:c/attachments',
  params: CollectivityParams,
  response: Attachment,
  status: 201,
});

/** Downloads one of the household's documents (the bytes, as an attachment). */
export const downloadAttachment = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/attachments/:id',
  params: AttachmentParams,
  status: 200,
});

/** Downloads a document of any household of the collectivity, for agents; every download is audited. */
export const adminDownloadAttachment = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/admin/attachments/:id',
  params: AttachmentParams,
  status: 200,
  roles: ['admin', 'agent'],
});
