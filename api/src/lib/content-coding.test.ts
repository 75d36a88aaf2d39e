import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, deflatedTail, gzipBytes, gzipWithTail } from './content-coding.js';

describe('acceptsGzip', () => {
  it.each([
    ['gzip, deflate, br, zstd', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['*', true],
    ['identity', false],
    ['gzip;q=0', false],
    ['gzip;q=0.0, *;q=1', false],
    ['br, *;q=0', false],
    ['x-gzip', true],
    ['', false],
    [undefined, false],
  ])('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe('gzipBytes', () => {
  it('gives back the same bytes once gunzipped', () => {
    const json = new TextEncoder().encode(JSON.stringify({ cells: Array.from({ length: 50 }, (_, i) => ({ i })) }));
    const gz = gzipBytes(json);
    expect(gz.length).toBeLessThan(json.length);
    expect(new Uint8Array(gunzipSync(gz))).toEqual(json);
  });
});

describe('gzipWithTail', () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  const tail = deflatedTail(
    encode(`"cells":${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ i, status: 'available' })))}}`),
  );

  it.each([
    ['a short head', '{"child":{"id":"c1","firstName":"Léa"},'],
    ['no head', ''],
    ['a head longer than a stored block', `{"pad":"${'é'.repeat(70_000)}",`],
  ])('gunzips to the head then the tail, with %s', (_, text) => {
    const head = encode(text);
    const gz = gzipWithTail(head, tail);
    expect(new Uint8Array(gunzipSync(gz))).toEqual(new Uint8Array([...head, ...tail.bytes]));
  });

  it('shares the tail: each answer costs its head, not the tail again', () => {
    const a = gzipWithTail(encode('{"child":"a",'), tail);
    const b = gzipWithTail(encode('{"child":"b",'), tail);
    expect(a.length).toBe(b.length);
    expect(a.length).toBeLessThan(tail.deflated.length + 40);
  });
});
