import { FoyerRequestForm } from './request-form.component.js';

export { FoyerRequestForm };

FoyerRequestForm.define('foyer-request-form');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-request-form': FoyerRequestForm;
  }
}
