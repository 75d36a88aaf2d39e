// Direct debit's elements, one chunk that the back office loads when it first shows either.
export * from './direct-debits/direct-debits.js';
export * from './mandate/mandate.js';
