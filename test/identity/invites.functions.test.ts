import { startTestCloud, type TestCloud } from '../support/devcloud';

// The invites page: what is still waiting to be redeemed, and withdrawing one before anyone does.
let cloud: TestCloud;
const refusal = (code: string, reason: string) => ({ code, details: { reason } });
const admin = () => cloud.api('demo-admin').identity;

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-11-22T02:00:00Z'));
  const { code } = await admin().createInvite({ role: 'supervisor', orgIds: ['qs-station'] });
  await cloud.api('qs-chief').identity.redeemInvite({ code, displayName: '青石所长', phone: '13700000004' });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('pending invites', () => {
  let qs: string;
  let xl: string;
  beforeAll(async () => {
    qs = (await admin().createInvite({ role: 'advisor', orgIds: ['qs-dongpo'], note: '王律师' })).code;
    xl = (await admin().createInvite({ role: 'staff', orgIds: ['xl-station'] })).code;
  });

  it('lists what nobody redeemed yet, newest first, with the code to hand on', async () => {
    const { invites } = await admin().listInvites({});
    expect(invites.slice(0, 2)).toEqual([
      expect.objectContaining({ code: xl, role: 'staff', orgIds: ['xl-station'], state: 'pending' }),
      expect.objectContaining({ code: qs, role: 'advisor', orgIds: ['qs-dongpo'], note: '王律师', state: 'pending' }),
    ]);
    // The seeded workers' invites were all redeemed: none of them is pending.
    expect(invites.every((i) => i.state === 'pending')).toBe(true);
  });

  it("shows a station's supervisor only her township's invites, and answers another's as missing", async () => {
    const chief = cloud.api('qs-chief').identity;
    const mine = await chief.listInvites({});
    const codes = mine.invites.map((i) => i.code);
    // The units she may invite to: her station and its villages, nothing of another township.
    expect(mine.units.map((u) => u.id).sort()).toEqual(['qs-dongpo', 'qs-heping', 'qs-liushu', 'qs-shanxia', 'qs-station']);
    expect((await admin().listMembers({})).units[0]).toEqual({ id: 'qh-center', name: '青禾县公共法律服务中心', tier: 'center', parentId: null });
    expect(codes).toContain(qs);
    expect(codes).not.toContain(xl);
    await expect(chief.listInvites({ orgId: 'xl-station' })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
    await expect(chief.revokeInvite({ code: xl })).rejects.toMatchObject(refusal('NOT_FOUND', 'invite_not_found'));
    expect((await admin().listInvites({})).invites.find((i) => i.code === xl)?.state).toBe('pending');
  });

  it('withdraws an invite: its code stops working at once and it leaves the pending list', async () => {
    const revoked = await cloud.api('qs-chief').identity.revokeInvite({ code: qs.toLowerCase() });
    expect(revoked).toMatchObject({ code: qs, state: 'revoked' });
    await expect(cloud.api('would-be').identity.redeemInvite({ code: qs, displayName: '王律师', phone: '13700000011' })).rejects.toMatchObject(
      refusal('NOT_FOUND', 'invite_invalid'),
    );
    expect((await admin().listInvites({})).invites.map((i) => i.code)).not.toContain(qs);
    expect((await admin().listInvites({ includeDone: true })).invites.find((i) => i.code === qs)?.state).toBe('revoked');
    await expect(admin().revokeInvite({ code: qs })).rejects.toMatchObject(refusal('INVALID_STATE', 'invite_not_pending'));
  });

  it('keeps a redeemed invite out of reach of revocation, and lists it as used', async () => {
    await cloud.api('new-staff').identity.redeemInvite({ code: xl, displayName: '新同事', phone: '13700000012' });
    await expect(admin().revokeInvite({ code: xl })).rejects.toMatchObject(refusal('INVALID_STATE', 'invite_not_pending'));
    expect((await admin().listInvites({ includeDone: true })).invites.find((i) => i.code === xl)?.state).toBe('used');
  });

  it('writes the withdrawal to the audit log', async () => {
    const { entries } = await admin().auditLog({ from: '2026-11-22', to: '2026-11-22', what: 'members' });
    expect(entries.map((e) => e.act)).toContain('invite.revoke');
  });
});
