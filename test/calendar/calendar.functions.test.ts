import type { CalendarOverride } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

// chinese-days 1.5.7 knows 2026 but not 2027: from November 2026 the product must say so to staff
// and let an admin enter the State Council's notice.
let cloud: TestCloud;
const notices = async (openid: string) => (await cloud.api(openid).identity.whoami({})).notices;
const invalid = (field: { path: string; rule: string }) => ({ code: 'VALIDATION_FAILED', details: { reason: 'invalid_input', fields: [field] } });

// Made-up 2027 schedule for the test, not the real notice.
const SOURCE = '国务院办公厅关于2027年部分节假日安排的通知（测试用）';
const FAKE_2027: CalendarOverride[] = [
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
    expect(await cloud.api('demo-advisor').calendar.get({})).toEqual({ overrides: [], years: [], missingYears: [2027] });
  });

  it('lets an admin enter 2027 from the notice, after which the warning goes', async () => {
    const saved = await cloud.api('demo-admin').calendar.saveYear({ year: 2027, source: SOURCE, overrides: FAKE_2027 });
    expect(saved.missingYears).toEqual([]);
    expect(saved.years).toEqual([{ year: 2027, source: SOURCE, days: 5, savedAt: expect.stringMatching(/^2026-11-22T02:00/) }]);
    expect((await cloud.api('demo-staff').calendar.get({})).years).toEqual(saved.years);
    await cloud.host.coolDown(); // other warm instances reread the calendar within a minute; fresh ones at once
    expect(await notices('demo-staff')).toEqual([]);
  });

  it('refuses dates outside the chosen year and a day marked both ways, naming the rule and the field', async () => {
    const admin = cloud.api('demo-admin').calendar;
    await expect(admin.saveYear({ year: 2027, source: SOURCE, overrides: [{ date: '2028-01-01', kind: 'holiday' }] })).rejects.toMatchObject(
      invalid({ path: '', rule: 'outside_year' }),
    );
    // The day marked both ways is the overrides list's own rule (core/calendar), so zod's `custom`.
    const both = admin.saveYear({ year: 2027, source: SOURCE, overrides: [{ date: '2027-05-01', kind: 'holiday' }, { date: '2027-05-01', kind: 'workday' }] });
    await expect(both).rejects.toMatchObject(invalid({ path: 'overrides', rule: 'custom' }));
  });

  it('asks where the schedule comes from', async () => {
    await expect(cloud.api('demo-admin').calendar.saveYear({ year: 2027, source: ' ', overrides: FAKE_2027 })).rejects.toMatchObject(
      invalid({ path: 'source', rule: 'too_small' }),
    );
  });

  it('lets only an admin change it', async () => {
    await expect(cloud.api('demo-supervisor').calendar.saveYear({ year: 2027, source: SOURCE, overrides: FAKE_2027 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { reason: 'role_not_allowed' },
    });
  });
});
