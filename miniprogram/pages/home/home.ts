import { ROLE_LABELS, isWorker } from '@core';
import { api } from '../../api/client';
import { showError } from '../../api/feedback';

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
    async load() {
      this.setData({ loading: true, failed: false });
      try {
        const me = await api().identity.whoami({});
        this.setData({
          loading: false,
          greeting: me.displayName ? `${me.displayName}，您好` : '您好，欢迎使用乡法通',
          roleText: me.roles.map((r) => ROLE_LABELS[r]).join('、'),
          worker: isWorker(me.roles),
          notices: me.notices,
        });
      } catch (err) {
        this.setData({ loading: false, failed: true });
        showError(err);
      }
    },
    onRetry() {
      void this.load();
    },
    onDirectory() {
      void wx.navigateTo({ url: '/pages/directory/directory' });
    },
  },
});
