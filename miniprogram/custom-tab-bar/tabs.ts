import { isRememberedWorker } from '../api/me';

/** The tabs everyone has, and 管理 for workers: a native bar cannot show a tab to some users only. */
const RESIDENT_TABS = [
  { path: '/pages/home/home', text: '首页' },
  { path: '/pages/cases/cases', text: '办事进度' },
  { path: '/pages/mine/mine', text: '我的' },
];
const MANAGE_TAB = { path: '/pages/manage/manage', text: '管理' };

export function tabsFor(worker: boolean) {
  return worker ? [...RESIDENT_TABS, MANAGE_TAB] : RESIDENT_TABS;
}

/**
 * What a tab page hands its own tab bar on show: each tab page has its own bar instance
 * (WeChat's custom tabBar docs), so each redraws 管理 from what is remembered now, e.g. right
 * after an invite was redeemed on 我的.
 */
export function tabBarState(selected: number) {
  return { selected, tabs: tabsFor(isRememberedWorker()) };
}
