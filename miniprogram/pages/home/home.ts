import { ROLE_LABELS, isWorker } from '@core';
import { api } from '../../api/client';
import { loadInto } from '../../api/load';
import { rememberWorker } from '../../api/me';

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
          roleText: me.roles.map((r) => ROLE_LABELS[r]).join('、'),
          worker: rememberWorker(isWorker(me.roles)),
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
