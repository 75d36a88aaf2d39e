import type { attachments } from '@foyer/sdk';
import type { ReactiveControllerHost } from 'lit';
import type { FoyerStore } from '../shared/store.js';

/** A document chosen for a slot ("Pièce d'identité"): on its way, stored, or refused. */
export interface Upload {
  file: File;
  state: 'uploading' | 'done' | 'error';
  attachment: attachments.Attachment | null;
  error: unknown;
}

/** The element the uploads belong to: it gives the store and re-renders on every change. */
export interface StoreHost extends ReactiveControllerHost {
  readonly store: FoyerStore | undefined;
}

/**
 * The documents of a form, one per slot, uploaded as soon as they are chosen so that a refused
 * file (a type the API does not take, too large) is said at once, beside its field. The SDK
 * reports only the start and the end of an upload (`fetch` does not tell how much has gone),
 * hence an indeterminate progress until the API has stored the document.
 */
export class Uploads {
  readonly #host: StoreHost;
  #slots = new Map<string, Upload>();

  constructor(host: StoreHost) {
    this.#host = host;
  }

  get(slot: string): Upload | undefined {
    return this.#slots.get(slot);
  }

  /** True while a document is on its way. */
  get busy(): boolean {
    return [...this.#slots.values()].some((u) => u.state === 'uploading');
  }

  /** The ids of the stored documents of the slots whose name starts with `prefix`. */
  ids(prefix = ''): string[] {
    return [...this.#slots]
      .filter(([slot, u]) => slot.startsWith(prefix) && u.attachment)
      .map(([, u]) => (u.attachment as attachments.Attachment).id);
  }

  /** Uploads `file` for `slot`, with the category's attachment type key when there is one. */
  async upload(slot: string, file: File, type: string | undefined): Promise<void> {
    const store = this.#host.store;
    if (!store) return;
    const upload: Upload = { file, state: 'uploading', attachment: null, error: null };
    this.#set(slot, upload);
    try {
      const attachment = await store.client.attachments.upload(file, type ? { type } : {}, store.callOptions);
      // A newer choice for the same slot wins over this one.
      if (this.#slots.get(slot)?.file === file) this.#set(slot, { ...upload, state: 'done', attachment });
    } catch (error) {
      if (this.#slots.get(slot)?.file === file) this.#set(slot, { ...upload, state: 'error', error });
    }
  }

  remove(slot: string): void {
    this.#slots.delete(slot);
    this.#host.requestUpdate();
  }

  /** Forgets the slots whose name starts with `prefix` (all of them by default). */
  clear(prefix = ''): void {
    for (const slot of [...this.#slots.keys()]) if (slot.startsWith(prefix)) this.#slots.delete(slot);
    this.#host.requestUpdate();
  }

  #set(slot: string, upload: Upload): void {
    this.#slots.set(slot, upload);
    this.#host.requestUpdate();
  }
}
