import { ContextRoot, createContext } from '@lit/context';
import type { FoyerStore } from './store.js';

/**
 * The store a `<foyer-provider>` shares with the Foyer elements inside it. The key is a string,
 * versioned, so that elements and a provider from two copies of the bundle on one page still
 * find each other as long as they speak the same version.
 */
export const storeContext = createContext<FoyerStore | undefined>('foyer-store/1');

// Elements can be defined before their provider (another script, a later upgrade): the root
// keeps their requests and replays them when a provider appears.
if (typeof document !== 'undefined') new ContextRoot().attach(document.documentElement);
