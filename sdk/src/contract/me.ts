import * as v from 'valibot';
import { Id } from './common.js';
import { endpoint } from './endpoint.js';

const CollectivityRef = v.object({ slug: v.string(), name: v.string() });

/** A link between the account and a household (as a parent) or a collectivity (as an agent). */
export const Membership = v.variant('kind', [
  v.object({
    kind: v.literal('parent'),
    collectivity: CollectivityRef,
    household: v.object({ id: Id, name: v.string() }),
  }),
  v.object({
    kind: v.literal('agent'),
    collectivity: CollectivityRef,
    role: v.picklist(['admin', 'agent', 'kitchen', 'animator']),
  }),
]);
export type Membership = v.InferOutput<typeof Membership>;

export const Me = v.object({
  account: v.object({ id: Id, email: v.string(), displayName: v.string() }),
  memberships: v.array(Membership),
});
export type Me = v.InferOutput<typeof Me>;

export const getMe = endpoint({ method: 'GET', path: '/v1/me', response: Me });
