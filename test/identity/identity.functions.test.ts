import { startTestCloud, type TestCloud } from '../support/devcloud';
import { ROOMS, WORKERS } from '../../scripts/seed/demo-county';

let cloud: TestCloud;
let n = 0;
const rid = () => `test-${Date.now().toString(36)}-${n++}`;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('whoami', () => {
  it('answers with the openid the platform gave, and refuses a payload that tries to name one', async () => {
    const { status, body } = await cloud.call('identity', 'whoami', {}, { openid: 'demo-resident' });
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, data: { openid: 'demo-resident', roles: ['resident'], displayName: null, orgIds: [], notices: [], openCases: 0 } });
    const spoof = await cloud.call('identity', 'whoami', { openid: 'demo-admin' }, { openid: 'demo-resident' });
    expect(spoof.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('knows each seeded worker by the invite they redeemed, and the bootstrap admin from the environment', async () => {
    expect(await cloud.data('identity', 'whoami', {}, { openid: 'demo-advisor' })).toMatchObject({
      openid: 'demo-advisor',
      roles: ['advisor'],
      displayName: '林晓岚律师',
      orgIds: ['qs-dongpo', 'qs-shanxia', 'qs-heping'],
    });
    expect(await cloud.data('identity', 'whoami', {}, { openid: 'demo-admin' })).toMatchObject({ roles: ['admin'] });
  });

  it('refuses a caller the platform did not identify', async () => {
    const { body } = await cloud.call('identity', 'whoami', {});
    expect(body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请在微信里打开小程序后再试' } });
  });

  it('reports cold then warm starts of the same instance', async () => {
    await cloud.host.coolDown();
    await cloud.call('identity', 'whoami', {}, { openid: 'demo-resident' });
    await cloud.call('identity', 'whoami', {}, { openid: 'demo-resident' });
    const [warm, cold] = cloud.host.recentCalls();
    expect(cold?.cold).toBe(true);
    expect(cold?.coldStartMs).toBeGreaterThan(0);
    expect(warm?.cold).toBe(false);
  });
});

describe('the directory (三级平台)', () => {
  it('lists the 12 village rooms under their stations for anyone', async () => {
    const { orgs } = await cloud.data<{ orgs: Array<{ id: string; path: string[] }> }>('org', 'list', { tier: 'room' }, { openid: 'demo-resident' });
    expect(orgs).toHaveLength(12);
    expect(orgs.find((o) => o.id === 'lh-dawan')?.path).toEqual(['qh-center', 'lh-station']);
  });

  it('tells a worker which units are their own along with the directory, and a resident none', async () => {
    const staff = await cloud.data<{ mine: string[] }>('org', 'list', {}, { openid: 'seed-staff-qs' });
    expect(staff.mine).toEqual(['qs-station']);
    const resident = await cloud.data<{ mine: string[] }>('org', 'list', {}, { openid: 'demo-resident' });
    expect(resident.mine).toEqual([]);
  });

  it("shows a village room's public notice with the advisors who serve it", async () => {
    const res = await cloud.data<{ org: { name: string; notice: { officeHours: string; supervisionPhone: string } }; advisors: Array<{ displayName: string }> }>(
      'org',
      'get',
      { id: 'qs-shanxia' },
      { openid: 'demo-elder' },
    );
    expect(res.org.name).toBe('山下村公共法律服务工作室');
    expect(res.org.notice).toMatchObject({ officeHours: '每周二上午驻点', supervisionPhone: '0999-12348' });
    expect(res.advisors.map((a) => a.displayName)).toEqual(['林晓岚律师']);
  });

  it('refuses a room placed directly under the center, in plain words', async () => {
    const room = { ...(ROOMS[0] as object), id: 'bad-room', parentId: 'qh-center' };
    const { body } = await cloud.call('org', 'save', room, { openid: 'demo-admin', requestId: rid() });
    expect(body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: '上级单位不对：工作站属于中心，工作室属于工作站' } });
  });

  it('lets only an admin change the directory', async () => {
    const { body } = await cloud.call('org', 'save', ROOMS[0], { openid: 'demo-supervisor', requestId: rid() });
    expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('invites and members', () => {
  it('turns a resident into a station staff member with a one-time code', async () => {
    const { code } = await cloud.data<{ code: string }>('identity', 'createInvite', { role: 'staff', orgIds: ['xl-station'] }, { openid: 'demo-admin', requestId: rid() });
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    const me = await cloud.data('identity', 'redeemInvite', { code, displayName: '新同事', phone: '13700000000' }, { openid: 'new-person', requestId: rid() });
    expect(me).toEqual({ openid: 'new-person', roles: ['staff'], displayName: '新同事', orgIds: ['xl-station'], notices: [], openCases: 0 });
    const again = await cloud.call('identity', 'redeemInvite', { code, displayName: '别人', phone: '13700000001' }, { openid: 'someone-else', requestId: rid() });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '这个邀请码已经用过了' } });
  });

  it('answers a repeated redeem with the same requestId with the first result, once', async () => {
    const { code } = await cloud.data<{ code: string }>('identity', 'createInvite', { role: 'advisor', orgIds: ['xl-jinsha'] }, { openid: 'demo-admin', requestId: rid() });
    const id = rid();
    const first = await cloud.call('identity', 'redeemInvite', { code, displayName: '重试者', phone: '13700000002' }, { openid: 'retrier', requestId: id });
    const second = await cloud.call('identity', 'redeemInvite', { code, displayName: '重试者', phone: '13700000002' }, { openid: 'retrier', requestId: id });
    expect(second.body).toEqual(first.body);
    expect(first.body).toMatchObject({ ok: true });
  });

  it('refuses an expired code', async () => {
    const { code } = await cloud.data<{ code: string }>('identity', 'createInvite', { role: 'staff', orgIds: ['qs-station'], validDays: 1 }, { openid: 'demo-admin', requestId: rid() });
    cloud.clock.set(new Date(Date.now() + 2 * 86_400_000));
    const { body } = await cloud.call('identity', 'redeemInvite', { code, displayName: '迟到者', phone: '13700000003' }, { openid: 'late', requestId: rid() });
    cloud.clock.reset();
    expect(body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '邀请码已过期，请联系管理员重新生成' } });
  });

  it("keeps a supervisor inside their subtree: the center's supervisor sees every station's staff", async () => {
    const { members } = await cloud.data<{ members: Array<{ openid: string }> }>('identity', 'listMembers', { orgId: 'lh-station' }, { openid: 'demo-supervisor' });
    const ids = members.map((m) => m.openid);
    expect(ids).toEqual(expect.arrayContaining(['seed-staff-lh', 'seed-advisor-3']));
    expect(ids).not.toContain('seed-staff-qs');
  });

  it("refuses a station supervisor another township's members", async () => {
    const { code } = await cloud.data<{ code: string }>('identity', 'createInvite', { role: 'supervisor', orgIds: ['qs-station'] }, { openid: 'demo-admin', requestId: rid() });
    await cloud.data('identity', 'redeemInvite', { code, displayName: '青石所长', phone: '13700000004' }, { openid: 'qs-chief', requestId: rid() });
    const own = await cloud.data<{ members: Array<{ openid: string }> }>('identity', 'listMembers', {}, { openid: 'qs-chief' });
    expect(own.members.map((m) => m.openid)).toContain('demo-advisor');
    const other = await cloud.call('identity', 'listMembers', { orgId: 'xl-station' }, { openid: 'qs-chief' });
    expect(other.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const invite = await cloud.call('identity', 'createInvite', { role: 'staff', orgIds: ['xl-station'] }, { openid: 'qs-chief', requestId: rid() });
    expect(invite.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps supervisors and admins out of a supervisor’s reach', async () => {
    const { code } = await cloud.data<{ code: string }>('identity', 'createInvite', { role: 'admin', orgIds: ['qh-center'] }, { openid: 'demo-admin', requestId: rid() });
    await cloud.data('identity', 'redeemInvite', { code, displayName: '第二管理员', phone: '13700000009' }, { openid: 'second-admin', requestId: rid() });
    const demote = await cloud.call('identity', 'updateMember', { openid: 'second-admin', roles: ['staff'] }, { openid: 'demo-supervisor', requestId: rid() });
    expect(demote.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '负责人和管理员的账号只能由管理员调整' } });
    const remove = await cloud.call('identity', 'deactivateMember', { openid: 'second-admin', reason: '试试' }, { openid: 'demo-supervisor', requestId: rid() });
    expect(remove.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await cloud.data('identity', 'whoami', {}, { openid: 'second-admin' })).toMatchObject({ roles: ['admin'] });
  });

  it('refuses to move a unit under another parent once its subtree exists', async () => {
    const moved = { ...(ROOMS[0] as object), parentId: 'xl-station' };
    const { body } = await cloud.call('org', 'save', moved, { openid: 'demo-admin', requestId: rid() });
    expect(body).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  });

  it('deactivates a member, who is then a resident again, and records who did it', async () => {
    await cloud.data('identity', 'deactivateMember', { openid: 'new-person', reason: '调离' }, { openid: 'demo-admin', requestId: rid() });
    expect(await cloud.data('identity', 'whoami', {}, { openid: 'new-person' })).toMatchObject({ roles: ['resident'] });
    const audit = cloud.db.find('audit_log', { what: 'member.deactivate', subject: 'new-person' }) as Array<{ actor: string }>;
    expect(audit.map((a) => a.actor)).toEqual(['demo-admin']);
  });

  it('has every demo worker in place', async () => {
    const { members } = await cloud.data<{ members: Array<{ openid: string }> }>('identity', 'listMembers', {}, { openid: 'demo-admin' });
    for (const w of WORKERS) expect(members.map((m) => m.openid)).toContain(w.openid);
  });
});
