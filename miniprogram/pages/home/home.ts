import { api } from '../../api/client';
import { loadInto } from '../../api/load';
import { describeRoles } from '../../api/me';

// Pages use Component() so miniprogram-simulate can render them (officially supported for pages).
Component({
  data: {
    loading: true,
    failed: false,
    greeting: '',
    roleText: '',
    worker: false,
    notices: [] as string[],
  },
  pageLifetimes: {
    show() {
      this.getTabBar?.()?.setData({ selected: 0 });
    },
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(
        this,
        () => api().identity.whoami({}),
        (me) => ({
          greeting: me.displayName ? `${me.displayName}，您好` : '您好，欢迎使用乡法通',
          ...describeRoles(me.roles),
          notices: me.notices,
        }),
      );
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
