import { CASE_CATEGORIES, catalogueFindings, DEFAULT_GUIDE, type caseContracts, type InputOf, type ProviderInput } from '../../core';
import { countyStore, nodeSdkDatabase } from '../../scripts/import';
import { importCounty } from '../../scripts/import/county';
import { startTestCloud, type TestCloud } from '../support/devcloud';

// 服务指南 and 服务地图 through the guide function on devcloud, and the 一次性告知 the case function builds from it.
let cloud: TestCloud;
type Command = InputOf<(typeof caseContracts)['act']>['command'];
const refusal = (code: string, reason: string) => ({ code, details: expect.objectContaining({ reason }) });
const act = (openid: string, caseId: string, command: Command) => cloud.api(openid).case.act({ caseId, command });

const NOTARY: ProviderInput = {
  id: 'qs-notary',
  kind: 'notaryOffice',
  name: '公证处青石镇联络点',
  services: ['notary'],
  address: '青禾县人民路8号',
  phone: '0999-6020001',
  hours: '工作日 8:30-17:30',
  licence: '公证机构执业证 0999001',
  credit: '近三年无行政处罚',
  stationId: 'qs-station',
  location: { lat: 28.4531, lng: 112.3342 },
  active: true,
};

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date('2026-11-24T02:00:00Z'));
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('the catalogue', () => {
  it('answers an entry for every service, each with a material and a cited limit, to anyone', async () => {
    const { entries } = await cloud.api('demo-elder').guide.catalogue({});
    expect(entries.map((e) => e.service)).toEqual([...CASE_CATEGORIES]);
    expect(catalogueFindings(entries)).toEqual([]);
    expect(entries.find((e) => e.service === 'legalAid')?.timeLimit.source).toContain('《法律援助法》第四十三条');
  });

  it('lets center staff edit an entry, audited, and shows the edit to residents', async () => {
    const notary = DEFAULT_GUIDE.find((e) => e.service === 'notary')!;
    const edited = { ...notary, fees: '按省定标准收费，公证处门口公示。' };
    const saved = await cloud.api('demo-staff').guide.saveEntry(edited);
    expect(saved).toMatchObject({ service: 'notary', title: '公证服务', fees: edited.fees, updatedBy: '陈静' });
    expect((await cloud.api('demo-resident').guide.entry({ service: 'notary' })).fees).toBe(edited.fees);
    expect(cloud.db.find('audit_log', { what: 'guide.saveEntry' }, {})).toEqual([expect.objectContaining({ subject: 'notary', actor: 'demo-staff' })]);
  });

  it('refuses station staff and residents', async () => {
    const mediation = DEFAULT_GUIDE.find((e) => e.service === 'mediation')!;
    await expect(cloud.api('seed-staff-qs').guide.saveEntry(mediation)).rejects.toMatchObject(refusal('FORBIDDEN', 'not_center_staff'));
    await expect(cloud.api('demo-resident').guide.saveEntry(mediation)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(cloud.api('demo-staff').guide.saveEntry({ ...mediation, materials: [] })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('一次性告知 from the catalogue', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await cloud.api('demo-resident').case.submit({ category: 'notary', summary: '父亲去世，想办继承公证', applicant: { name: '李大姐', phone: '13800000001' } })).id;
    await act('demo-staff', caseId, { type: 'assign', handler: { openid: 'demo-staff', name: '陈静' } });
    await act('demo-staff', caseId, { type: 'accept' });
  });

  it('refuses an item the catalogue does not list', async () => {
    await expect(act('demo-staff', caseId, { type: 'requestMaterials', listed: ['notary.passportPhoto'] })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'unknown_material'));
  });

  it('lists exactly the ticked items and the typed one; the resident sees each with why and what may replace it', async () => {
    const asked = await act('demo-staff', caseId, { type: 'requestMaterials', listed: ['notary.kinshipProof', 'notary.propertyProof'], items: ['死亡证明'] });
    expect(asked.missingMaterials).toEqual(['亲属关系证明', '财产凭证', '死亡证明']);
    const seen = await cloud.api('demo-resident').case.get({ caseId });
    expect(seen.materialsNotice).toEqual([
      { ref: 'notary.kinshipProof', name: '亲属关系证明', why: expect.stringContaining('关系'), replaceWith: expect.stringContaining('告知承诺书') },
      { ref: 'notary.propertyProof', name: '财产凭证', why: expect.stringContaining('财产'), replaceWith: expect.any(String) },
    ]);
    expect(seen.timeline.map((e) => e.detail)).toContain('需要补充：亲属关系证明、财产凭证、死亡证明');
  });

  it('drops an item from the notice once it is supplied', async () => {
    const after = await act('demo-resident', caseId, { type: 'supplyMaterials', items: ['亲属关系证明'] });
    expect(after.materialsNotice?.map((m) => m.ref)).toEqual(['notary.propertyProof']);
  });

  it('counts the most often missing items for 统计, by the catalogue’s names', async () => {
    const tally = await cloud.api('demo-supervisor').guide.missingTally({});
    expect(tally.notices).toBeGreaterThanOrEqual(1);
    expect(tally.items).toEqual([
      { ref: 'notary.kinshipProof', service: '公证服务', name: '亲属关系证明', count: 1 },
      { ref: 'notary.propertyProof', service: '公证服务', name: '财产凭证', count: 1 },
    ]);
    await expect(cloud.api('demo-supervisor').guide.missingTally({ from: '2026-11-30', to: '2026-11-01' })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'bad_period'));
  });
});

describe('the directory and the map', () => {
  it('lets center staff add a provider, audited; residents read its notice', async () => {
    await expect(cloud.api('seed-staff-qs').guide.saveProvider(NOTARY)).rejects.toMatchObject(refusal('FORBIDDEN', 'not_center_staff'));
    await expect(cloud.api('demo-staff').guide.saveProvider({ ...NOTARY, stationId: 'qs-dongpo' })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'unknown_station'));
    await cloud.api('demo-staff').guide.saveProvider(NOTARY);
    expect(await cloud.api('demo-elder').guide.provider({ id: 'qs-notary' })).toMatchObject({ name: '公证处青石镇联络点', licence: '公证机构执业证 0999001', credit: '近三年无行政处罚' });
    await expect(cloud.api('demo-elder').guide.provider({ id: 'nobody' })).rejects.toMatchObject(refusal('NOT_FOUND', 'provider_not_found'));
  });

  it('lists by township with no location: the center, then each station, its rooms, its providers', async () => {
    const { places, townships } = await cloud.api('demo-elder').guide.places({});
    // The county's 司法局 (tier bureau, under the center: scripts/seed) is no township and no place of the map.
    expect(townships.map((t) => t.name)).toEqual(['柳河乡', '青石镇', '杏林镇']);
    expect(places.map((p) => p.id)).not.toContain('qh-bureau');
    const qs = places.filter((p) => p.stationId === 'qs-station').map((p) => p.name);
    expect(places[0]?.name).toBe('青禾县公共法律服务中心');
    expect(qs[0]).toBe('青石镇公共法律服务工作站');
    expect(qs.slice(-2)).toEqual(['青石镇法律服务所', '公证处青石镇联络点']);
    expect(places.every((p) => p.distanceKm === null)).toBe(true);
    const one = await cloud.api('demo-elder').guide.places({ stationId: 'lh-station' });
    expect(new Set(one.places.map((p) => p.stationId))).toEqual(new Set(['lh-station']));
  });

  it('puts the nearest first when the resident shares where they are', async () => {
    const { places } = await cloud.api('demo-elder').guide.places({ near: { lat: 28.4531, lng: 112.3342 }, service: 'notary' });
    expect(places[0]).toMatchObject({ type: 'provider', name: '公证处青石镇联络点', distanceKm: 0 });
    expect(places.every((p) => p.services.includes('公证服务'))).toBe(true);
  });
});

describe('providers from the county spreadsheet (npm run import)', () => {
  const HEADERS = ['机构编号', '类别', '名称', '服务', '地址', '电话', '办公时间', '执业证号', '信用信息', '所属乡镇编号', '经度', '纬度', '停用'];
  const rows = [
    ['lh-lawyer-zhou', '律师', '周华律师', '律师服务、法律咨询', '柳河乡街道5号', '13800002001', '每周一 9:00-12:00', '14309990000009', '', 'lh-station', '112.3901', '28.4102', ''],
    ['xl-appraisal', '司法鉴定机构', '杏林司法鉴定所', '司法鉴定', '杏林镇卫生院旁', '0999-6088888', '工作日 8:00-17:00', '4309990002', '近三年无投诉成立记录', 'xl-station', '', '', ''],
    ['bad-kind', '中介', '某中介', '法律咨询', '县城', '0999-6000000', '随时', 'X1', '', '', '', '', ''],
    ['lost-station', '律师', '王律师', '律师服务', '县城', '13800002002', '随时', '14309990000010', '', 'qs-dongpo', '', '', ''],
  ];
  const sheet = { name: '服务机构', headers: HEADERS, rows: rows.map((r, i) => ({ line: i + 2, cells: Object.fromEntries(HEADERS.map((h, j) => [h, r[j] ?? ''])) })) };
  const providersStored = () =>
    (cloud.db.find('providers', {}, { limit: 1000 }) as Array<Record<string, unknown>>)
      .map(({ updatedAt: _u, ...p }) => p)
      .sort((a, b) => String(a._id).localeCompare(String(b._id)));
  const importSheet = () => importCounty([sheet], countyStore(nodeSdkDatabase({ devcloudUrl: cloud.url })));

  it('imports the good rows, names the bad ones by line, and twice gives the same directory as once', async () => {
    const first = await importSheet();
    expect(first.providers).toEqual({ created: ['lh-lawyer-zhou', 'xl-appraisal'], updated: [] });
    expect(first.rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, 'unknown_kind'],
      [5, 'unknown_station'],
    ]);
    const once = providersStored();
    const second = await importSheet();
    expect(second.providers).toEqual({ created: [], updated: ['lh-lawyer-zhou', 'xl-appraisal'] });
    expect(providersStored()).toEqual(once);
    const { places } = await cloud.api('demo-elder').guide.places({ stationId: 'lh-station' });
    expect(places.map((p) => p.name)).toContain('周华律师');
    expect(await cloud.api('demo-elder').guide.provider({ id: 'xl-appraisal' })).toMatchObject({ licence: '4309990002', stationId: 'xl-station', active: true });
  });
});
