import { renderPage, tap, waitFor, type RenderedPage } from '../support/page';
import { callAs, clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * 操作记录 for the center's supervisor (demo-supervisor), whose subtree is the whole county. Other
 * page tests write audit entries too, so this file asserts on entries it made itself.
 */

interface Entry {
  id: string;
  when: string;
  who: string;
  what: string;
  subject: string;
  detail: string;
  refused: boolean;
  act: string;
  actor: string;
  refusal: { action: string; cause: string } | null;
}

const entries = (page: RenderedPage) => page.data.entries as Entry[];
const filter = (page: RenderedPage, label: string) => {
  const el = page.querySelectorAll('.filter').find((f) => f.dom?.textContent?.trim() === label);
  if (!el) throw new Error(`no filter ${label}`);
  el.dispatchEvent('tap');
};

let code = '';
beforeAll(async () => {
  const made = await callAs<{ id: string; code: string }>('demo-resident', 'case', 'submit', {
    category: 'consultation',
    summary: '想看看谁查过我的电话',
    applicant: { name: '查询人', phone: '13800003333' },
  });
  code = made.code;
  // More reveals than one page holds, so 加载更多 has a second page.
  for (let i = 0; i < 31; i++) await callAs('demo-staff', 'case', 'contact', { caseId: made.id });
  // An advisor reaching for the ledger is refused, and on record.
  await expect(callAs('demo-advisor', 'case', 'ledger', { from: '2026-01-01', to: '2026-01-31' })).rejects.toThrow(/FORBIDDEN/);
});

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-supervisor');
});

describe('操作记录', () => {
  it('opens with one call on the last seven days and shows who revealed a phone, when', async () => {
    const page = renderPage('admin/identity/audit/index');
    await waitFor(page, (d) => d.loading === false);
    expect(shown.functionCalls).toEqual(['identity.auditLog']);
    expect(page.data.failed).toBe(false);
    const reveal = entries(page).find((e) => e.subject === `案件 ${code}`);
    expect(reveal).toMatchObject({ actor: 'demo-staff', act: 'case.contact.read', refused: false });
    expect(reveal?.when).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const text = page.dom?.textContent ?? '';
    expect(text).toContain('陈静（工作人员）');
    expect(text).toContain(`案件 ${code}`);
    expect(page.querySelector('.filter--on')?.dom?.textContent?.trim()).toBe('全部');
  });

  it('loads the next page on 加载更多, without repeats', async () => {
    const page = renderPage('admin/identity/audit/index');
    await waitFor(page, (d) => d.loading === false);
    filter(page, '查看个人信息');
    await waitFor(page, (d) => d.what === 'personalData' && d.loading === false && (d.entries as Entry[]).length > 0);
    expect(entries(page)).toHaveLength(30);
    tap(page.querySelector('#more') ?? undefined);
    await waitFor(page, (d) => d.more === false && (d.entries as Entry[]).length > 30);
    const ids = entries(page).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(entries(page).filter((e) => e.subject === `案件 ${code}`)).toHaveLength(31);
    expect(shown.functionCalls).toEqual(['identity.auditLog', 'identity.auditLog', 'identity.auditLog']);
  });

  it('shows refused calls apart, with who and why', async () => {
    const page = renderPage('admin/identity/audit/index');
    await waitFor(page, (d) => d.loading === false);
    filter(page, '被拒绝的访问');
    await waitFor(page, (d) => d.loading === false && d.what === 'refused');
    expect(page.querySelector('.filter--on')?.dom?.textContent?.trim()).toBe('被拒绝的访问');
    expect(entries(page).length).toBeGreaterThan(0);
    expect(entries(page).every((e) => e.refused)).toBe(true);
    expect(entries(page)).toEqual(expect.arrayContaining([expect.objectContaining({ actor: 'demo-advisor', refusal: { action: 'case.ledger', cause: 'role_not_allowed' } })]));
    expect(page.querySelectorAll('.entry--refused').length).toBe(entries(page).length);
  });

  it('tells staff it is not theirs to see, without a retry', async () => {
    setPersona('demo-staff');
    const page = renderPage('admin/identity/audit/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.data).toMatchObject({ failed: true, canRetry: false });
    expect(page.querySelector('#retry')).toBeFalsy();
    expect(page.dom?.textContent).toContain('只有负责人和管理员可以查看');
    expect(page.querySelector('.entry')).toBeFalsy();
  });
});
