import { renderPage, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * 满意度回访 (admin/evaluation/visits): a supervisor finds the 差评 from devcloud among their open
 * return visits, records the outcome with 整改 and sees it under 已回访. Page tests share one
 * devcloud, so this file follows its own case by code.
 */

interface Card {
  id: string;
  title: string;
  due: string;
  outcome: string;
}
const cards = (page: RenderedPage) => page.data.items as Card[];
const loaded = (page: RenderedPage) => waitFor(page, (d) => d.loading === false);

let code = '';

beforeAll(async () => {
  const { id } = await callAs<{ id: string }>('demo-resident', 'case', 'submit', { category: 'consultation', summary: '回访页面测试', applicant: { name: '测试', phone: '13800000000' } });
  await callAs('demo-staff', 'case', 'act', { caseId: id, command: { type: 'accept' } });
  const resolved = await callAs<{ case: { code: string } }>('demo-staff', 'case', 'act', { caseId: id, command: { type: 'resolve', result: '已解答' } });
  code = resolved.case.code;
  await callAs('demo-resident', 'case', 'act', { caseId: id, command: { type: 'evaluate', satisfaction: 1, comment: '没人理' } });
});

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-supervisor');
});

it('lists the 差评 with its due day, records the outcome, and shows it under 已回访', async () => {
  const page = renderPage('admin/evaluation/visits/index');
  await loaded(page);
  const mine = cards(page).find((c) => c.title.startsWith(code));
  expect(mine).toMatchObject({ title: `${code} · 差评回访` });
  expect(mine?.due).toMatch(/^\d{4}-\d{2}-\d{2}前回访/);
  expect(shown.functionCalls).toHaveLength(1);

  const record = page.querySelectorAll('.record')[cards(page).indexOf(mine as Card)];
  record?.dispatchEvent('tap');
  await waitFor(page, (d) => d.editing === mine?.id);
  const p = page.instance as unknown as { onText(e: object): void; onRectified(e: object): void; onSave(): Promise<void> };
  p.onText({ detail: { value: '电话回访，已道歉并重新解答' } });
  p.onRectified({ detail: { value: true } });
  await p.onSave();
  await waitFor(page, (d) => d.loading === false && d.editing === '');
  expect(cards(page).find((c) => c.id === mine?.id)).toBeUndefined();

  page.querySelectorAll('.tab')[1]?.dispatchEvent('tap');
  await waitFor(page, (d) => d.which === 'done' && d.loading === false);
  expect(cards(page).find((c) => c.id === mine?.id)?.outcome).toBe('已联系上，已整改：电话回访，已道歉并重新解答（周明远）');
});

it('tells a worker who is not a supervisor that 回访 is theirs', async () => {
  setPersona('demo-staff');
  const page = renderPage('admin/evaluation/visits/index');
  await loaded(page);
  expect(page.data.failed).toBe(true);
});

it('draws the third-party sample: closed cases with masked phones, the whole number only when calling', async () => {
  const page = renderPage('admin/evaluation/visits/index');
  await loaded(page);
  page.querySelectorAll('.tab')[2]?.dispatchEvent('tap');
  await waitFor(page, (d) => d.which === 'sample' && d.loading === false);
  const sample = page.data.sample as Array<{ id: string; title: string; contact: string }>;
  expect(sample.length).toBeGreaterThan(0);
  expect(sample.length).toBeLessThanOrEqual(10);
  for (const c of sample) expect(c.contact).toMatch(/\*{3,}/);
  expect(page.data.pool as number).toBeGreaterThanOrEqual(sample.length);

  const p = page.instance as unknown as { onSize(e: object): void; onDraw(): void };
  p.onSize({ detail: { value: '1' } });
  p.onDraw();
  await waitFor(page, (d) => d.loading === false && (d.sample as unknown[]).length === 1);

  page.querySelector('.call')?.dispatchEvent('tap');
  await waitFor(page, () => shown.calls.length > 0);
  expect(shown.calls[0]).toMatch(/^[\d-]{7,}$/);
});
