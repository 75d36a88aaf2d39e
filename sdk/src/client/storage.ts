/**
 * Where the client keeps the refresh token between page loads. The access token never leaves
 * memory. A host can provide its own store (an encrypted vault, a native app's keychain).
 */
export interface TokenStore {
  get(): string | null | undefined | Promise<string | null | undefined>;
  set(refreshToken: string): void | Promise<void>;
  delete(): void | Promise<void>;
}

/**
 * `'memory'` (the default) forgets the sign-in on reload; `'sessionStorage'` keeps it for the
 * tab's life, never shared with other tabs and never written to `localStorage`.
 */
export type StorageOption = 'memory' | 'sessionStorage' | TokenStore;

/** A store that lives as long as the client. */
export function memoryStore(): TokenStore {
  let token: string | undefined;
  return {
    get: () => token,
    set: (value) => {
      token = value;
    },
    delete: () => {
      token = undefined;
    },
  };
}

/** A store in a Web Storage area (`sessionStorage`), under one key. */
export function webStorageStore(storage: Storage, key: string): TokenStore {
  return {
    get: () => storage.getItem(key),
    set: (value) => storage.setItem(key, value),
    delete: () => storage.removeItem(key),
  };
}

export function resolveStore(option: StorageOption | undefined, key: string): TokenStore {
  if (option === undefined || option === 'memory') return memoryStore();
  if (option === 'sessionStorage') {
    if (typeof sessionStorage === 'undefined') throw new TypeError('storage: "sessionStorage" is not available here');
    return webStorageStore(sessionStorage, key);
  }
  return option;
}
