import { FoyerLogin } from './login.component.js';

export { FoyerLogin };

FoyerLogin.define('foyer-login');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-login': FoyerLogin;
  }
}
