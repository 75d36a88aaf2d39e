import { randomBytes } from 'node:crypto';

/**
 * A feed token: the collectivity's id (16 bytes) then 32 random bytes, URL-safe. Carrying the
 * collectivity lets the feed be found by the tenant-leading key (`collectivity_id`, `token_hash`)
 * without any cross-tenant lookup; the 256 random bits are the secret.
 */
export function newFeedToken(collectivityId: string): string {
  const tenant = Buffer.from(collectivityId.replaceAll('-', ''), 'hex');
  return Buffer.concat([tenant, randomBytes(32)]).toString('base64url');
}

/** The collectivity a feed token names, or null when it is not a feed token. */
export function collectivityOfFeedToken(token: string): string | null {
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 48 || bytes.toString('base64url') !== token) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
