import { gzipSync } from 'node:zlib';

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
