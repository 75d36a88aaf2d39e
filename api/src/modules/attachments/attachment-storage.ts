import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Where a stored document lives: its collectivity and a key chosen by the server, never by the uploader. */
export interface StoredObject {
  collectivityId: string;
  key: string;
}

/**
 * Where documents' bytes are kept, apart from their description (the `attachments` row). The
 * default keeps them in PostgreSQL; an object store (S3-compatible) can replace it.
 *
 * Every method receives the executor of the caller's transaction: a storage in the same database
 * joins it, so a failed upload leaves nothing behind; a remote store ignores it (and then needs a
 * sweep of keys no row points to).
 */
export interface AttachmentStorage {
  put(db: Kysely<Database>, object: StoredObject & { content: Uint8Array }): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(db: Kysely<Database>, object: StoredObject): Promise<Uint8Array | null>;
  /** Deletes the bytes of objects whose rows are gone (the retention sweeper's unsent documents). */
  remove(db: Kysely<Database>, objects: StoredObject[]): Promise<void>;
}

/** Documents as `bytea` rows of `attachment_blobs`, keyed by collectivity like every tenant table. */
export class PostgresAttachmentStorage implements AttachmentStorage {
  async put(db: Kysely<Database>, object: StoredObject & { content: Uint8Array }): Promise<void> {
    await db
      .insertInto('attachment_blobs')
      .values({ collectivity_id: object.collectivityId, storage_key: object.key, content: object.content })
      .execute();
  }

  async get(db: Kysely<Database>, object: StoredObject): Promise<Uint8Array | null> {
    const row = await db
      .selectFrom('attachment_blobs')
      .select('content')
      .where('collectivity_id', '=', object.collectivityId)
      .where('storage_key', '=', object.key)
      .executeTakeFirst();
    return row ? row.content : null;
  }

  async remove(db: Kysely<Database>, objects: StoredObject[]): Promise<void> {
    for (const object of objects) {
      await db
        .deleteFrom('attachment_blobs')
        .where('collectivity_id', '=', object.collectivityId)
        .where('storage_key', '=', object.key)
        .execute();
    }
  }
}
