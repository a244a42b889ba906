import { grantChangeRefusal, grantsOfLegacyMember, managesRefusal, mergeGrants, type Grant } from './grants';

// A 青石镇 supervisor's subtree: its station and villages.
const inQingshi = (orgId: string) => orgId.startsWith('qs-');
const advisorDongpo: Grant = { role: 'advisor', orgId: 'qs-dongpo' };
const advisorHekou: Grant = { role: 'advisor', orgId: 'lh-hekou' };
const staffStation: Grant = { role: 'staff', orgId: 'qs-station' };

describe('what a supervisor may do to a member', () => {
  it('manages advisors and staff with a grant in her subtree, and no lead', () => {
    expect(managesRefusal([advisorDongpo, advisorHekou], inQingshi, false)).toBeNull();
    expect(managesRefusal([advisorHekou], inQingshi, false)).toBe('grant_out_of_reach');
    expect(managesRefusal([], inQingshi, false)).toBe('lead_account');
    expect(managesRefusal([{ role: 'supervisor', orgId: 'qs-dongpo' }], inQingshi, false)).toBe('lead_account');
  });

  it('ends a membership only when every grant is hers to end', () => {
    expect(managesRefusal([advisorDongpo], inQingshi, true)).toBeNull();
    expect(managesRefusal([advisorDongpo, advisorHekou], inQingshi, true)).toBe('grant_out_of_reach');
  });

  it('adds and removes advisor and staff grants in her subtree, leaving the rest as they were', () => {
    expect(grantChangeRefusal([advisorDongpo, advisorHekou], [advisorHekou, staffStation], inQingshi)).toBeNull();
    expect(grantChangeRefusal([advisorDongpo, advisorHekou], [advisorDongpo], inQingshi)).toBe('grant_out_of_reach');
    expect(grantChangeRefusal([staffStation], [staffStation, { role: 'supervisor', orgId: 'qs-dongpo' }], inQingshi)).toBe('role_not_grantable');
    expect(grantChangeRefusal([staffStation, { role: 'admin', orgId: 'qs-station' }], [staffStation], inQingshi)).toBe('role_not_grantable');
  });
});

describe('grants of members stored before grants', () => {
  it('take from each redeemed invite its own role on its own units', () => {
    const legacy = { roles: ['advisor', 'staff'] as const, orgIds: ['qs-dongpo', 'xl-station'] };
    const invites = [
      { role: 'advisor' as const, orgIds: ['qs-dongpo'] },
      { role: 'staff' as const, orgIds: ['xl-station'] },
    ];
    expect(grantsOfLegacyMember({ ...legacy, roles: [...legacy.roles] }, invites)).toEqual([advisorDongpo, { role: 'staff', orgId: 'xl-station' }]);
  });

  it('keep what the record granted where no invite explains a role', () => {
    expect(grantsOfLegacyMember({ roles: ['staff'], orgIds: ['qs-station', 'qs-dongpo'] }, [])).toEqual([staffStation, { role: 'staff', orgId: 'qs-dongpo' }]);
  });

  it('merge without repeats, in the order first given', () => {
    expect(mergeGrants([advisorHekou, advisorDongpo], [advisorDongpo, staffStation])).toEqual([advisorHekou, advisorDongpo, staffStation]);
  });
});
