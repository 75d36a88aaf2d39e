import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, gzipBytes } from './content-coding.js';

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
