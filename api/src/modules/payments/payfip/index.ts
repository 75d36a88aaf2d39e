export { PayfipFault, PayfipUnavailable } from './payfip-client.js';
export { PayfipPaymentProvider } from './payfip-provider.js';
export { reconcilePayfip, startPayfipReconciler } from './payfip-reconcile.js';
export { mountPayfip } from './payfip-routes.js';
export {
  invalidPayfipSettings,
  loadPayfipSettings,
  PAYFIP_PAGE_URL,
  PAYFIP_SERVICE_URL,
  type PayfipSettings,
  savePayfipSettings,
} from './payfip-settings.js';
