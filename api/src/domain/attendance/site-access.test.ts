import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seesOnlyAssignedSites, seesSite, siteAccess } from './site-access.js';

const roles = ['admin', 'agent', 'kitchen', 'animator'] as const;

describe('siteAccess', () => {
  it('gives an animator exactly the sites assigned, and no site when none is', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.uuid(), { maxLength: 5 }), fc.uuid(), (assigned, other) => {
        const access = siteAccess('animator', assigned);
        for (const site of assigned) expect(seesSite(access, site)).toBe(true);
        expect(seesSite(access, other)).toBe(assigned.includes(other));
      }),
    );
    expect(siteAccess('animator', [])).toEqual({ all: false, siteIds: [] });
  });

  it('gives admins, agents and the kitchen every site, whatever is assigned', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('admin', 'agent', 'kitchen' as const),
        fc.array(fc.uuid()),
        fc.uuid(),
        (role, assigned, site) => {
          expect(seesSite(siteAccess(role, assigned), site)).toBe(true);
        },
      ),
    );
    expect(roles.filter((role) => siteAccess(role, []).all)).toEqual(['admin', 'agent', 'kitchen']);
    expect(roles.filter(seesOnlyAssignedSites)).toEqual(['animator']);
  });
});
