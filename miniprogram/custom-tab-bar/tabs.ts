import { isRememberedWorker } from '../api/me';
import { rememberedUnread } from '../pages/notify/unread';

/** The tabs everyone has, and 管理 for workers: a native bar cannot show a tab to some users only. */
const RESIDENT_TABS = [
  { path: '/pages/home/index', text: '首页' },
  { path: '/pages/case/list/index', text: '办事进度' },
  { path: '/pages/notify/inbox/index', text: '消息' },
  { path: '/pages/mine/index', text: '我的' },
];
const MANAGE_TAB = { path: '/pages/manage/index', text: '管理' };

const INBOX_PATH = '/pages/notify/inbox/index';

/** Each tab with its badge (消息's unread count, as last learnt) and what a screen reader says. */
export function tabsFor(worker: boolean, unread = rememberedUnread()) {
  return (worker ? [...RESIDENT_TABS, MANAGE_TAB] : RESIDENT_TABS).map((t) => {
    const badge = t.path === INBOX_PATH && unread > 0 ? (unread > 99 ? '99+' : String(unread)) : '';
    return { ...t, badge, label: badge ? `${t.text}，${unread}条未读` : t.text };
  });
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
