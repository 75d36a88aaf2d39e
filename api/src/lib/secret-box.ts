import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A secret sealed with AES-256-GCM: what the database holds instead of the secret. */
export interface SealedSecret {
  sealed: 'A256GCM';
  iv: string;
  tag: string;
  data: string;
}

export function isSealed(value: unknown): value is SealedSecret {
  return typeof value === 'object' && value !== null && (value as { sealed?: unknown }).sealed === 'A256GCM';
}

/**
 * Seals a text with a 32-byte key from the environment (`FOYER_SECRETS_KEY`). `context` is
 * authenticated with it, so a sealed value copied to another row (another key id) fails to open.
 */
export function seal(key: Buffer, text: string, context: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return {
    sealed: 'A256GCM',
    iv: iv.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
    data: data.toString('base64url'),
  };
}

/** Opens what {@link seal} sealed; throws when the key or the context is not the one it was sealed with. */
export function open(key: Buffer, box: SealedSecret, context: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(box.tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64url')), decipher.final()]).toString('utf8');
}

/** Reads a secrets key written as 64 hex digits or 43/44 base64 characters; throws on any other length. */
export function parseSecretsKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('must be 32 bytes, as 64 hex digits or base64 (openssl rand -base64 32)');
  return key;
}
