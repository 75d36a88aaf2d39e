import { FoyerAdminAuditLog } from './audit-log.component.js';

export { FoyerAdminAuditLog };

FoyerAdminAuditLog.define('foyer-admin-audit-log');

declare global {
  interface HTMLElementTagNameMap {
    'foyer-admin-audit-log': FoyerAdminAuditLog;
  }
}
