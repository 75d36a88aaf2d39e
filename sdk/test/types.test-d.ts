import {
  type adminHouseholds,
  type auth,
  type CallOptions,
  type collectivity,
  createClient,
  endpoint,
  FoyerError,
  household,
  type me,
  type Page,
  type PageList,
} from '@foyer/sdk';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';

// Checked by `tsc -p sdk/test` (see typecheck.test.ts): a response type that drifts from its
// schema, or a method that accepts what the schema refuses, fails the SDK suite.

const client = createClient({ baseUrl: 'https://api.foyer.test', collectivity: 'ville-de-demo' });

describe('responses are the output types of the contract schemas', () => {
  it('types every namespace method from its endpoint', () => {
    expectTypeOf(client.me.get()).resolves.toEqualTypeOf<v.InferOutput<typeof me.Me>>();
    expectTypeOf(client.collectivity.get()).resolves.toEqualTypeOf<v.InferOutput<typeof collectivity.CollectivityInfo>>();
    expectTypeOf(client.household.get()).resolves.toEqualTypeOf<household.Household>();
    expectTypeOf(client.children.list()).resolves.toEqualTypeOf<{ children: household.Child[] }>();
    expectTypeOf(client.children.get('id')).resolves.toEqualTypeOf<household.Child>();
    expectTypeOf(client.auth.getInvitation('token')).resolves.toEqualTypeOf<v.InferOutput<typeof auth.Invitation>>();
    expectTypeOf(client.auth.resetPassword.request({ email: 'a@example.org' })).resolves.toEqualTypeOf<undefined>();
    expectTypeOf(client.auth.login({ email: 'a@example.org', password: 'p' })).resolves.toEqualTypeOf<void>();
    expectTypeOf(client.auth.resume()).resolves.toEqualTypeOf<boolean>();
  });

  it('gives the stripe-style positional shape', () => {
    expectTypeOf(client.children.get).parameters.toEqualTypeOf<[id: string, options?: CallOptions]>();
    expectTypeOf(client.me.get).parameters.toEqualTypeOf<[options?: CallOptions]>();
    expectTypeOf(client.admin.households.create)
      .parameter(0)
      .toEqualTypeOf<v.InferInput<typeof adminHouseholds.CreateHouseholdBody>>();
  });
});

describe('inputs are the input types of the contract schemas', () => {
  it('refuses what the schemas refuse', () => {
    // @ts-expect-error the password is required
    client.auth.login({ email: 'a@example.org' });
    // @ts-expect-error an unknown field
    client.auth.login({ email: 'a@example.org', password: 'p', remember: true });
    // @ts-expect-error the id is a string
    client.children.get(42);
    // @ts-expect-error the id is required
    client.children.get();
    // @ts-expect-error the body is required
    client.admin.households.create();
    // @ts-expect-error the guardian's email is required
    client.admin.households.create({ name: 'Famille', guardian: { firstName: 'A', lastName: 'B' } });
    // @ts-expect-error an endpoint without a body takes no params
    client.me.get({ email: 'a@example.org' });
    // @ts-expect-error only the known options
    client.me.get({ collectivty: 'typo' });
  });

  it('accepts optional fields left out, and the options last', () => {
    client.auth.resetPassword.request({ email: 'a@example.org' }, { signal: new AbortController().signal });
    client.children.get('id', { collectivity: 'saint-exemple', maxRetries: 0 });
  });
});

describe('bound endpoints and pagination', () => {
  const listBookings = endpoint({
    method: 'GET',
    path: '/v1/collectivities/:c/children/:id/bookings',
    params: {} as v.StrictObjectSchema<{ c: v.StringSchema<undefined>; id: v.StringSchema<undefined> }, undefined>,
    query: {} as v.StrictObjectSchema<{ cursor: v.OptionalSchema<v.StringSchema<undefined>, undefined> }, undefined>,
    response: {} as v.GenericSchema<Page<{ id: string; date: string }>>,
  });

  it('binds any endpoint, ids first, and lists as a promise of a page that iterates over items', () => {
    const list = client.listMethod(listBookings, 'id');
    expectTypeOf(list).parameters.toEqualTypeOf<[id: string, params?: { cursor?: string | undefined }, options?: CallOptions]>();
    expectTypeOf(list('child')).toEqualTypeOf<PageList<{ id: string; date: string }>>();
    expectTypeOf(list('child')).resolves.toEqualTypeOf<Page<{ id: string; date: string }>>();
    expectTypeOf(list('child')).toExtend<AsyncIterable<{ id: string; date: string }>>();
    expectTypeOf(client.method(household.getChild, 'id')).toEqualTypeOf(client.children.get);
    // @ts-expect-error `c` is filled by the client, never by position
    client.method(household.getChild, 'c');
    // @ts-expect-error every other path parameter is named
    client.method(household.getChild)();
    // @ts-expect-error a list method needs a paginated endpoint
    client.listMethod(household.listChildren);
  });
});

describe('errors', () => {
  it('exposes the problem fields', () => {
    const error = new FoyerError({ status: 400, code: 'validation_failed', title: 'Bad Request' });
    expectTypeOf(error.errors).toEqualTypeOf<{ path: string; message: string }[]>();
    expectTypeOf(error.retryAfter).toEqualTypeOf<number | undefined>();
    expectTypeOf(error.code).toExtend<string>();
  });
});
