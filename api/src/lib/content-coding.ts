import { promisify } from 'node:util';
import { crc32, deflateRawSync, gzip, gzipSync } from 'node:zlib';

/**
 * True when the client takes gzip (RFC 9110 §12.5.3): `gzip` or `*` listed without `q=0`.
 * Browsers always send it; a client that does not gets the identity bytes.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    const value = Number.isNaN(weight) ? 0 : weight;
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') gzip = value;
    else if (name.trim() === '*') any = value;
  }
  return (gzip ?? any ?? 0) > 0;
}

/** Gzip at a level that costs little CPU for JSON (compressed once, then served from memory). */
export function gzipBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = gzipSync(bytes, { level: 4 });
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}

const gzipAsync = promisify(gzip);

/**
 * `gzipBytes` on libuv's thread pool: a calendar of a child with bookings of their own is
 * compressed there (half a millisecond for 46 kB), not on the thread that answers every request.
 */
export async function gzipBytesOffThread(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const out = await gzipAsync(bytes, { level: 4 });
  return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}

/** Bytes compressed once, to end many gzip answers that differ only in what comes before them. */
export interface DeflatedTail {
  bytes: Uint8Array;
  /** `bytes` as one raw deflate stream (RFC 1951), its last block final. */
  deflated: Uint8Array;
}

export function deflatedTail(bytes: Uint8Array): DeflatedTail {
  return { bytes, deflated: deflateRawSync(bytes, { level: 4 }) };
}

/** Largest stored deflate block (RFC 1951 §3.2.4: LEN is 16 bits). */
const MAX_STORED = 0xffff;

/**
 * The gzip of `head` followed by `tail.bytes`, without compressing the tail again: `head` goes
 * in stored (uncompressed, non-final) deflate blocks, which end on a byte boundary, and the
 * tail's own deflate stream follows (its back-references stay within itself). The trailer's
 * CRC-32 and size cover both (RFC 1952). Children's calendars that differ only in a short head
 * (who the child is) then share the compression of their cells.
 */
export function gzipWithTail(head: Uint8Array, tail: DeflatedTail): Uint8Array<ArrayBuffer> {
  const stored: Uint8Array[] = [];
  for (let start = 0; start < head.length; start += MAX_STORED) stored.push(head.subarray(start, start + MAX_STORED));
  const out = new Uint8Array(10 + stored.length * 5 + head.length + tail.deflated.length + 8);
  // Header: magic, deflate, no flags, no time, no extra flags, unknown OS.
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  let at = 10;
  for (const part of stored) {
    // BFINAL 0, BTYPE 00 (stored), padded to the byte; then LEN and its one's complement.
    const n = part.length;
    out.set([0, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff], at);
    out.set(part, at + 5);
    at += 5 + n;
  }
  out.set(tail.deflated, at);
  at += tail.deflated.length;
  const view = new DataView(out.buffer);
  view.setUint32(at, crc32(tail.bytes, crc32(head)), true);
  view.setUint32(at + 4, (head.length + tail.bytes.length) >>> 0, true);
  return out;
}
