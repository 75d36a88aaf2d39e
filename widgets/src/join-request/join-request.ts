import { FoyerJoinRequest } from './join-request.component.js';

export { FoyerJoinRequest };

FoyerJoinRequest.define('foyer-join-request');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-join-request': FoyerJoinRequest;
  }
}
