import * as v from 'valibot';
import { endpoint } from './endpoint.js';

export const Health = v.object({
  status: v.picklist(['ok', 'degraded']),
  database: v.picklist(['up', 'down']),
  version: v.string(),
});

/** A public JSON Web Key Set (RFC 7517) of the access-token signing keys. */
export const Jwks = v.object({ keys: v.array(v.record(v.string(), v.unknown())) });

export const health = endpoint({ method: 'GET', path: '/healthz', response: Health });
export const jwks = endpoint({ method: 'GET', path: '/.well-known/jwks.json', response: Jwks });

/**
 * The revision of the contract this SDK (and the foyer.js built with it) speaks. It goes up when
 * a change breaks older clients; the API then says which is the oldest it still serves.
 */
export const CONTRACT_REVISION = 1;

/**
 * What a page embedding Foyer needs to know before anything else: whether the collectivity
 * exists, whether this page's origin may call the API, and whether this client is recent enough.
 * Any origin may ask (it is the one answer a misconfigured page can read).
 */
export const EmbeddingCheck = v.object({
  collectivity: v.picklist(['found', 'unknown']),
  /** `absent`: the request had no `Origin` (not from a browser page). */
  origin: v.picklist(['registered', 'unregistered', 'absent']),
  contract: v.object({ revision: v.number(), oldestClient: v.number() }),
});
export type EmbeddingCheck = v.InferOutput<typeof EmbeddingCheck>;

export const EmbeddingCheckQuery = v.object({ collectivity: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) });

export const embeddingCheck = endpoint({
  method: 'GET',
  path: '/v1/embedding-check',
  query: EmbeddingCheckQuery,
  response: EmbeddingCheck,
});
