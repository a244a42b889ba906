import { api } from '../../api/client';
import { loadInto } from '../../api/load';
import { describeRoles } from '../../api/me';
import { tabBarState, tabsFor } from '../../custom-tab-bar/tabs';

// Pages use Component() so miniprogram-simulate can render them (officially supported for pages).
Component({
  data: {
    loading: true,
    failed: false,
    greeting: '',
    roleText: '',
    worker: false,
    notices: [] as string[],
    openCases: 0,
  },
  pageLifetimes: {
    show() {
      this.getTabBar?.()?.setData(tabBarState(0));
    },
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    /** Redraws the tab bar for who this person turned out to be (管理 for workers). */
    withTabs<T extends { worker: boolean }>(roles: T): T {
      this.getTabBar?.()?.setData({ tabs: tabsFor(roles.worker) });
      return roles;
    },
    load() {
      return loadInto(
        this,
        () => api().identity.whoami({}),
        (me) => ({
          greeting: me.displayName ? `${me.displayName}，您好` : '您好，欢迎使用乡法通',
          ...this.withTabs(describeRoles(me.roles)),
          notices: me.notices,
          openCases: me.openCases,
        }),
      );
    },
    onCases() {
      void wx.switchTab({ url: '/pages/cases/cases' });
    },
    onRetry() {
      void this.load();
    },
    onApply() {
      void wx.navigateTo({ url: '/pages/apply/apply' });
    },
    onDirectory() {
      void wx.navigateTo({ url: '/pages/directory/directory' });
    },
  },
});
