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
