import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SigningKeys as SigningKeysPort } from '../../deps.js';
import { type Clock, systemClock } from '../../lib/clock.js';
import { isSealed, open, seal } from '../../lib/secret-box.js';

export const ACCESS_TOKEN_ALG = 'ES256';

/** How often an instance looks for keys rotated by another process (`foyer keys rotate`). */
export const KEY_RELOAD_SECONDS = 300;

interface LoadedKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicKey: CryptoKey;
}

export interface SigningKeyOptions {
  /** Seals private keys at rest (AES-256-GCM); without it they are stored in clear (embedded demo only). */
  secretsKey?: Buffer | undefined;
  /** Lifetime of access tokens: how long a retired key must still verify. */
  accessTokenSeconds?: number;
}

/**
 * How long a retired key keeps verifying: its last token may have been signed by an instance
 * that had not yet reloaded, and lives `accessTokenSeconds` from then.
 */
export const verifyWindowSeconds = (accessTokenSeconds: number) => accessTokenSeconds + 2 * KEY_RELOAD_SECONDS;

/** The stored form of a private key: sealed when a secrets key is set. */
export function storedPrivateJwk(privateJwk: JWK, kid: string, secretsKey: Buffer | undefined): string {
  return JSON.stringify(secretsKey ? seal(secretsKey, JSON.stringify(privateJwk), `signing-key:${kid}`) : privateJwk);
}

/** Creates a key pair and stores it as the newest key; returns its `kid`. */
export async function insertSigningKey(db: Db, now: Date, secretsKey: Buffer | undefined): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true });
  const kid = crypto.randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
  await db
    .insertInto('signing_keys')
    .values({
      kid,
      alg: ACCESS_TOKEN_ALG,
      private_jwk: storedPrivateJwk(await exportJWK(privateKey), kid, secretsKey),
      public_jwk: JSON.stringify(publicJwk),
      created_at: now,
    })
    .execute();
  return kid;
}

/**
 * The access-token signing keys. They live in the database so that every API instance signs
 * and verifies with the same set, their private halves sealed with `FOYER_SECRETS_KEY`.
 * Rotation (`foyer keys rotate`, see key-rotation.ts) adds a key and retires the old ones,
 * which keep verifying until their last token has expired, so nobody is logged out.
 */
export class SigningKeys implements SigningKeysPort {
  #keys: LoadedKey[] = [];
  #lastReload = 0;
  #reloading: Promise<void> | undefined;

  private constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly options: SigningKeyOptions,
  ) {}

  /** Loads the keys, creating the first one on a fresh database and sealing any stored in clear. */
  static async load(db: Db, clock: Clock = systemClock, options: SigningKeyOptions = {}): Promise<SigningKeys> {
    const keys = new SigningKeys(db, clock, options);
    await keys.reload();
    if (keys.#keys.length === 0) {
      await insertSigningKey(db, clock.now(), options.secretsKey);
      await keys.reload();
    }
    return keys;
  }

  async reload(): Promise<void> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - verifyWindowSeconds(this.options.accessTokenSeconds ?? 600) * 1000);
    const rows = await this.db
      .selectFrom('signing_keys')
      .select(['kid', 'private_jwk', 'public_jwk', 'retired_at'])
      .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', windowStart)]))
      // The key that signs first: not retired, then the newest.
      .orderBy(sql`retired_at is null`, 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    this.#keys = await Promise.all(
      rows.map(async (row) => ({
        kid: row.kid,
        privateKey: (await importJWK(await this.#privateJwk(row.kid, row.private_jwk), ACCESS_TOKEN_ALG)) as CryptoKey,
        publicJwk: row.public_jwk as JWK,
        publicKey: (await importJWK(row.public_jwk as JWK, ACCESS_TOKEN_ALG)) as CryptoKey,
      })),
    );
    this.#lastReload = now.getTime();
  }

  /** Opens a stored private key; one stored in clear is sealed in place as soon as a secrets key is set. */
  async #privateJwk(kid: string, stored: unknown): Promise<JWK> {
    const { secretsKey } = this.options;
    if (isSealed(stored)) {
      if (!secretsKey) throw new Error('the signing keys are sealed: set FOYER_SECRETS_KEY (or FOYER_SECRETS_KEY_FILE)');
      return JSON.parse(open(secretsKey, stored, `signing-key:${kid}`)) as JWK;
    }
    if (secretsKey) {
      await this.db
        .updateTable('signing_keys')
        .set({ private_jwk: storedPrivateJwk(stored as JWK, kid, secretsKey) })
        .where('kid', '=', kid)
        .execute();
    }
    return stored as JWK;
  }

  /** The key new tokens are signed with: the newest not retired. Looks now and then for a key rotated elsewhere. */
  current(): { kid: string; privateKey: CryptoKey } {
    if (this.clock.now().getTime() - this.#lastReload > KEY_RELOAD_SECONDS * 1000) this.#reloadInBackground();
    const key = this.#keys[0];
    if (!key) throw new Error('no signing key loaded');
    return key;
  }

  #reloadInBackground(): void {
    // A failed reload keeps the keys already loaded; the next signature tries again.
    this.#reloading ??= this.reload()
      .catch(() => undefined)
      .finally(() => {
        this.#reloading = undefined;
      });
  }

  /** The public key for a `kid`; an unknown kid triggers one reload (another instance rotated). */
  async publicKey(kid: string | undefined): Promise<CryptoKey | undefined> {
    let key = this.#keys.find((k) => k.kid === kid);
    if (!key && kid && this.clock.now().getTime() - this.#lastReload > 10_000) {
      await this.reload();
      key = this.#keys.find((k) => k.kid === kid);
    }
    return key?.publicKey;
  }

  /** The JWKS document of `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] } {
    return { keys: this.#keys.map((k) => k.publicJwk) };
  }
}
