import * as adminExports from '../contract/admin-exports.js';
import { dispositionFilename } from './attachments.js';
import type { FoyerClient } from './client.js';
import { FoyerNetworkError } from './errors.js';
import type { CallOptions } from './sender.js';

/** What an export brings, once downloaded. */
export interface ExportDownload {
  /** The CSV file (`text/csv`), to hand to `URL.createObjectURL`. */
  blob: Blob;
  /** The name the API gives it, e.g. `ville-de-demo-bookings-2026-09-01-2027-07-04.csv`. */
  filename: string;
  /** Lines of data (the column titles not counted). */
  rows: number;
  bytes: number;
}

/** How far a download is: the API streams without announcing a length, so bytes and rows so far. */
export interface ExportProgress {
  bytes: number;
  rows: number;
}

export type ExportKind = 'bookings' | 'attendance' | 'mealCounts';

/** Downloads an export of a period, reporting its progress as the stream arrives. */
export type ExportMethod = (
  period: { from: string; to: string },
  options?: CallOptions & { onProgress?: (progress: ExportProgress) => void },
) => Promise<ExportDownload>;

const ENDPOINTS = {
  bookings: adminExports.exportBookings,
  attendance: adminExports.exportAttendance,
  mealCounts: adminExports.exportMealCounts,
} as const;

const LINE_FEED = 0x0a;

/** The export method of one kind, reading the answer chunk by chunk to count what came. */
export function exporter(client: Pick<FoyerClient, 'exchange'>, kind: ExportKind): ExportMethod {
  return async (period, options = {}) => {
    const { onProgress, ...call } = options;
    const response = await client.exchange(ENDPOINTS[kind], { query: period }, call);
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    let lines = 0;
    try {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        chunks.push(next.value);
        bytes += next.value.length;
        for (const byte of next.value) if (byte === LINE_FEED) lines++;
        onProgress?.({ bytes, rows: Math.max(0, lines - 1) });
      }
    } catch (cause) {
      throw new FoyerNetworkError(cause);
    }
    return {
      blob: new Blob(chunks as BlobPart[], { type: adminExports.EXPORT_CONTENT_TYPE }),
      filename: dispositionFilename(response.headers.get('content-disposition')) ?? `${kind}.csv`,
      rows: Math.max(0, lines - 1),
      bytes,
    };
  };
}
