import { describe, expect, it } from 'vitest';
import { ByteBoundedCache } from './byte-bounded-cache.js';

describe('ByteBoundedCache', () => {
  it('forgets the oldest entries to stay within its bytes', () => {
    const cache = new ByteBoundedCache<string>(100);
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    cache.set('c', 'C', 40);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('B');
    expect(cache.get('c')).toBe('C');
    expect(cache.bytes).toBe(80);
  });

  it('counts a replaced entry once, and makes it the newest', () => {
    const cache = new ByteBoundedCache<string>(100);
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    cache.set('a', 'A2', 50);
    expect(cache.bytes).toBe(90);
    cache.set('c', 'C', 20);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A2');
    expect(cache.size).toBe(2);
  });

  it('keeps nothing larger than its whole bound', () => {
    const cache = new ByteBoundedCache<string>(100);
    cache.set('a', 'A', 40);
    cache.set('huge', 'H', 101);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
  });
});
