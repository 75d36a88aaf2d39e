import {
  type AttachmentDownload,
  type adminBookings,
  type adminHouseholds,
  type adminRequests,
  type attachments,
  type auth,
  type bookings,
  type CallOptions,
  type calendar,
  type cart,
  type catalog,
  type collectivity,
  createClient,
  endpoint,
  FoyerError,
  household,
  type me,
  type Page,
  type PageList,
  type payments,
  type profile,
  type requests,
  type UploadParams,
} from '@foyer/sdk';
import type * as v from 'valibot';
import { describe, expectTypeOf, it } from 'vitest';
import { withAdmin } from '../src/client/admin.js';

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

  it('types the booking-engine namespaces from their endpoints', () => {
    const period = { from: '2027-01-01', to: '2027-01-31' };
    expectTypeOf(client.services.list()).resolves.toEqualTypeOf<{ services: catalog.Service[] }>();
    expectTypeOf(client.calendar.get('child', period)).resolves.toEqualTypeOf<calendar.Calendar>();
    expectTypeOf(client.cart.get()).resolves.toEqualTypeOf<cart.Cart>();
    expectTypeOf(client.cart.addLines({ lines: [] })).resolves.toEqualTypeOf<v.InferOutput<typeof cart.CartChange>>();
    expectTypeOf(client.cart.removeLine('line')).resolves.toEqualTypeOf<cart.Cart>();
    expectTypeOf(client.cart.empty()).resolves.toEqualTypeOf<cart.Cart>();
    expectTypeOf(client.cart.checkout()).resolves.toEqualTypeOf<cart.Checkout>();
    expectTypeOf(client.bookings.list(period)).resolves.toEqualTypeOf<{ bookings: bookings.Booking[] }>();
    expectTypeOf(client.payments.get('payment')).resolves.toEqualTypeOf<payments.Payment>();
    expectTypeOf(withAdmin(client).admin.lateCancellations.list()).resolves.toEqualTypeOf<{
      lateCancellations: v.InferOutput<typeof adminBookings.LateCancellation>[];
    }>();
    expectTypeOf(
      withAdmin(client).admin.lateCancellations.decide('booking', { decision: 'accept', refund: true }),
    ).resolves.toEqualTypeOf<{
      bookingId: string;
      status: string;
      creditNoteId: string | null;
    }>();
    expectTypeOf(withAdmin(client).admin.dayList.get({ date: '2026-11-27' })).resolves.toEqualTypeOf<{
      date: string;
      entries: v.InferOutput<typeof adminBookings.DayListEntry>[];
    }>();
  });

  it('keeps the fields a booking page branches on', () => {
    type Checkout = Awaited<ReturnType<typeof client.cart.checkout>>;
    expectTypeOf<Checkout['status']>().toEqualTypeOf<'confirmed' | 'payment_required'>();
    expectTypeOf<Checkout['payment']>().toEqualTypeOf<{
      id: string;
      url: string;
      amountCents: number;
      expiresAt: string;
    } | null>();
    expectTypeOf<Checkout['lines'][number]['outcome']>().toEqualTypeOf<
      'booked' | 'pending_payment' | 'waitlisted' | 'cancelled' | 'cancel_requested' | 'refused'
    >();
    type Cell = Awaited<ReturnType<typeof client.calendar.get>>['cells'][number];
    expectTypeOf<Cell['status']>().toEqualTypeOf<
      | 'closed'
      | 'not_enrolled'
      | 'available'
      | 'full'
      | 'booked'
      | 'pending_payment'
      | 'waitlisted'
      | 'cancel_requested'
      | 'cancelled'
    >();
    expectTypeOf<Cell['pending']>().toEqualTypeOf<{ lineId: string; action: 'book' | 'cancel' } | null>();
    expectTypeOf<Awaited<ReturnType<typeof client.cart.get>>['summary'][number]['text']>().toEqualTypeOf<string>();
  });

  it('gives the stripe-style positional shape', () => {
    expectTypeOf(client.children.get).parameters.toEqualTypeOf<[id: string, options?: CallOptions]>();
    expectTypeOf(client.me.get).parameters.toEqualTypeOf<[options?: CallOptions]>();
    expectTypeOf(withAdmin(client).admin.households.create)
      .parameter(0)
      .toEqualTypeOf<v.InferInput<typeof adminHouseholds.CreateHouseholdBody>>();
    expectTypeOf(client.calendar.get).parameters.toEqualTypeOf<
      [id: string, params: { from: string; to: string; service?: string | undefined }, options?: CallOptions]
    >();
    expectTypeOf(client.cart.removeLine).parameters.toEqualTypeOf<[id: string, options?: CallOptions]>();
    expectTypeOf(client.cart.checkout).parameters.toEqualTypeOf<
      [params?: { returnUrl?: string | undefined }, options?: CallOptions]
    >();
    expectTypeOf(withAdmin(client).admin.lateCancellations.decide)
      .parameter(1)
      .toEqualTypeOf<v.InferInput<typeof adminBookings.LateCancellationDecision>>();
  });
});

describe('requests, documents and the family profile', () => {
  type Detail = v.InferOutput<typeof requests.RequestDetail>;
  type AdminDetail = v.InferOutput<typeof adminRequests.AdminRequestDetail>;
  type AdminCategory = v.InferOutput<typeof adminRequests.AdminRequestCategory>;
  const newRequest = { categoryId: 'cat', answers: { subject: 'Cantine' } };

  it('types the parents’ namespaces from their endpoints', () => {
    expectTypeOf(client.requestCategories.list()).resolves.toEqualTypeOf<{ categories: requests.RequestCategory[] }>();
    expectTypeOf(client.requests.list()).toEqualTypeOf<PageList<requests.RequestSummary>>();
    expectTypeOf(client.requests.list()).resolves.toEqualTypeOf<Page<requests.RequestSummary>>();
    expectTypeOf(client.requests.list({ status: 'submitted' })).toExtend<AsyncIterable<requests.RequestSummary>>();
    expectTypeOf(client.requests.get('id')).resolves.toEqualTypeOf<requests.RequestDetail>();
    expectTypeOf(client.requests.create(newRequest)).resolves.toEqualTypeOf<Detail>();
    expectTypeOf(client.requests.reply('id', { body: 'Merci' })).resolves.toEqualTypeOf<Detail>();
    expectTypeOf(client.attachments.upload(new Blob())).resolves.toEqualTypeOf<attachments.Attachment>();
    expectTypeOf(client.attachments.download('id')).resolves.toEqualTypeOf<AttachmentDownload>();
    expectTypeOf<AttachmentDownload>().toEqualTypeOf<{ blob: Blob; filename: string; contentType: string }>();
    expectTypeOf(client.household.update({ phone: null })).resolves.toEqualTypeOf<household.Household>();
    expectTypeOf(client.household.guardians.list()).resolves.toEqualTypeOf<{ guardians: household.Guardian[] }>();
    expectTypeOf(
      client.household.guardians.create({ firstName: 'A', lastName: 'B' }),
    ).resolves.toEqualTypeOf<household.Guardian>();
    expectTypeOf(client.household.guardians.update('id', {})).resolves.toEqualTypeOf<household.Guardian>();
    expectTypeOf(client.me.changeEmail({ newEmail: 'a@example.org', password: 'p' })).resolves.toEqualTypeOf<undefined>();
    expectTypeOf(client.me.confirmEmail({ token: 't' })).resolves.toEqualTypeOf<{ email: string }>();
  });

  it('types the agents’ namespaces from their endpoints', () => {
    const inbox = withAdmin(client).admin.requests.list({ status: 'submitted,in_progress', order: 'oldest' });
    expectTypeOf(inbox).toEqualTypeOf<PageList<v.InferOutput<typeof adminRequests.AdminRequestSummary>>>();
    expectTypeOf<Awaited<typeof inbox>['items'][number]['assignedTo']>().toEqualTypeOf<{ id: string; name: string } | null>();
    expectTypeOf(withAdmin(client).admin.requests.get('id')).resolves.toEqualTypeOf<AdminDetail>();
    expectTypeOf(withAdmin(client).admin.requests.assign('id')).resolves.toEqualTypeOf<AdminDetail>();
    expectTypeOf(withAdmin(client).admin.requests.reply('id', { body: 'Bien reçu' })).resolves.toEqualTypeOf<AdminDetail>();
    expectTypeOf(
      withAdmin(client).admin.requests.needsInfo('id', { message: 'Quelle date ?' }),
    ).resolves.toEqualTypeOf<AdminDetail>();
    expectTypeOf(withAdmin(client).admin.requests.decide('id', { decision: 'accept' })).resolves.toEqualTypeOf<AdminDetail>();
    expectTypeOf(withAdmin(client).admin.requestCategories.list()).resolves.toEqualTypeOf<{ categories: AdminCategory[] }>();
    expectTypeOf(
      withAdmin(client).admin.requestCategories.create({ title: 'T', fields: [], attachmentTypes: [] }),
    ).resolves.toEqualTypeOf<AdminCategory>();
    expectTypeOf(
      withAdmin(client).admin.requestCategories.update('id', { archived: true }),
    ).resolves.toEqualTypeOf<AdminCategory>();
    expectTypeOf(withAdmin(client).admin.attachments.download('id')).resolves.toEqualTypeOf<AttachmentDownload>();
  });

  it('keeps the fields a requests page branches on', () => {
    expectTypeOf<requests.RequestSummary['status']>().toEqualTypeOf<
      'submitted' | 'in_progress' | 'needs_info' | 'accepted' | 'rejected'
    >();
    expectTypeOf<requests.RequestCategory['effect']>().toEqualTypeOf<'address' | 'allergy' | 'pickup' | null>();
    expectTypeOf<attachments.Attachment['contentType']>().toEqualTypeOf<'application/pdf' | 'image/jpeg' | 'image/png'>();
  });

  it('gives the stripe-style positional shape', () => {
    expectTypeOf(client.requests.get).parameters.toEqualTypeOf<[id: string, options?: CallOptions]>();
    expectTypeOf(client.requests.create).parameters.toEqualTypeOf<
      [params: v.InferInput<typeof requests.NewRequestBody>, options?: CallOptions]
    >();
    expectTypeOf(client.requests.list).parameters.toEqualTypeOf<
      [params?: v.InferInput<typeof requests.RequestsQuery>, options?: CallOptions]
    >();
    expectTypeOf(client.attachments.upload).parameters.toEqualTypeOf<
      [file: Blob, params?: UploadParams, options?: CallOptions]
    >();
    expectTypeOf(client.attachments.download).parameters.toEqualTypeOf<[id: string, options?: CallOptions]>();
    expectTypeOf(client.household.update).parameters.toEqualTypeOf<
      [params?: v.InferInput<typeof profile.HouseholdUpdate>, options?: CallOptions]
    >();
    expectTypeOf(client.household.guardians.update).parameters.toEqualTypeOf<
      [id: string, params?: v.InferInput<typeof profile.GuardianUpdate>, options?: CallOptions]
    >();
    expectTypeOf(withAdmin(client).admin.requests.assign).parameters.toEqualTypeOf<
      [id: string, params?: { agentAccountId?: string | undefined }, options?: CallOptions]
    >();
    expectTypeOf(withAdmin(client).admin.requests.decide)
      .parameter(1)
      .toEqualTypeOf<v.InferInput<typeof adminRequests.DecisionBody>>();
    expectTypeOf(client.me.confirmEmail).parameters.toEqualTypeOf<[params: { token: string }, options?: CallOptions]>();
  });

  it('refuses what the schemas refuse', () => {
    // @ts-expect-error the category is required
    client.requests.create({ answers: {} });
    // @ts-expect-error answers are strings, by field key
    client.requests.create({ categoryId: 'cat', answers: { from: new Date() } });
    // @ts-expect-error an unknown field
    client.requests.create({ ...newRequest, priority: 'high' });
    // @ts-expect-error a reply has a body
    client.requests.reply('id', { attachmentIds: [] });
    // @ts-expect-error the request to reply to is named
    client.requests.reply({ body: 'Merci' });
    // @ts-expect-error a file, not its name
    client.attachments.upload('scan.pdf');
    // @ts-expect-error progress is a fraction
    client.attachments.upload(new Blob(), { onProgress: (event: ProgressEvent) => event });
    // @ts-expect-error the address changes through a request
    client.household.update({ address: { line1: '1 rue', postalCode: '75001', city: 'Paris' } });
    // @ts-expect-error a guardian has a name
    client.household.guardians.create({ firstName: 'A' });
    // @ts-expect-error the current password confirms the change
    client.me.changeEmail({ newEmail: 'a@example.org' });
    // @ts-expect-error a rejection gives its reason
    withAdmin(client).admin.requests.decide('id', { decision: 'reject' });
    // @ts-expect-error an unknown decision
    withAdmin(client).admin.requests.decide('id', { decision: 'maybe' });
    // @ts-expect-error asking for information says what
    withAdmin(client).admin.requests.needsInfo('id', {});
    // @ts-expect-error an unknown order
    withAdmin(client).admin.requests.list({ order: 'priority' });
    // @ts-expect-error a category has a form, possibly empty
    withAdmin(client).admin.requestCategories.create({ title: 'T' });
    // @ts-expect-error an unknown effect
    withAdmin(client).admin.requestCategories.update('id', { effect: 'invoice' });
  });

  it('accepts optional parts left out', () => {
    client.requests.list();
    client.requests.list({ status: 'needs_info', limit: '10' }, { signal: new AbortController().signal });
    client.requests.create(newRequest, { idempotencyKey: 'request-42' });
    client.attachments.upload(new File([], 'scan.pdf'), { type: 'identity', onProgress: (fraction: number) => fraction });
    client.attachments.upload(new Blob(), undefined, { collectivity: 'saint-exemple' });
    client.household.update();
    withAdmin(client).admin.requests.assign('id');
    withAdmin(client).admin.requests.assign('id', { agentAccountId: 'agent' });
    withAdmin(client).admin.requests.list();
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
    withAdmin(client).admin.households.create();
    // @ts-expect-error the guardian's email is required
    withAdmin(client).admin.households.create({ name: 'Famille', guardian: { firstName: 'A', lastName: 'B' } });
    // @ts-expect-error an endpoint without a body takes no params
    client.me.get({ email: 'a@example.org' });
    // @ts-expect-error only the known options
    client.me.get({ collectivty: 'typo' });
  });

  it('refuses booking-engine calls the schemas refuse', () => {
    // @ts-expect-error the calendar needs its period
    client.calendar.get('child');
    // @ts-expect-error `to` is required
    client.calendar.get('child', { from: '2027-01-01' });
    // @ts-expect-error the child id comes first
    client.calendar.get({ from: '2027-01-01', to: '2027-01-31' });
    // @ts-expect-error an unknown action
    client.cart.addLines({ lines: [{ childId: 'c', activityId: 'a', action: 'reserve', dates: ['2027-01-04'] }] });
    // @ts-expect-error the line to remove is named
    client.cart.removeLine();
    // @ts-expect-error checkout validates the cart as it is: it takes no lines
    client.cart.checkout({ lines: [] });
    // @ts-expect-error bookings are listed over a period
    client.bookings.list({ child: 'c' });
    // @ts-expect-error an unknown status
    client.bookings.list({ from: '2027-01-01', to: '2027-01-31', status: 'paid' });
    // @ts-expect-error a rejection gives its reason
    withAdmin(client).admin.lateCancellations.decide('booking', { decision: 'reject' });
    // @ts-expect-error an acceptance says whether it refunds
    withAdmin(client).admin.lateCancellations.decide('booking', { decision: 'accept' });
    // @ts-expect-error the day list is of one day
    withAdmin(client).admin.dayList.get();
  });

  it('accepts booking-engine calls with optional parts left out', () => {
    client.cart.checkout();
    client.cart.checkout(undefined, { idempotencyKey: 'checkout-42' });
    client.cart.checkout({ returnUrl: 'https://ville.example/famille' });
    withAdmin(client).admin.lateCancellations.list({ activity: 'a' });
    client.cart.addLines({
      lines: [
        { childId: 'c', activityId: 'a', action: 'book', period: { from: '2027-01-04', to: '2027-01-29', weekdays: [1, 2] } },
      ],
    });
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
    expectTypeOf(error.problem).toEqualTypeOf<Readonly<Record<string, unknown>> | undefined>();
  });
});
