import type { HomeCardKind } from '@core';
import { api } from '../../api/client';
import { loadInto } from '../../api/load';
import { describeRoles } from '../../api/me';
import { drawTabBar } from '../../custom-tab-bar/tabs';
import { cachedHome, rememberHome } from '../group/home-cache';
import { themed } from '../../behaviors/themed';

const CARD_ACTIONS: Record<HomeCardKind, string> = { materials: '去补交', rate: '去评价', booking: '看预约' };

/** The national public legal service hotline, answered by the county's 12348 line. */
const HOTLINE = '12348';

// Pages use Component() so miniprogram-simulate can render them (officially supported for pages).
Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    greeting: '',
    roleText: '',
    worker: false,
    notices: [] as string[],
    openCases: 0,
    /** The resident's home village (我的), with its advisors; null until they name one. */
    myVillage: null as null | { id: string; name: string; advisors: string },
    /** What waits for them, one card and one action each. */
    cards: [] as Array<{ kind: string; id: string; title: string; text: string; action: string }>,
    // 法治宣传 for the resident's home village (its group, township and county), newest first.
    village: '',
    publicity: [] as ReturnType<typeof cachedHome>['publicity'],
    shownBefore: false,
  },
  pageLifetimes: {
    show() {
      drawTabBar(this, 0);
      // Opening 首页 makes one call (whoami) and shows the 法治宣传 the group pages last read;
      // coming back to it refreshes them.
      if (this.data.shownBefore) void this.refreshPublicity();
      this.setData({ shownBefore: true });
    },
  },
  lifetimes: {
    attached() {
      const home = cachedHome();
      this.setData({ village: home.village, publicity: home.publicity });
      void this.load();
    },
  },
  methods: {
    async load() {
      // One call: who the caller is, their village and what waits for them (identity.home).
      await loadInto(
        this,
        () => api().identity.home({}),
        (me) => ({
          greeting: me.displayName ? `${me.displayName}，您好` : '您好，欢迎使用乡法通',
          ...describeRoles(me.roles),
          notices: me.notices,
          openCases: me.openCases,
          myVillage: me.village && { id: me.village.id, name: me.village.name.replace(/公共法律服务工作室$/, ''), advisors: me.village.advisors.map((a) => a.displayName).join('、') },
          cards: me.cards.map((c) => ({ ...c, action: CARD_ACTIONS[c.kind] })),
        }),
      );
      // describeRoles has just remembered whether this person works here.
      drawTabBar(this, 0);
    },
    /** A card's one action:补交 or rate on the case itself, the booking in 我的预约. */
    onCard(e: WechatMiniprogram.BaseEvent) {
      const { kind, id } = e.currentTarget.dataset as { kind: HomeCardKind; id: string };
      const url = kind === 'booking' ? '/pages/booking/mine/index' : `/pages/case/detail/index?caseId=${encodeURIComponent(id)}`;
      void wx.navigateTo({ url });
    },
    /** My village's 公示栏: its advisors to call, and 咨询 / 预约 / 申请 there. */
    onMyVillage() {
      const village = this.data.myVillage;
      if (village) void wx.navigateTo({ url: `/pages/org/detail/index?orgId=${village.id}` });
      else void wx.switchTab({ url: '/pages/mine/index' });
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
    onGroup() {
      void wx.navigateTo({ url: '/pages/group/list/index' });
    },
    async refreshPublicity() {
      if (!cachedHome().groupId) return;
      try {
        const { home, notices } = await api().group.home({});
        rememberHome(home, notices);
        const fresh = cachedHome();
        this.setData({ village: fresh.village, publicity: fresh.publicity });
      } catch {
        // The copy on screen stays; the next visit tries again.
      }
    },
    onGuide() {
      void wx.navigateTo({ url: '/pages/guide/list/index' });
    },
    /** 12348, the public legal service hotline, one tap away (WeChat asks before dialling). */
    onHotline() {
      // A refused dial (the person cancelled) needs nothing more.
      wx.makePhoneCall({ phoneNumber: HOTLINE, fail: () => undefined });
    },
  },
});
