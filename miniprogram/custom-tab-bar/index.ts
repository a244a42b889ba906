import { isRememberedWorker } from '../api/me';
import { tabsFor } from './tabs';
import { themed } from '../behaviors/themed';

/**
 * The custom tab bar (app.json tabBar.custom), 管理 for workers alone. It starts from the worker
 * flag remembered from the last whoami; 首页 and 我的 redraw it after their own whoami, so a
 * worker's very first launch gets 管理 without a restart. Large labels for elderly eyes.
 */
Component({
  behaviors: [themed],
  data: { selected: 0, tabs: tabsFor(false) },
  lifetimes: {
    attached() {
      this.setData({ tabs: tabsFor(isRememberedWorker()) });
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
