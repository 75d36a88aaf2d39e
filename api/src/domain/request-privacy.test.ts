import { describe, expect, it } from 'vitest';
import { requestShowsProtectedData } from './request-privacy.js';

describe('requestShowsProtectedData', () => {
  it('audits the reads of allergy and pick-up requests, not of address changes or plain messages', () => {
    expect([null, 'address', 'allergy', 'pickup'].filter((e) => requestShowsProtectedData(e as 'address'))).toEqual([
      'allergy',
      'pickup',
    ]);
  });
});
