import { FoyerProvider } from './provider.component.js';

export * from '../events/index.js';
export type { FoyerStore } from '../shared/store.js';
export { FoyerProvider };

FoyerProvider.define('foyer-provider');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-provider': FoyerProvider;
  }
}
