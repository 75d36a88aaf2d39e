import { createHash, randomBytes } from 'node:crypto';

/** A random token for a link or a refresh: 256 bits, URL-safe. Only its hash is stored. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * An invitation token carries its collectivity, so it is found by the tenant-leading key
 * (`collectivity_id`, `token_hash`) without any cross-tenant index.
 */
export function newInvitationToken(collectivityId: string): string {
  const tenant = Buffer.from(collectivityId.replaceAll('-', ''), 'hex');
  return Buffer.concat([tenant, randomBytes(32)]).toString('base64url');
}

/** The collectivity an invitation token belongs to, or null if it is not one. */
export function collectivityOfInvitationToken(token: string): string | null {
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 48) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
