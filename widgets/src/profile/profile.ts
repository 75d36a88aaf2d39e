import { FoyerProfile } from './profile.component.js';

export { FoyerProfile };

FoyerProfile.define('foyer-profile');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-profile': FoyerProfile;
  }
}
