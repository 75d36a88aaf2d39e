import { type FoyerClient, FoyerError } from '@foyer/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type SdkTestApp, startSdkTestApp } from './api.js';

// The family profile through the SDK, against the real API on the seeded database.

let api: SdkTestApp;
let parent: FoyerClient;

beforeAll(async () => {
  api = await startSdkTestApp();
  parent = api.client();
  await parent.auth.login({ email: DEMO.parent, password: DEMO.password });
});
afterAll(() => api.close());

describe('the household', () => {
  it('changes the phone, and clears it', async () => {
    const updated = await parent.household.update({ phone: '05 61 00 00 00' });
    expect(updated).toMatchObject({ name: 'Famille Sanchez-Cordoves', phone: '05 61 00 00 00' });
    expect((await parent.household.get()).phone).toBe('05 61 00 00 00');
    expect((await parent.household.update({ phone: null })).phone).toBeNull();
  });

  it('refuses an invalid phone with the invalid field', async () => {
    const error = await parent.household.update({ phone: 'appelez-moi' }).catch((e) => e);
    expect(error).toBeInstanceOf(FoyerError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.errors.map((e: { path: string }) => e.path)).toEqual(['body.phone']);
  });

  it('adds a guardian and edits it', async () => {
    const added = await parent.household.guardians.create({
      firstName: 'Carmen',
      lastName: 'Ruiz',
      email: 'carmen.ruiz@example.org',
      relationship: 'grand-mère',
    });
    expect(added).toMatchObject({ firstName: 'Carmen', hasAccount: false, phoneMobile: null });
    const edited = await parent.household.guardians.update(added.id, { phoneMobile: '06 12 34 56 78' });
    expect(edited).toMatchObject({ id: added.id, phoneMobile: '06 12 34 56 78', relationship: 'grand-mère' });
    const { guardians } = await parent.household.guardians.list();
    expect(guardians.find((g) => g.id === added.id)).toEqual(edited);
  });
});

describe('the login email', () => {
  it('changes once the emailed link is confirmed, from any device', async () => {
    const client = api.client();
    await client.auth.login({ email: DEMO.parent2, password: DEMO.password });
    const newEmail = 'famille.martin@example.net';
    expect(await client.me.changeEmail({ newEmail, password: DEMO.password })).toBeUndefined();
    expect((await client.me.get()).account.email).toBe(DEMO.parent2);

    await api.t.deliverEmails();
    const token = api.t.mailbox.latestTo(newEmail)?.text.match(/foyer-email-change=([A-Za-z0-9_-]+)/)?.[1];
    if (!token) throw new Error(`no confirmation link sent to ${newEmail}`);
    // Another device, not signed in.
    expect(await api.client().me.confirmEmail({ token })).toEqual({ email: newEmail });
    expect((await client.me.get()).account.email).toBe(newEmail);
    await expect(api.client().me.confirmEmail({ token })).rejects.toMatchObject({ status: 404, code: 'invalid_token' });
  });

  it('needs the current password', async () => {
    await expect(parent.me.changeEmail({ newEmail: 'autre@example.net', password: 'pas-le-bon' })).rejects.toBeInstanceOf(
      FoyerError,
    );
  });
});
