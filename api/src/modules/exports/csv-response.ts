import { csvLine, UTF8_BOM } from '../../lib/csv.js';
import type { Logger } from '../../lib/logger.js';

/**
 * A CSV file answered as it is read: the header line, then each batch of lines (a day) as
 * the database gives it. The stream pulls the next batch only when the client has taken the
 * previous one, so a slow download holds one batch in memory, never the whole period.
 * A failure after the first bytes cannot become a problem answer any more: the stream is cut,
 * and the client sees an incomplete download.
 */
export function csvResponse(input: {
  filename: string;
  header: readonly string[];
  lines: AsyncIterable<readonly string[][]>;
  logger: Logger;
}): Response {
  const encoder = new TextEncoder();
  const batches = input.lines[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(UTF8_BOM + csvLine(input.header)));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) {
          controller.close();
          return;
        }
        let chunk = '';
        for (const fields of next.value) chunk += csvLine(fields);
        controller.enqueue(encoder.encode(chunk));
      } catch (err) {
        input.logger.error({ err, filename: input.filename }, 'export cut short');
        controller.error(err);
      }
    },
    async cancel() {
      await batches.return?.();
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${input.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
