export * from './common.js';
export * from './problem.js';
export * from './endpoint.js';
export * as system from './system.js';
export * as auth from './auth.js';
export * as me from './me.js';
export * as collectivity from './collectivity.js';
export * as adminHouseholds from './admin-households.js';
export * as household from './household.js';
