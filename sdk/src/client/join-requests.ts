import * as adminJoinRequests from '../contract/admin-join-requests.js';
import * as collectivity from '../contract/collectivity.js';
import type { FoyerClient } from './client.js';
import type { Method } from './method.js';

/** "Adhérer à une autre collectivité": what `joinRequestsOf(client)` gives a signed-in parent. */
export interface JoinRequestsNamespace {
  /** Every collectivity of this Foyer (slug and name), by name: the towns one can ask to join. Public. */
  collectivities: Method<typeof collectivity.listCollectivities>;
  /**
   * Asks the collectivity of `options.collectivity` to take the family in: the household's
   * details and children. `409 join_request_pending` while one waits there, `already_member`
   * once the account has a household there.
   */
  create: Method<typeof adminJoinRequests.createJoinRequest>;
  /** The account's requests to the collectivity of `options.collectivity`, newest first, with their status and refusal reason. */
  list: Method<typeof adminJoinRequests.listMyJoinRequests>;
}

/**
 * The join-request namespace of a client, apart from {@link createClient} so that pages which
 * never offer to join another town do not carry its contract (the switcher's form loads it with
 * its own chunk).
 *
 * @example
 * const join = joinRequestsOf(foyer);
 * const { collectivities } = await join.collectivities();
 * await join.create({ householdName: 'Famille Martin', firstName: 'Camille', lastName: 'Martin', children: [] }, { collectivity: 'saint-exemple' });
 * const { joinRequests } = await join.list({ collectivity: 'saint-exemple' });
 */
export function joinRequestsOf(client: Pick<FoyerClient, 'method'>): JoinRequestsNamespace {
  return {
    collectivities: client.method(collectivity.listCollectivities),
    create: client.method(adminJoinRequests.createJoinRequest),
    list: client.method(adminJoinRequests.listMyJoinRequests),
  };
}
