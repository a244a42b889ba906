import { renderPage, waitFor } from '../support/page';
import { clearStorage, resetShown, setPersona, shown } from '../support/page-setup';

/** The tabs' names, without 消息's unread badge (the shared devcloud may hold notices for the persona). */
const names = (bar: ReturnType<typeof renderPage>) => (bar.data.tabs as Array<{ text: string }>).map((t) => t.text).join('');

beforeEach(() => {
  resetShown();
  clearStorage();
});

describe('custom tab bar', () => {
  it('shows residents 首页 · 办事进度 · 消息 · 我的, and no 管理', () => {
    const bar = renderPage('custom-tab-bar/index');
    expect(names(bar)).toBe('首页办事进度消息我的');
  });

  it('adds 管理 for a worker once 首页 has learned who they are, and switches tabs', async () => {
    setPersona('demo-advisor');
    const home = renderPage('pages/home/index');
    await waitFor(home, (d) => d.loading === false);
    const bar = renderPage('custom-tab-bar/index');
    expect(names(bar)).toBe('首页办事进度消息我的管理');
    bar.querySelectorAll('.tab')[4]?.dispatchEvent('tap');
    await new Promise((r) => setTimeout(r, 10));
    expect(shown.navigations).toEqual(['/pages/manage/index']);
  });

  it('gives a worker 管理 on their very first launch, once 首页 has asked who they are', async () => {
    setPersona('demo-staff');
    // First launch: nothing remembered, so the bar is drawn for a resident.
    const bar = renderPage('custom-tab-bar/index');
    expect(names(bar)).toBe('首页办事进度消息我的');
    const home = renderPage('pages/home/index');
    // The bar WeChat attaches to this page (simulate has no getTabBar of its own).
    (home.instance as unknown as { getTabBar: () => unknown }).getTabBar = () => bar.instance;
    await waitFor(home, (d) => d.loading === false);
    expect(names(bar)).toBe('首页办事进度消息我的管理');
  });
});
