/**
 * The custom tab bar (app.json tabBar.custom): a native bar cannot show a tab to some users only,
 * and 管理 will be shown to workers alone. Large labels for elderly eyes.
 */
const TABS = [
  { path: '/pages/home/home', text: '首页' },
  { path: '/pages/mine/mine', text: '我的' },
];

Component({
  data: { selected: 0, tabs: TABS },
  methods: {
    onSwitch(e: WechatMiniprogram.BaseEvent) {
      const index = Number((e.currentTarget.dataset as { index: number }).index);
      const tab = TABS[index];
      if (!tab || index === this.data.selected) return;
      void wx.switchTab({ url: tab.path });
    },
  },
});
