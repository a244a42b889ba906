import { formatShanghai } from '../../core';
import { renderPage, simulate, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

type Handlers = Record<'onFrom' | 'onTo' | 'onUnit', (e: { detail: { value: string } }) => void>;
const handlers = (page: RenderedPage) => page.instance as unknown as Handlers;

let code = '';
// Unique per run, in letters: digits as long as a phone number would be masked at intake (X1).
const summary = `台账测试：老人赡养费 ${Date.now().toString(36)}`;

beforeAll(async () => {
  // Enough of this month's calls that the page has to draw them in more than one go.
  for (let i = 0; i < 25; i++) {
    await callAs('demo-staff', 'case', 'register', {
      channel: 'hotline12348',
      category: 'consultation',
      summary: `台账测试：电话咨询第${i + 1}个`,
      orgId: 'qh-center',
      applicant: { name: '来电群众', phone: '0999-1000000' },
    });
  }
  const created = await callAs<{ code: string }>('demo-staff', 'case', 'register', {
    channel: 'hotline12348',
    category: 'consultation',
    summary,
    orgId: 'qs-station',
    applicant: { name: '郑阿婆', phone: '0999-7654321' },
  });
  code = created.code;
});

type Card = { code: string; fields: Array<{ label: string; value: string }> };

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-staff');
});

describe('服务台账 (the ledger page)', () => {
  it('shows this month’s 接待登记 for the staff member’s units, every column labelled, and copies it as a table', async () => {
    const page = renderPage('admin/case/ledger/index');
    await waitFor(page, (d) => d.loading === false);
    const today = formatShanghai(new Date(), 'YYYY-MM-DD');
    expect(page.data).toMatchObject({ from: `${today.slice(0, 8)}01`, to: today });
    tap(page.querySelector('#search') ?? undefined);
    await waitFor(page, (d) => d.searched === true && d.searching === false);
    // A month can hold hundreds of cases: they are drawn twenty at a time, the rest on request.
    const total = page.data.total as number;
    expect(total).toBeGreaterThan(20);
    expect((page.data.cards as Card[]).length).toBe(20);
    while ((page.data.cards as Card[]).length < total) {
      const before = (page.data.cards as Card[]).length;
      tap(page.querySelector('#more') ?? undefined);
      await waitFor(page, (d) => (d.cards as Card[]).length > before);
    }
    expect(page.querySelector('#more')).toBeFalsy();

    const card = (page.data.cards as Card[]).find((c) => c.code === code);
    expect(card?.fields.map((f) => f.label)).toEqual(['来访人姓名', '联系方式', '来访时间', '接待人员', '办理事项', '办理过程及结果', '接待人签名', '满意度调查']);
    expect(card?.fields.find((f) => f.label === '办理事项')?.value).toBe(`法律咨询（12348热线）：${summary}`);
    expect(page.dom?.textContent).toContain('郑阿婆');

    tap(page.querySelector('#copy') ?? undefined);
    await simulate.sleep(10);
    const lines = (shown.clipboard[0] ?? '').split('\n');
    expect(lines).toHaveLength(total + 1);
    expect(lines[0]).toBe('案件编号\t来访人姓名\t联系方式\t来访时间\t接待人员\t办理事项\t办理过程及结果\t接待人签名\t满意度调查');
    // The ledger's numbers are masked: a full one is read through case.contact, one case at a time.
    expect(lines.some((l) => l.startsWith(`${code}\t郑阿婆\t099*****4321\t`))).toBe(true);
    expect(shown.toasts.at(-1)?.title).toMatch(/^已复制\d+条，可粘贴到表格$/);
  });

  it('narrows to one unit below the staff member’s own', async () => {
    const page = renderPage('admin/case/ledger/index');
    await waitFor(page, (d) => d.loading === false);
    const units = page.data.units as Array<{ id: string }>;
    const { code: lhCode } = await callAs<{ code: string }>('demo-staff', 'case', 'register', {
      channel: 'agency',
      category: 'mediation',
      summary: '乡里转来的土地纠纷',
      orgId: 'lh-station',
      applicant: { name: '冯大姐', phone: '13800003333' },
    });
    handlers(page).onUnit({ detail: { value: String(units.findIndex((u) => u.id === 'lh-station')) } });
    tap(page.querySelector('#search') ?? undefined);
    await waitFor(page, (d) => d.searched === true && d.searching === false);
    const codes = (page.data.cards as Card[]).map((c) => c.code);
    expect(codes).toContain(lhCode);
    expect(codes).not.toContain(code);
  });

  it('explains a backwards date range in plain words', async () => {
    const page = renderPage('admin/case/ledger/index');
    await waitFor(page, (d) => d.loading === false);
    handlers(page).onFrom({ detail: { value: '2026-11-20' } });
    handlers(page).onTo({ detail: { value: '2026-11-01' } });
    tap(page.querySelector('#search') ?? undefined);
    await waitFor(page, () => shown.modals.length > 0);
    expect(shown.modals[0]?.content).toBe('开始日期不能晚于结束日期');
  });
});
