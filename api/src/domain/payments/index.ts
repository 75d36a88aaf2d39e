export * from './settlement.js';
