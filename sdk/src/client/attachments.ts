import * as attachments from '../contract/attachments.js';
import type { Endpoint } from '../contract/endpoint.js';
import * as household from '../contract/household.js';
import { FoyerNetworkError } from './errors.js';
import type { CallOptions, Exchange, Send } from './sender.js';

/** What {@link AttachmentsNamespace.upload} takes beside the file. */
export interface UploadParams {
  /**
   * The name to upload the file under; by default a `File`'s own name, `document` for a bare
   * `Blob`. The API cleans it and gives it the extension of the file's real type.
   */
  filename?: string;
  /** The attachment type key a request category asks for (`identity`, `proof_of_address`…). */
  type?: string;
  /**
   * Called with `0` when the upload starts and `1` once the API has stored the document. Nothing
   * in between: `fetch` does not report upload progress, so show an indeterminate indicator.
   * Not called with `1` when the upload fails (the promise rejects).
   */
  onProgress?: (fraction: number) => void;
}

/** A downloaded document. */
export interface AttachmentDownload {
  /** The bytes, typed with `contentType` (hand it to `URL.createObjectURL` to offer it). */
  blob: Blob;
  /** The name the API gives it (`Content-Disposition`), accents included. */
  filename: string;
  /** The real type the API judged at upload: `application/pdf`, `image/jpeg` or `image/png`. */
  contentType: string;
}

/** Downloads a document by id. */
export type DownloadMethod = (id: string, options?: CallOptions) => Promise<AttachmentDownload>;

/** Documents sent with requests: identity cards, proofs of address, medical certificates. */
export interface AttachmentsNamespace {
  /**
   * Uploads a document (PDF, JPEG or PNG, judged by its content, not its name) as
   * `multipart/form-data`; send the returned id in a request's `attachmentIds`. Refusals reject
   * with the API's code: `unsupported_file_type` (415), `file_too_large` (413), `empty_file`,
   * `unknown_attachment_type`, `too_many_pending_attachments`. Never retried automatically.
   */
  upload(file: Blob, params?: UploadParams, options?: CallOptions): Promise<attachments.Attachment>;
  /** Downloads one of the household's documents. */
  download: DownloadMethod;
}

/**
 * The file name of a `Content-Disposition` value: the UTF-8 `filename*` (RFC 6266) when there is
 * one, else the plain `filename`.
 */
export function dispositionFilename(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*utf-8''([^;\s]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed encoding: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(disposition);
  return plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
}

/**
 * A method that downloads a file from `endpoint` (a document, an export), named by its path
 * parameter `key` (`id` by default).
 */
export function downloader(exchange: Exchange, endpoint: Endpoint, key = 'id'): DownloadMethod {
  return async (value, options) => {
    const response = await exchange(
      endpoint,
      { params: { [key]: value } },
      { ...options, headers: { accept: '*/*', ...options?.headers } },
    );
    let blob: Blob;
    try {
      blob = await response.blob();
    } catch (cause) {
      throw new FoyerNetworkError(cause);
    }
    return {
      blob,
      filename: dispositionFilename(response.headers.get('content-disposition')) ?? 'document',
      contentType: response.headers.get('content-type') ?? blob.type,
    };
  };
}

/** Downloads the household's data archive (`household.exportHousehold`). */
export function exportDownloader(exchange: Exchange): (options?: CallOptions) => Promise<AttachmentDownload> {
  return async (options) => {
    const response = await exchange(
      household.exportHousehold,
      {},
      { ...options, headers: { accept: 'application/zip, */*', ...options?.headers } },
    );
    let blob: Blob;
    try {
      blob = await response.blob();
    } catch (cause) {
      throw new FoyerNetworkError(cause);
    }
    return {
      blob,
      filename: dispositionFilename(response.headers.get('content-disposition')) ?? 'foyer-export.zip',
      contentType: response.headers.get('content-type') ?? 'application/zip',
    };
  };
}

export function attachmentsNamespace(send: Send, exchange: Exchange): AttachmentsNamespace {
  return {
    async upload(file, params = {}, options) {
      const form = new FormData();
      form.append(attachments.UPLOAD_FILE_FIELD, file, params.filename || (file as Partial<File>).name || 'document');
      if (params.type) form.append(attachments.UPLOAD_TYPE_FIELD, params.type);
      params.onProgress?.(0);
      const attachment = await send(attachments.uploadAttachment, { form }, options);
      params.onProgress?.(1);
      return attachment;
    },
    download: downloader(exchange, attachments.downloadAttachment),
  };
}
