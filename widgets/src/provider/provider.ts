import { useTranslations } from '../shared/locale.js';
import { FoyerProvider } from './provider.component.js';

export * from '../events/index.js';
export type { FoyerStore } from '../shared/store.js';
export { FoyerProvider };

// The families' texts: the back office's bundle defines its provider with every text instead.
useTranslations({ en: () => import('../generated/family-locales/en.js') });
FoyerProvider.define('foyer-provider');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-provider': FoyerProvider;
  }
}
