export * as adminHouseholds from './admin-households.js';
export * as auth from './auth.js';
export * as collectivity from './collectivity.js';
export * from './common.js';
export * from './endpoint.js';
export * as household from './household.js';
export * as me from './me.js';
export * from './problem.js';
export * as system from './system.js';
