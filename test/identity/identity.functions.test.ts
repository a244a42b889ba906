import { startTestCloud, type TestCloud } from '../support/devcloud';
import { WORKERS } from '../../scripts/seed/demo-county';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

const refusal = (code: string, reason: string) => ({ code, details: { reason } });

describe('whoami', () => {
  it('answers with the openid the platform gave, and refuses a payload that tries to name one', async () => {
    expect(await cloud.api('demo-resident').identity.whoami({})).toEqual({
      openid: 'demo-resident',
      roles: ['resident'],
      grants: [],
      displayName: null,
      orgIds: [],
      notices: [],
      openCases: 0,
    });
    // The typed client would not send it; a forged call might.
    const spoof = await cloud.call('identity', 'whoami', { openid: 'demo-admin' }, { openid: 'demo-resident' });
    expect(spoof.status).toBe(200);
    expect(spoof.body).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: { reason: 'invalid_input', fields: [{ path: '', rule: 'unrecognized_keys' }] } },
    });
  });

  it('knows each seeded worker by the invite they redeemed, and the bootstrap admin from the environment', async () => {
    expect(await cloud.api('demo-advisor').identity.whoami({})).toMatchObject({
      openid: 'demo-advisor',
      roles: ['advisor'],
      displayName: '林晓岚律师',
      orgIds: ['qs-dongpo', 'qs-shanxia', 'qs-heping'],
    });
    expect(await cloud.api('demo-admin').identity.whoami({})).toMatchObject({ roles: ['admin'] });
  });

  it('refuses a caller the platform did not identify', async () => {
    // No persona header: the typed client always sends one, so this is the raw call.
    const { body } = await cloud.call('identity', 'whoami', {});
    expect(body).toMatchObject({ ok: false, error: refusal('UNAUTHENTICATED', 'no_caller') });
  });

  it('reports cold then warm starts of the same instance', async () => {
    await cloud.host.coolDown();
    await cloud.api('demo-resident').identity.whoami({});
    await cloud.api('demo-resident').identity.whoami({});
    const [warm, cold] = cloud.host.recentCalls();
    expect(cold?.cold).toBe(true);
    expect(cold?.coldStartMs).toBeGreaterThan(0);
    expect(warm?.cold).toBe(false);
  });
});

describe('invites and members', () => {
  const admin = () => cloud.api('demo-admin').identity;

  it('turns a resident into a station staff member with a one-time code', async () => {
    const { code } = await admin().createInvite({ role: 'staff', orgIds: ['xl-station'] });
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    const me = await cloud.api('new-person').identity.redeemInvite({ code, displayName: '新同事', phone: '13700000000' });
    expect(me).toEqual({
      openid: 'new-person',
      roles: ['staff'],
      grants: [{ role: 'staff', orgId: 'xl-station' }],
      displayName: '新同事',
      orgIds: ['xl-station'],
      notices: [],
      openCases: 0,
    });
    await expect(cloud.api('someone-else').identity.redeemInvite({ code, displayName: '别人', phone: '13700000001' })).rejects.toMatchObject(
      refusal('NOT_FOUND', 'invite_invalid'),
    );
  });

  it('refuses a code nobody issued', async () => {
    await expect(cloud.api('guesser').identity.redeemInvite({ code: 'ABCDEFGH', displayName: '猜码者', phone: '13700000010' })).rejects.toMatchObject(
      refusal('NOT_FOUND', 'invite_invalid'),
    );
  });

  it('answers a repeated redeem with the same requestId with the first result, once', async () => {
    const { code } = await admin().createInvite({ role: 'advisor', orgIds: ['xl-jinsha'] });
    const requestId = `redeem-${Date.now().toString(36)}`;
    const redeem = () => cloud.api('retrier').identity.redeemInvite({ code, displayName: '重试者', phone: '13700000002' }, { requestId });
    const first = await redeem();
    const second = await redeem();
    expect(second).toEqual(first);
    expect(first).toMatchObject({ openid: 'retrier', roles: ['advisor'] });
  });

  it('refuses an expired code', async () => {
    const { code } = await admin().createInvite({ role: 'staff', orgIds: ['qs-station'], validDays: 1 });
    cloud.clock.set(new Date(Date.now() + 2 * 86_400_000));
    try {
      await expect(cloud.api('late').identity.redeemInvite({ code, displayName: '迟到者', phone: '13700000003' })).rejects.toMatchObject(
        refusal('NOT_FOUND', 'invite_invalid'),
      );
    } finally {
      cloud.clock.reset();
    }
  });

  it("keeps a supervisor inside their subtree: the center's supervisor sees every station's staff", async () => {
    const { members } = await cloud.api('demo-supervisor').identity.listMembers({ orgId: 'lh-station' });
    const ids = members.map((m) => m.openid);
    expect(ids).toEqual(expect.arrayContaining(['seed-staff-lh', 'seed-advisor-3']));
    expect(ids).not.toContain('seed-staff-qs');
  });

  it("refuses a station supervisor another township's members", async () => {
    const { code } = await admin().createInvite({ role: 'supervisor', orgIds: ['qs-station'] });
    await cloud.api('qs-chief').identity.redeemInvite({ code, displayName: '青石所长', phone: '13700000004' });
    const chief = cloud.api('qs-chief').identity;
    expect((await chief.listMembers({})).members.map((m) => m.openid)).toContain('demo-advisor');
    await expect(chief.listMembers({ orgId: 'xl-station' })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
    await expect(chief.createInvite({ role: 'staff', orgIds: ['xl-station'] })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
    await expect(chief.createInvite({ role: 'admin', orgIds: ['qs-station'] })).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_grantable'));
    await expect(chief.createInvite({ role: 'supervisor', orgIds: ['qs-dongpo'] })).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_grantable'));
    await expect(chief.createInvite({ role: 'staff', orgIds: ['no-such-unit'] })).rejects.toMatchObject(refusal('NOT_FOUND', 'unit_not_found'));
  });

  it('keeps supervisors and admins out of a supervisor’s reach', async () => {
    const { code } = await admin().createInvite({ role: 'admin', orgIds: ['qh-center'] });
    await cloud.api('second-admin').identity.redeemInvite({ code, displayName: '第二管理员', phone: '13700000009' });
    const supervisor = cloud.api('demo-supervisor').identity;
    await expect(supervisor.updateMember({ openid: 'second-admin', grants: [{ role: 'staff', orgId: 'qh-center' }] })).rejects.toMatchObject(refusal('FORBIDDEN', 'lead_account'));
    await expect(supervisor.deactivateMember({ openid: 'second-admin', reason: '试试' })).rejects.toMatchObject(refusal('FORBIDDEN', 'lead_account'));
    await expect(supervisor.updateMember({ openid: 'seed-staff-lh', grants: [{ role: 'staff', orgId: 'lh-station' }, { role: 'admin', orgId: 'lh-station' }] })).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_grantable'));
    await expect(supervisor.updateMember({ openid: 'nobody-here', displayName: '无此人' })).rejects.toMatchObject(refusal('NOT_FOUND', 'member_not_found'));
    expect(await cloud.api('second-admin').identity.whoami({})).toMatchObject({ roles: ['admin'] });
  });

  it('deactivates a member, who is then a resident again, and records who did it; nobody deactivates themselves', async () => {
    await admin().deactivateMember({ openid: 'new-person', reason: '调离' });
    expect(await cloud.api('new-person').identity.whoami({})).toMatchObject({ roles: ['resident'] });
    const audit = cloud.db.find('audit_log', { what: 'member.deactivate', subject: 'new-person' }) as Array<{ actor: string }>;
    expect(audit.map((a) => a.actor)).toEqual(['demo-admin']);
    await expect(cloud.api('second-admin').identity.deactivateMember({ openid: 'second-admin', reason: '不干了' })).rejects.toMatchObject(
      refusal('INVALID_STATE', 'self_deactivation'),
    );
  });

  it('has every demo worker in place', async () => {
    const { members } = await admin().listMembers({});
    for (const w of WORKERS) expect(members.map((m) => m.openid)).toContain(w.openid);
  });

  it('lists the deactivated too when an admin asks for everyone, phones masked', async () => {
    const { members } = await admin().listMembers({ includeInactive: true });
    expect(members.find((m) => m.openid === 'new-person')).toMatchObject({ active: false });
    expect(members.every((m) => /^\d{3}\*{4}\d{4}$/.test(m.phone))).toBe(true);
  });
});

describe('a resident’s profile and 首页 (U1)', () => {
  const me = 'u1-profile-resident';

  it('keeps the profile once: the phone sealed and masked, a form gets it back whole, age from the birth date', async () => {
    const api = cloud.api(me).identity;
    expect(await api.profile({})).toEqual({ profile: null, formPhone: null, roles: ['resident'], displayName: null, notices: [] });
    const { profile } = await api.saveProfile({ name: '王秀英', phone: '13812345678', villageId: 'qs-dongpo', birthDate: '1950-03-01' });
    expect(profile).toMatchObject({ name: '王秀英', phone: '138****5678', village: { id: 'qs-dongpo', name: '东坡村公共法律服务工作室' }, birthDate: '1950-03-01' });
    expect(profile.age).toBeGreaterThanOrEqual(76);
    const [stored] = cloud.db.find('profiles', { _id: me }) as Array<Record<string, unknown>>;
    expect(JSON.stringify(stored)).not.toContain('13812345678');
    expect(stored).toMatchObject({ phone: '138****5678', phoneHash: expect.any(String), phoneEnc: expect.any(Object) });
    expect(await api.profile({ forForm: true })).toMatchObject({ formPhone: '13812345678', profile: { phone: '138****5678' } });
    // Left out, the phone stays; the village can be cleared.
    expect((await api.saveProfile({ name: '王秀英', villageId: null })).profile).toMatchObject({ phone: '138****5678', village: null, birthDate: '1950-03-01' });
  });

  it('forgets the profile when its owner deletes it, and only theirs', async () => {
    const api = cloud.api('u1-profile-leaving').identity;
    await api.saveProfile({ name: '马六', phone: '13612345678' });
    await cloud.api('u1-profile-staying').identity.saveProfile({ name: '牛七', phone: '13612345679' });
    expect(await api.deleteProfile({})).toEqual({ deleted: true });
    expect(await api.profile({ forForm: true })).toMatchObject({ profile: null, formPhone: null });
    expect(await api.deleteProfile({})).toEqual({ deleted: false });
    expect((await cloud.api('u1-profile-staying').identity.profile({})).profile).toMatchObject({ name: '牛七' });
  });

  it('refuses a village that is not a village room, a birth date in the future, and a first save without a phone', async () => {
    await expect(cloud.api(me).identity.saveProfile({ name: '王秀英', villageId: 'qs-station' })).rejects.toMatchObject(refusal('NOT_FOUND', 'village_not_found'));
    await expect(cloud.api(me).identity.saveProfile({ name: '王秀英', birthDate: '2999-01-01' })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'birth_date'));
    await expect(cloud.api('u1-profile-newcomer').identity.saveProfile({ name: '李四' })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'phone_missing'));
  });

  it('首页 answers who the caller is, their village with its advisors, and one card per thing waiting for them', async () => {
    const api = cloud.api(me);
    await api.identity.saveProfile({ name: '王秀英', villageId: 'qs-dongpo' });
    const file = (summary: string) => api.case.submit({ category: 'mediation', summary, orgId: 'qs-dongpo', applicant: { name: '王秀英', phone: '13812345678' } });
    const waiting = await file('邻居占了我家的宅基地');
    const done = await file('儿子不给赡养费');
    await file('还在办的一件事');
    const advisor = cloud.api('seed-staff-qs').case;
    await advisor.act({ caseId: waiting.id, command: { type: 'accept' } });
    await advisor.act({ caseId: waiting.id, command: { type: 'requestMaterials', items: ['户口簿'] } });
    await advisor.act({ caseId: done.id, command: { type: 'accept' } });
    await advisor.act({ caseId: done.id, command: { type: 'resolve', result: '调解成功' } });
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    await cloud.db.insertMany('bookings', [{ _id: `qs-dongpo:u1:${me}`, openid: me, status: 'booked', startsAt, orgId: 'qs-dongpo' }]);

    const home = await api.identity.home({});
    expect(home).toMatchObject({ openid: me, roles: ['resident'], displayName: '王秀英', openCases: 2, notices: [] });
    expect(home.village).toMatchObject({ id: 'qs-dongpo', advisors: [{ displayName: '林晓岚律师', phone: '13900000003' }] });
    expect(home.cards.map((c) => [c.kind, c.id])).toEqual([
      ['materials', waiting.id],
      ['booking', `qs-dongpo:u1:${me}`],
      ['rate', done.id],
    ]);
    // Someone else's 首页 shows none of it.
    expect((await cloud.api('u1-profile-newcomer').identity.home({})).cards).toEqual([]);
  });
});
