import { startTestCloud, type TestCloud } from '../support/devcloud';

// chinese-days 1.5.7 knows 2026 but not 2027: from November 2026 the product must say so to staff
// and let an admin enter the State Council's notice.
let cloud: TestCloud;
let n = 0;
const rid = () => `cal-${Date.now().toString(36)}-${n++}`;
const notices = async (openid: string) => (await cloud.data<{ notices: string[] }>('identity', 'whoami', {}, { openid })).notices;

// Made-up 2027 schedule for the test, not the real notice.
const FAKE_2027 = [
  { date: '2027-01-01', kind: 'holiday' },
  { date: '2027-02-06', kind: 'holiday' },
  { date: '2027-02-07', kind: 'holiday' },
  { date: '2027-02-08', kind: 'holiday' },
  { date: '2027-02-20', kind: 'workday' },
];

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-11-22T02:00:00Z'));
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('the work calendar for years the package does not know', () => {
  it('warns workers, not residents, that 2027 is missing', async () => {
    expect(await notices('demo-staff')).toEqual(['2027年节假日安排还没有录入，办理期限可能算错，请管理员尽快录入']);
    expect(await notices('demo-resident')).toEqual([]);
    expect(await cloud.data('calendar', 'get', {}, { openid: 'demo-advisor' })).toEqual({ overrides: [], missingYears: [2027] });
  });

  it('lets an admin enter 2027 from the notice, after which the warning goes', async () => {
    const saved = await cloud.data<{ missingYears: number[] }>('calendar', 'saveYear', { year: 2027, overrides: FAKE_2027 }, { openid: 'demo-admin', requestId: rid() });
    expect(saved.missingYears).toEqual([]);
    await cloud.host.coolDown(); // other warm instances reread the calendar within a minute; fresh ones at once
    expect(await notices('demo-staff')).toEqual([]);
  });

  it('refuses dates outside the chosen year and a day marked both ways, in plain words', async () => {
    const outside = await cloud.call('calendar', 'saveYear', { year: 2027, overrides: [{ date: '2028-01-01', kind: 'holiday' }] }, { openid: 'demo-admin', requestId: rid() });
    expect(outside.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: [{ message: '录入的日期必须都在所选年份内' }] } });
    const both = await cloud.call(
      'calendar',
      'saveYear',
      { year: 2027, overrides: [{ date: '2027-05-01', kind: 'holiday' }, { date: '2027-05-01', kind: 'workday' }] },
      { openid: 'demo-admin', requestId: rid() },
    );
    expect(both.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(both.body)).toContain('同一天不能既是放假又是上班');
  });

  it('lets only an admin change it', async () => {
    const { body } = await cloud.call('calendar', 'saveYear', { year: 2027, overrides: FAKE_2027 }, { openid: 'demo-supervisor', requestId: rid() });
    expect(body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
