export * from './absence-reported.js';
export * from './cart-changed.js';
export * from './checkout-completed.js';
export * from './collectivity-changed.js';
export * from './payment-redirect.js';
export * from './request-sent.js';
export * from './signed-in.js';
export * from './signed-out.js';
