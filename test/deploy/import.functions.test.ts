import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countyStore, nodeSdkDatabase } from '../../scripts/import';
import { importCounty, PEOPLE_HEADERS, UNIT_HEADERS } from '../../scripts/import/county';
import { readSpreadsheet } from '../../scripts/import/sheets';
import { TEMPLATE_FILE } from '../../scripts/import/template';
import { startTestCloud, type TestCloud } from '../support/devcloud';

// npm run import against devcloud: the template twice is the template once; bad rows are named and skipped.
let cloud: TestCloud;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xft-import-'));
const NOW = new Date('2026-11-22T02:00:00Z');

beforeAll(async () => {
  cloud = await startTestCloud({ seed: false });
  cloud.clock.set(NOW);
}, 30000);
afterAll(async () => {
  await cloud.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const store = () => countyStore(nodeSdkDatabase({ devcloudUrl: cloud.url }));
const importFile = (file: string) => importCounty(readSpreadsheet(file), store(), NOW);
const docs = (name: string) => cloud.db.find(name, {}, { limit: 1000 }) as Array<Record<string, unknown>>;
/** What an import leaves: units and invites as stored, without the time of writing. */
const stored = () => ({
  orgs: docs('orgs')
    .map(({ updatedAt: _u, ...o }) => o)
    .sort((a, b) => String(a._id).localeCompare(String(b._id))),
  invites: docs('invites')
    .map((i) => ({ code: i._id, role: i.role, orgIds: i.orgIds, note: i.note, usedBy: i.usedBy }))
    .sort((a, b) => String(a.note).localeCompare(String(b.note))),
  calendar: docs('settings').map((c) => c.overrides),
});

describe('the template spreadsheet', () => {
  it('imports once: six units, four invites, the 2026 schedule, nothing rejected', async () => {
    const report = await importFile(TEMPLATE_FILE);
    expect(report.rejected).toEqual([]);
    expect(report.units.created).toHaveLength(6);
    expect(report.invites.map((i) => i.state)).toEqual(['created', 'created', 'created', 'created']);
    expect(report.years).toEqual([2026]);
  });

  it('imported twice equals imported once: same units, same invite codes, no duplicate', async () => {
    const once = stored();
    const report = await importFile(TEMPLATE_FILE);
    expect(report.rejected).toEqual([]);
    expect(report.units).toEqual({ created: [], updated: expect.arrayContaining(['sl-center', 'sl-liushu']) });
    expect(report.invites.map((i) => i.state)).toEqual(['updated', 'updated', 'updated', 'updated']);
    expect(stored()).toEqual(once);
    expect(once.invites).toHaveLength(4);
  });

  it('leaves units and invites the functions read as their own', async () => {
    const { org, advisors } = await cloud.api('someone').org.get({ id: 'sl-dongguan' });
    expect(org).toMatchObject({ tier: 'room', parentId: 'sl-chengguan', path: ['sl-center', 'sl-chengguan'], location: { lat: 43.7989, lng: 87.6254 } });
    expect(org.notice).toMatchObject({ officeHours: '每周二 9:00-12:00', supervisionPhone: '0999-12348' });
    expect(advisors).toEqual([]);
    const invite = stored().invites.find((i) => i.note === '李明律师 138****1001');
    const me = await cloud.api('lawyer-li').identity.redeemInvite({ code: String(invite?.code), displayName: '李明律师', phone: '13800001001' });
    expect(me.grants).toEqual([
      { role: 'advisor', orgId: 'sl-dongguan' },
      { role: 'advisor', orgId: 'sl-nanjie' },
    ]);
    // Re-importing after the redemption reports it and leaves the used invite alone.
    const again = await importFile(TEMPLATE_FILE);
    expect(again.invites.find((i) => i.name === '李明律师')).toMatchObject({ state: 'redeemed', code: invite?.code });
    expect(stored().invites).toHaveLength(4);
  });
});

describe('rejected rows', () => {
  const csv = (name: string, rows: string[][]) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, '\uFEFF' + rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n'));
    return file;
  };
  const room = (id: string, parent: string) => [id, '工作室', parent, `${id}工作室`, '村委会', '法律咨询', '职责', '王', '0999-1234567', '每周一上午', '0999-12348', '', ''];

  it('reports an unknown parent by line and skips it, importing the rest', async () => {
    const file = csv('units.csv', [[...UNIT_HEADERS], room('sl-xincun', 'sl-hexi'), room('sl-lost', 'no-such-station'), room('sl-baiyang', 'sl-hexi')]);
    const report = await importFile(file);
    expect(report.rejected).toEqual([{ sheet: 'units', line: 3, reason: 'unknown_parent', message: expect.stringContaining('no-such-station') }]);
    expect(report.units.created).toEqual(['sl-xincun', 'sl-baiyang']);
    expect(docs('orgs').map((o) => o._id)).not.toContain('sl-lost');
  });

  it('reports a bad phone, an unknown unit and an unknown role by line, and skips them', async () => {
    const before = stored().invites.length;
    const file = csv('people.csv', [
      [...PEOPLE_HEADERS],
      ['郑律师', '1380000100', '法律顾问', 'sl-xincun', ''],
      ['冯律师', '13800001005', '法律顾问', 'sl-nowhere', ''],
      ['陈律师', '13800001006', '法律顾问', 'sl-xincun', ''],
      ['褚同志', '13800001007', '志愿者', 'sl-center', ''],
    ]);
    const report = await importFile(file);
    expect(report.rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, 'bad_phone'],
      [3, 'unknown_unit'],
      [5, 'unknown_role'],
    ]);
    expect(report.invites.map((i) => [i.line, i.name, i.state])).toEqual([[4, '陈律师', 'created']]);
    expect(stored().invites).toHaveLength(before + 1);
  });
});
