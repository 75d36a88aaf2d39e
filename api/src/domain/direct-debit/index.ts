export * from './debit-rules.js';
export * from './identifiers.js';
export * from './pain008.js';
export * from './sepa-text.js';
