import { attachments } from '@foyer/sdk/contract';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Config } from '../../config.js';
import type { AppEnv } from '../../lib/app-env.js';
import { problemResponse } from '../../lib/problem.js';
import type { LocalText } from '../../lib/problem-texts.js';

/** The upload route, which the app's JSON body limit leaves to {@link attachmentBodyLimit}. */
export const ATTACHMENT_UPLOAD_PATH = attachments.uploadAttachment.path;

/** Room around the file for the multipart boundaries, part headers and the `type` field. */
const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

/** "10 Mo": sizes as French users read them. */
export function megabytes(bytes: number): string {
  const value = bytes / (1024 * 1024);
  return `${Number.isInteger(value) ? value : value.toFixed(1)} Mo`;
}

/** The problem of a file over the limit, the same whether the body or the file was measured. */
export function fileTooLargeDetail(maxBytes: number): LocalText {
  return {
    fr: `Le fichier dépasse la taille maximale d’une pièce jointe (${megabytes(maxBytes)}).`,
    en: `The file is larger than the ${maxBytes} bytes (${megabytes(maxBytes)}) an attachment may have.`,
  };
}

/**
 * The body limit of uploads: the attachment maximum plus the multipart envelope, stopping a
 * larger body before it is read to the end.
 */
export function attachmentBodyLimit(config: Pick<Config, 'attachmentMaxBytes'>): MiddlewareHandler<AppEnv> {
  return bodyLimit({
    maxSize: config.attachmentMaxBytes + MULTIPART_ENVELOPE_BYTES,
    onError: (c) => problemResponse(c, 413, 'file_too_large', fileTooLargeDetail(config.attachmentMaxBytes)),
  });
}
