import { startTestCloud, type TestCloud } from './support/devcloud';

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
});
afterAll(async () => {
  await cloud.close();
});

describe('identity.whoami through wx-server-sdk on devcloud', () => {
  it('answers a resident with the openid the platform gave, not one from the payload', async () => {
    const { status, body } = await cloud.call('identity', 'whoami', { openid: 'demo-admin' }, { openid: 'demo-resident' });
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, data: { openid: 'demo-resident', roles: ['resident'], displayName: null, orgIds: [] } });
  });

  it('knows the bootstrap admin from the function environment', async () => {
    const me = await cloud.data<{ roles: string[] }>('identity', 'whoami', {}, { openid: 'demo-admin' });
    expect(me.roles).toEqual(['admin']);
  });

  it('refuses a caller the platform did not identify', async () => {
    const { status, body } = await cloud.call('identity', 'whoami', {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请在微信里打开小程序后再试' } });
  });

  it('answers an unknown action with a stable code and Chinese text', async () => {
    const { body } = await cloud.call('identity', 'dropTables', {}, { openid: 'demo-resident' });
    expect(body).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: '暂不支持这个操作，请更新小程序后再试' } });
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
