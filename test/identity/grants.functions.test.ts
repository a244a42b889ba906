/**
 * Membership as grants (role × unit). The hole this closes: a station supervisor's staff invite for
 * one of her villages, redeemed by an advisor who also serves a village in another township, made
 * that advisor staff of the other township too (full phones, its ledger, its statistics, its
 * appointment hours), because roles and units were two flat lists.
 */
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { tuesdayMornings } from '../support/hours';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

const refusal = (code: string, reason: string) => ({ code, details: { reason } });
const resident = { name: '柳大姐', phone: '13800001111' };

/** A case a resident files at a village, and its id. */
async function caseAt(orgId: string, openid: string): Promise<string> {
  const made = await cloud.api(openid).case.submit({ category: 'consultation', summary: '邻居占了我家的宅基地，想咨询怎么办', orgId, applicant: resident });
  return made.id;
}

describe('grants through invites', () => {
  // 高志强律师 (seed-advisor-2) advises 柳树村 of 青石镇 and 河口村 of 柳河镇.
  const advisor = 'seed-advisor-2';
  let hekouCase: string;
  let liushuCase: string;

  beforeAll(async () => {
    const { code: chiefCode } = await cloud.api('demo-admin').identity.createInvite({ role: 'supervisor', orgIds: ['qs-station'] });
    await cloud.api('qs-chief').identity.redeemInvite({ code: chiefCode, displayName: '青石所长', phone: '13700000004' });
    // The supervisor of 青石镇 makes the advisor staff of 柳树村, one of her villages.
    const { code } = await cloud.api('qs-chief').identity.createInvite({ role: 'staff', orgIds: ['qs-liushu'] });
    await cloud.api(advisor).identity.redeemInvite({ code, displayName: '高志强律师', phone: '13900000004' });
    hekouCase = await caseAt('lh-hekou', 'grant-resident-1');
    liushuCase = await caseAt('qs-liushu', 'grant-resident-2');
  });

  it('gives the invited role on the invited units only', async () => {
    const me = await cloud.api(advisor).identity.whoami({});
    expect(me.grants).toEqual([
      { role: 'advisor', orgId: 'qs-liushu' },
      { role: 'advisor', orgId: 'lh-hekou' },
      { role: 'staff', orgId: 'qs-liushu' },
    ]);
    expect(me.roles).toEqual(['advisor', 'staff']);
  });

  it('refuses the other township’s phones, ledger, statistics and appointment hours', async () => {
    const api = cloud.api(advisor);
    await expect(api.case.contact({ caseId: hekouCase })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
    await expect(api.case.ledger({ from: '2026-01-01', to: '2026-12-31', orgId: 'lh-hekou' })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
    await expect(api.stats.board({ from: '2026-01-01', to: '2026-12-31', orgId: 'lh-hekou' })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
    const hours = tuesdayMornings('lh-hekou');
    await expect(api.booking.saveSchedule(hours)).rejects.toMatchObject(refusal('FORBIDDEN', 'not_office'));
    // Where the staff grant is, the hours are theirs to set.
    await expect(api.booking.saveSchedule({ ...hours, orgId: 'qs-liushu' })).resolves.toMatchObject({ daysKept: 0 });
    // An advisor reaches the cases assigned to them, not every case of their village.
    await expect(api.case.get({ caseId: hekouCase })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
  });

  it('acts as 河口村’s advisor on a case assigned there, and the ledger records the advisor, not staff', async () => {
    const hekouStaff = cloud.api('seed-staff-lh').case;
    await hekouStaff.act({ caseId: hekouCase, command: { type: 'assign', handler: { openid: advisor, name: '高志强律师' } } });
    const seen = await cloud.api(advisor).case.get({ caseId: hekouCase });
    expect(seen.asWorker).toBe(true);
    expect(seen.contact?.phone).toBe('138****1111');
    await cloud.api(advisor).case.act({ caseId: hekouCase, command: { type: 'accept' } });
    const events = cloud.db.find('case_events', { caseId: hekouCase, type: 'accepted' }) as Array<{ actor: { openid: string; role: string } }>;
    expect(events.map((e) => e.actor)).toEqual([expect.objectContaining({ openid: advisor, role: 'advisor' })]);
    // Assigned, they may call the resident: the reveal is theirs now, and on record.
    await expect(cloud.api(advisor).case.contact({ caseId: hekouCase })).resolves.toMatchObject({ phone: resident.phone });
  });

  it('keeps what the staff grant gives where it was given', async () => {
    const api = cloud.api(advisor);
    expect(await api.case.contact({ caseId: liushuCase })).toEqual({ phone: resident.phone, proxyPhone: null });
    const ledger = await api.case.ledger({ from: '2026-01-01', to: '2026-12-31', orgId: 'qs-liushu' });
    expect(ledger.rows.length).toBeGreaterThan(0);
    expect((await api.case.get({ caseId: liushuCase })).commands).toContain('triage');
  });

  it('lets a supervisor change advisor and staff grants in her subtree only, never promote, and records before and after', async () => {
    const chief = cloud.api('qs-chief').identity;
    const mine = { role: 'advisor', orgId: 'qs-liushu' } as const;
    const theirs = { role: 'advisor', orgId: 'lh-hekou' } as const;
    await expect(chief.updateMember({ openid: advisor, grants: [mine, theirs, { role: 'supervisor', orgId: 'qs-liushu' }] })).rejects.toMatchObject(
      refusal('FORBIDDEN', 'role_not_grantable'),
    );
    await expect(chief.updateMember({ openid: advisor, grants: [mine] })).rejects.toMatchObject(refusal('FORBIDDEN', 'grant_out_of_reach'));
    await expect(chief.deactivateMember({ openid: advisor, reason: '调离' })).rejects.toMatchObject(refusal('FORBIDDEN', 'grant_out_of_reach'));
    const updated = await chief.updateMember({ openid: advisor, grants: [mine, theirs] });
    expect(updated.grants).toEqual([mine, theirs]);
    const [row] = cloud.db.find('audit_log', { what: 'member.update', subject: advisor }) as Array<{ actor: string; detail: { before: { grants: unknown[]; phone: string }; after: { grants: unknown[] } } }>;
    expect(row?.actor).toBe('qs-chief');
    expect(row?.detail.before.grants).toHaveLength(3);
    expect(row?.detail.after.grants).toEqual([mine, theirs]);
    expect(row?.detail.before.phone).toBe('139****0004');
    await expect(cloud.api(advisor).case.contact({ caseId: liushuCase })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
  });
});

describe('members stored before grants', () => {
  it('get grants from the invites they redeemed, once, on their next call', async () => {
    // The old flat record of a person who was advisor of 新庄村 and (by a second invite) staff of 新联镇's station.
    await cloud.db.insertMany('invites', [
      { _id: 'LEGACY01', role: 'advisor', orgIds: ['lh-xinzhuang'], note: '', createdBy: 'demo-admin', createdAt: new Date(), expiresAt: new Date(), usedBy: 'legacy-1', usedAt: new Date() },
      { _id: 'LEGACY02', role: 'staff', orgIds: ['xl-station'], note: '', createdBy: 'demo-admin', createdAt: new Date(), expiresAt: new Date(), usedBy: 'legacy-1', usedAt: new Date() },
    ]);
    await cloud.db.insertMany('members', [
      { _id: 'legacy-1', roles: ['advisor', 'staff'], orgIds: ['lh-xinzhuang', 'xl-station'], displayName: '旧账号', phone: '13700000099', active: true },
    ]);
    const me = await cloud.api('legacy-1').identity.whoami({});
    expect(me.grants).toEqual([
      { role: 'advisor', orgId: 'lh-xinzhuang' },
      { role: 'staff', orgId: 'xl-station' },
    ]);
    expect(cloud.db.find('members', { _id: 'legacy-1' })).toEqual([expect.objectContaining({ grants: me.grants })]);
    // Staff of 新联镇 only: 新庄村 (柳河镇) is theirs to advise, not to run.
    await expect(cloud.api('legacy-1').stats.board({ from: '2026-01-01', to: '2026-12-31', orgId: 'lh-station' })).rejects.toMatchObject(
      refusal('FORBIDDEN', 'out_of_reach'),
    );
  });
});
