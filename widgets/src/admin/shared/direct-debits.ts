import type { FoyerClient } from '@foyer/sdk';
import { type DirectDebitNamespace, directDebits } from '@foyer/sdk/admin';

const namespaces = new WeakMap<FoyerClient, DirectDebitNamespace>();

/** The direct-debit namespace of a provider's client (same session), made once per client. */
export function directDebitsOf(client: FoyerClient | undefined): DirectDebitNamespace | undefined {
  if (!client) return undefined;
  let namespace = namespaces.get(client);
  if (!namespace) {
    namespace = directDebits(client);
    namespaces.set(client, namespace);
  }
  return namespace;
}
