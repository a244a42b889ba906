import { renderPage, simulate, tap, waitFor } from '../support/page';
import { callAs, resetShown, setPersona, shown } from '../support/page-setup';

beforeEach(() => resetShown());

describe('首页', () => {
  it('greets a resident with the identity devcloud answers', async () => {
    setPersona('demo-resident');
    const page = renderPage('pages/home/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.dom?.textContent).toContain('您好，欢迎使用乡法通');
    expect(page.dom?.textContent).toContain('身份：群众');
    expect(page.data.worker).toBe(false);
    expect(page.dom?.textContent).not.toContain('节假日安排');
  });

  it('points a resident with requests in hand to 办事进度, saying how many', async () => {
    setPersona('home-villager');
    const fresh = renderPage('pages/home/index');
    await waitFor(fresh, (d) => d.loading === false);
    expect(fresh.querySelector('#open-cases')).toBeFalsy();

    for (const summary of ['邻居占地', '工钱被拖欠']) {
      await callAs('home-villager', 'case', 'submit', { category: 'consultation', summary, applicant: { name: '吴老伯', phone: '13800002222' } });
    }
    const page = renderPage('pages/home/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.dom?.textContent).toContain('您有 2 件事正在办理');
    page.querySelector('#open-cases')?.dispatchEvent('tap');
    await simulate.sleep(10);
    expect(shown.navigations).toEqual(['/pages/case/list/index']);
  });

  it('takes a resident to the directory of service units', async () => {
    setPersona('demo-resident');
    const page = renderPage('pages/home/index');
    await waitFor(page, (d) => d.loading === false);
    tap(page.querySelector('#directory') ?? undefined);
    await simulate.sleep(10);
    expect(shown.navigations).toEqual(['/pages/org/list/index']);
  });

  it('shows the admin their role and the worker flag', async () => {
    setPersona('demo-admin');
    const page = renderPage('pages/home/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.dom?.textContent).toContain('身份：管理员');
    expect(page.data.worker).toBe(true);
    // chinese-days 1.5.7 has no 2027: workers are told before deadlines run into it.
    expect(page.dom?.textContent).toMatch(/\d{4}年节假日安排还没有录入/);
  });

  it('offers a real TDesign retry button when the service is unreachable, and retrying recovers', async () => {
    setPersona('demo-resident');
    const saved = process.env.DEVCLOUD_URL;
    process.env.DEVCLOUD_URL = 'http://127.0.0.1:9'; // nothing listens on the discard port
    const page = renderPage('pages/home/index', { real: ['t-button'] });
    await waitFor(page, (d) => d.failed === true, 15000);
    expect(shown.toasts.at(-1)?.title).toBe('网络不太好，请稍后再试');
    expect(page.querySelector('#retry >>> .t-button')).toBeTruthy();

    process.env.DEVCLOUD_URL = saved;
    page.querySelector('#retry >>> .t-button')?.dispatchEvent('tap');
    await simulate.sleep(10);
    await waitFor(page, (d) => d.loading === false && d.failed === false);
    expect(page.dom?.textContent).toContain('身份：群众');
  }, 20000);

  it('leads by the home village when known, and shows what waits for the resident as cards with one action each', async () => {
    setPersona('home-u1');
    const unset = renderPage('pages/home/index');
    await waitFor(unset, (d) => d.loading === false);
    expect(unset.dom?.textContent).toContain('设置我的村');

    await callAs('home-u1', 'identity', 'saveProfile', { name: '钱大妈', phone: '13800003333', villageId: 'qs-shanxia' });
    const filed = await callAs<{ id: string }>('home-u1', 'case', 'submit', { category: 'mediation', summary: '水渠被堵', orgId: 'qs-shanxia', applicant: { name: '钱大妈', phone: '13800003333' } });
    await callAs('seed-staff-qs', 'case', 'act', { caseId: filed.id, command: { type: 'accept' } });
    await callAs('seed-staff-qs', 'case', 'act', { caseId: filed.id, command: { type: 'requestMaterials', items: ['照片'] } });

    const page = renderPage('pages/home/index');
    await waitFor(page, (d) => d.loading === false);
    expect(page.dom?.textContent).toContain('我的村：山下村');
    expect(page.dom?.textContent).toContain('林晓岚律师');
    expect(page.data.cards).toEqual([expect.objectContaining({ kind: 'materials', id: filed.id, action: '去补交' })]);
    tap(page.querySelector('.waiting__go') ?? undefined);
    await simulate.sleep(10);
    expect(shown.navigations.at(-1)).toBe(`/pages/case/detail/index?caseId=${encodeURIComponent(filed.id)}`);
    page.querySelector('#my-village')?.dispatchEvent('tap');
    await simulate.sleep(10);
    expect(shown.navigations.at(-1)).toBe('/pages/org/detail/index?orgId=qs-shanxia');
  });
});
