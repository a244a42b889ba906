import { readXlsx } from '../../scripts/import/sheets';
import { insertGenerated } from '../../scripts/bench/generate-cases';
import { startTestCloud, type TestCloud } from '../support/devcloud';

/*
 * 台账 as a file (case.ledgerFile): the XLSX opens (read back here with the import's reader) with
 * the 接待登记表's columns plus case code and unit, one row per case, phones masked, every case on
 * the audit log; a 5,000-case month comes out whole.
 */

const HEADERS = ['来访人姓名', '联系方式', '来访时间', '接待人员', '办理事项', '办理过程及结果', '接待人签名', '满意度调查', '案件编号', '办理单位'];

let cloud: TestCloud;

async function download(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 60000);
afterAll(async () => {
  await cloud.close();
});

describe('case.ledgerFile', () => {
  it('holds the ledger columns and one row per case, phones masked, each case audited', async () => {
    cloud.clock.set(new Date('2026-05-11T02:00:00Z'));
    const ids: string[] = [];
    for (const summary of ['邻居占了我家的路', '儿子不给赡养费', '工伤赔偿怎么算']) {
      ids.push((await cloud.api('demo-resident').case.submit({ category: 'consultation', summary, applicant: { name: '张大爷', phone: '13812345678' } })).id);
    }
    const file = await cloud.api('demo-staff').case.ledgerFile({ from: '2026-05-01', to: '2026-05-31' });
    expect(file.rows).toBe(3);
    const [sheet] = readXlsx(await download(file.url));
    expect(sheet?.headers).toEqual(HEADERS);
    const body = (sheet?.rows ?? []).map((r) => r.cells);
    expect(body).toHaveLength(3);
    expect(body.map((r) => r['联系方式'])).toEqual(['138****5678', '138****5678', '138****5678']);
    expect(body.map((r) => r['办理事项']).join()).toContain('邻居占了我家的路');
    expect(body.map((r) => r['办理单位'])).toEqual(['青禾县公共法律服务中心', '青禾县公共法律服务中心', '青禾县公共法律服务中心']);
    expect(new Set(body.map((r) => r['案件编号'])).size).toBe(3);
    const logged = cloud.db.find('audit_log', { what: 'ledger.exportFile' }) as Array<{ detail: { caseIds: string[] } }>;
    expect(logged.flatMap((l) => l.detail.caseIds).sort()).toEqual([...ids].sort());
    // Stored privately: the file's own id opens nothing without the signed link.
    expect(file.fileID).toMatch(/exports\/ledger\/demo-staff\//);
  });

  it('exports a 5,000-case month without truncation', async () => {
    const now = new Date('2026-09-30T10:00:00Z');
    await insertGenerated(cloud.db, { cases: 5000, now, days: 30, seed: 7 });
    cloud.clock.set(now);
    const file = await cloud.api('demo-admin').case.ledgerFile({ from: '2026-08-31', to: '2026-09-30' });
    const [sheet] = readXlsx(await download(file.url));
    const inRange = (cloud.db.find('cases', {}) as Array<{ receivedAt: Date }>).filter((c) => {
      const t = new Date(c.receivedAt).getTime();
      return t >= new Date('2026-08-30T16:00:00Z').getTime() && t <= new Date('2026-09-30T15:59:59.999Z').getTime();
    }).length;
    expect(inRange).toBeGreaterThanOrEqual(4900);
    expect(file.rows).toBe(inRange);
    expect(sheet?.rows).toHaveLength(inRange);
    expect(new Set(sheet?.rows.map((r) => r.cells['案件编号'])).size).toBe(inRange);
  }, 120000);
});
