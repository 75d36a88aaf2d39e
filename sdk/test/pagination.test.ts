import { createClient, endpoint } from '@foyer/sdk';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { fakeFetch, json, type SeenRequest } from './fake-fetch.js';

// No endpoint is paginated yet: this one has the cursor contract that paginated lists will follow.
const Booking = v.object({ id: v.string(), date: v.string() });
const listBookings = endpoint({
  method: 'GET',
  path: '/v1/collectivities/:c/bookings',
  params: v.strictObject({ c: v.string() }),
  query: v.strictObject({ child: v.optional(v.string()), cursor: v.optional(v.string()), limit: v.optional(v.number()) }),
  response: v.object({ items: v.array(Booking), nextCursor: v.nullable(v.string()) }),
});

const bookings = Array.from({ length: 7 }, (_, i) => ({ id: `b${i}`, date: `2026-12-0${i + 1}` }));

/** Serves `bookings` three at a time; the cursor is the index of the next item. */
function pagedApi() {
  return fakeFetch((request: SeenRequest) => {
    const url = new URL(request.url);
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const end = start + 3;
    return json(200, { items: bookings.slice(start, end), nextCursor: end < bookings.length ? String(end) : null });
  });
}

const clientWith = (fetch: ReturnType<typeof pagedApi>) =>
  createClient({ baseUrl: 'https://api.foyer.test', collectivity: 'ville-de-demo', fetch });

describe('paginated lists', () => {
  it('resolves to the first page', async () => {
    const fetch = pagedApi();
    const page = await clientWith(fetch).listMethod(listBookings)({ child: 'c1' });
    expect(page).toEqual({ items: bookings.slice(0, 3), nextCursor: '3' });
    expect(fetch.requests.map((r) => r.url)).toEqual([
      'https://api.foyer.test/v1/collectivities/ville-de-demo/bookings?child=c1',
    ]);
  });

  it('iterates over every item of every page, keeping the query', async () => {
    const fetch = pagedApi();
    const seen: string[] = [];
    for await (const booking of clientWith(fetch).listMethod(listBookings)({ child: 'c1' })) seen.push(booking.id);
    expect(seen).toEqual(bookings.map((b) => b.id));
    expect(fetch.requests.map((r) => new URL(r.url).search)).toEqual(['?child=c1', '?child=c1&cursor=3', '?child=c1&cursor=6']);
  });

  it('fetches no further page than the loop reaches', async () => {
    const fetch = pagedApi();
    for await (const booking of clientWith(fetch).listMethod(listBookings)()) {
      if (booking.id === 'b1') break;
    }
    expect(fetch.requests).toHaveLength(1);
  });

  it('collects items into an array up to a limit', async () => {
    const fetch = pagedApi();
    const list = clientWith(fetch).listMethod(listBookings);
    expect((await list().toArray({ limit: 4 })).map((b) => b.id)).toEqual(['b0', 'b1', 'b2', 'b3']);
    expect(await list().toArray({ limit: 100 })).toEqual(bookings);
  });
});
