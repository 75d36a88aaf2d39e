import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Db } from '../../db/database.js';
import { type Clock, systemClock } from '../../lib/clock.js';

export const ACCESS_TOKEN_ALG = 'ES256';

interface LoadedKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicKey: CryptoKey;
}

/**
 * The access-token signing keys. They live in the database so that every API instance signs
 * and verifies with the same set; rotation adds a key and keeps the old ones verifiable until
 * their tokens have expired, so nobody is logged out.
 */
export class SigningKeys {
  #keys: LoadedKey[] = [];
  #lastReload = 0;

  private constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Loads the keys, creating the first one on a fresh database. */
  static async load(db: Db, clock: Clock = systemClock): Promise<SigningKeys> {
    const keys = new SigningKeys(db, clock);
    await keys.reload();
    if (keys.#keys.length === 0) {
      await keys.rotate();
    }
    return keys;
  }

  /** Adds a new current key; older keys stay published for verification. */
  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { extractable: true });
    const kid = crypto.randomUUID();
    const privateJwk = await exportJWK(privateKey);
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
    await this.db
      .insertInto('signing_keys')
      .values({
        kid,
        alg: ACCESS_TOKEN_ALG,
        private_jwk: JSON.stringify(privateJwk),
        public_jwk: JSON.stringify(publicJwk),
        created_at: this.clock.now(),
      })
      .execute();
    await this.reload();
    return kid;
  }

  async reload(): Promise<void> {
    // Keys retired more than a day ago can no longer have live tokens.
    const now = this.clock.now();
    const dayAgo = new Date(now.getTime() - 86_400_000);
    const rows = await this.db
      .selectFrom('signing_keys')
      .select(['kid', 'private_jwk', 'public_jwk'])
      .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', dayAgo)]))
      .orderBy('created_at', 'desc')
      .execute();
    this.#keys = await Promise.all(
      rows.map(async (row) => ({
        kid: row.kid,
        privateKey: (await importJWK(row.private_jwk as JWK, ACCESS_TOKEN_ALG)) as CryptoKey,
        publicJwk: row.public_jwk as JWK,
        publicKey: (await importJWK(row.public_jwk as JWK, ACCESS_TOKEN_ALG)) as CryptoKey,
      })),
    );
    this.#lastReload = now.getTime();
  }

  /** The key new tokens are signed with: the newest. */
  current(): { kid: string; privateKey: CryptoKey } {
    const key = this.#keys[0];
    if (!key) throw new Error('no signing key loaded');
    return key;
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
