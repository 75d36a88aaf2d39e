import { FoyerCollectivitySwitcher } from './collectivity-switcher.component.js';

export { FoyerCollectivitySwitcher };

FoyerCollectivitySwitcher.define('foyer-collectivity-switcher');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-collectivity-switcher': FoyerCollectivitySwitcher;
  }
}
