import { isRememberedWorker } from '../api/me';

/**
 * The custom tab bar (app.json tabBar.custom): a native bar cannot show a tab to some users only,
 * and 管理 is for workers alone. Large labels for elderly eyes.
 */
const RESIDENT_TABS = [
  { path: '/pages/home/home', text: '首页' },
  { path: '/pages/cases/cases', text: '办事进度' },
  { path: '/pages/mine/mine', text: '我的' },
];
const MANAGE_TAB = { path: '/pages/manage/manage', text: '管理' };

Component({
  data: { selected: 0, tabs: RESIDENT_TABS },
  lifetimes: {
    attached() {
      this.setData({ tabs: isRememberedWorker() ? [...RESIDENT_TABS, MANAGE_TAB] : RESIDENT_TABS });
    },
  },
  methods: {
    onSwitch(e: WechatMiniprogram.BaseEvent) {
      const index = Number((e.currentTarget.dataset as { index: number }).index);
      const tab = this.data.tabs[index];
      if (!tab || index === this.data.selected) return;
      void wx.switchTab({ url: tab.path });
    },
  },
});
