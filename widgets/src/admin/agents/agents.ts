import { FoyerAdminAgents } from './agents.component.js';

export { FoyerAdminAgents };

FoyerAdminAgents.define('foyer-admin-agents');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-agents': FoyerAdminAgents;
  }
}
