import { attachments } from '@foyer/sdk/contract';
import type { AppDeps } from '../../deps.js';
import { type Route, route } from '../../lib/route.js';
import { agentScope, householdScope } from '../../lib/scope.js';
import { type AttachmentStorage, PostgresAttachmentStorage } from './attachment-storage.js';
import { downloadAttachment, PENDING_ATTACHMENTS_PER_HOUSEHOLD, receiveUpload } from './attachments.js';
import { megabytes } from './upload-limit.js';

export function attachmentRoutes(deps: AppDeps, storage: AttachmentStorage = new PostgresAttachmentStorage()): Route[] {
  const max = deps.config.attachmentMaxBytes;
  return [
    route(
      attachments.uploadAttachment,
      {
        summary: 'Upload a document for a request',
        description: [
          `\`multipart/form-data\` with the file in \`${attachments.UPLOAD_FILE_FIELD}\` and optionally its attachment type key in \`${attachments.UPLOAD_TYPE_FIELD}\`.`,
          `Accepted: PDF, JPEG and PNG, judged by the file's content (not its name or declared type), from 1 byte to ${max} bytes (${megabytes(max)}).`,
          `Refusals: 400 \`empty_file\`, \`malformed_multipart\`, \`file_missing\`, \`unknown_attachment_type\`; 413 \`file_too_large\`; 415 \`unsupported_file_type\`;`,
          `409 \`too_many_pending_attachments\` past ${PENDING_ATTACHMENTS_PER_HOUSEHOLD} documents not yet sent with a request.`,
          'Send the returned id in `attachmentIds` of a new request or of a reply.',
        ].join(' '),
        tags: ['Requests'],
        access: 'parent',
        upload: {
          fields: {
            [attachments.UPLOAD_FILE_FIELD]: {
              description: 'The document: PDF, JPEG or PNG.',
              binary: attachments.AttachmentContentType.options,
              required: true,
            },
            [attachments.UPLOAD_TYPE_FIELD]: { description: "The category's attachment type key, e.g. `identity`." },
          },
        },
      },
      async (_input, c) => receiveUpload(deps, storage, c, householdScope(c)),
    ),
    route(
      attachments.downloadAttachment,
      {
        summary: "Download one of my household's documents",
        description: 'Served as `Content-Disposition: attachment` with its real type and `X-Content-Type-Options: nosniff`.',
        tags: ['Requests'],
        access: 'parent',
        produces: attachments.AttachmentContentType.options,
      },
      async ({ params }, c) => {
        const scope = householdScope(c);
        return downloadAttachment(deps, storage, c, {
          collectivityId: scope.collectivityId,
          householdId: scope.householdId,
          attachmentId: params.id,
        });
      },
    ),
    route(
      attachments.adminDownloadAttachment,
      {
        summary: "Download a family's document",
        description: 'For agents processing requests; every download is written to the audit log.',
        tags: ['Agent: requests'],
        access: 'agent',
        produces: attachments.AttachmentContentType.options,
      },
      async ({ params }, c) => {
        const scope = agentScope(c);
        return downloadAttachment(deps, storage, c, {
          collectivityId: scope.collectivityId,
          agentAccountId: scope.accountId,
          attachmentId: params.id,
        });
      },
    ),
  ];
}
