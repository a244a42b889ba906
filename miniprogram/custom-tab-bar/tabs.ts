import { isRememberedWorker } from '../api/me';

/** The tabs everyone has, and 管理 for workers: a native bar cannot show a tab to some users only. */
const RESIDENT_TABS = [
  { path: '/pages/home/index', text: '首页' },
  { path: '/pages/case/list/index', text: '办事进度' },
  { path: '/pages/mine/index', text: '我的' },
];
const MANAGE_TAB = { path: '/pages/manage/index', text: '管理' };

export function tabsFor(worker: boolean) {
  return worker ? [...RESIDENT_TABS, MANAGE_TAB] : RESIDENT_TABS;
}

/** A tab page, as far as its tab bar goes (the glass-easel typings add a callback form). */
interface TabPage {
  getTabBar?(): { setData(data: Record<string, unknown>): void } | undefined;
}

/**
 * Draws a tab page's own tab bar: each tab page has its own bar instance (WeChat's custom tabBar
 * docs), so each redraws 管理 from what is remembered now, on show and right after a whoami
 * (a worker's very first launch, an invite just redeemed).
 */
export function drawTabBar(page: TabPage, selected: number): void {
  page.getTabBar?.()?.setData({ selected, tabs: tabsFor(isRememberedWorker()) });
}
