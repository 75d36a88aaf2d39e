export type { AttachmentDownload, AttachmentsNamespace, DownloadMethod, UploadParams } from './attachments.js';
export { type ClientOptions, createClient, type FoyerClient } from './client.js';
export { type ClientErrorCode, FoyerError, type FoyerErrorInit, FoyerNetworkError } from './errors.js';
export type { SessionEventListener, SessionEvents, SignOutReason } from './events.js';
export type { Bound, ListMethod, Method, MethodArgs, MethodParams, PaginatedEndpoint, PathKey } from './method.js';
export type { Page, PageItem, PageList } from './pagination.js';
export { type Backoff, exponentialBackoff, MAX_RETRY_AFTER_MS } from './retry.js';
export type { CallOptions, Fetch } from './sender.js';
export { memoryStore, type StorageOption, type TokenStore, webStorageStore } from './storage.js';
