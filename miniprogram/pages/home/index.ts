import { api } from '../../api/client';
import { loadInto } from '../../api/load';
import { describeRoles } from '../../api/me';
import { drawTabBar } from '../../custom-tab-bar/tabs';

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
      drawTabBar(this, 0);
    },
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      await loadInto(
        this,
        () => api().identity.whoami({}),
        (me) => ({
          greeting: me.displayName ? `${me.displayName}，您好` : '您好，欢迎使用乡法通',
          ...describeRoles(me.roles),
          notices: me.notices,
          openCases: me.openCases,
        }),
      );
      // describeRoles has just remembered whether this person works here.
      drawTabBar(this, 0);
    },
    onCases() {
      void wx.switchTab({ url: '/pages/case/list/index' });
    },
    onRetry() {
      void this.load();
    },
    onApply() {
      void wx.navigateTo({ url: '/pages/case/apply/index' });
    },
    onLegalAid() {
      void wx.navigateTo({ url: '/pages/legal-aid/check/index' });
    },
    onBooking() {
      void wx.navigateTo({ url: '/pages/booking/new/index' });
    },
    onMyBookings() {
      void wx.navigateTo({ url: '/pages/booking/mine/index' });
    },
    onDirectory() {
      void wx.navigateTo({ url: '/pages/org/list/index' });
    },
  },
});
