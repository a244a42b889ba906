import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { cardOf, type Card } from '../view';
import { themed } from '../../../behaviors/themed';

/**
 * 我的预约: what is coming (with the check-in code, 取消 and 改约 while the unit's cut-off allows),
 * then what has passed or was cancelled, with the office's reason. One call on opening.
 */
Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    upcoming: [] as Card[],
    past: [] as Card[],
    busy: false,
    claimCode: '',
    claimPhone: '',
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  pageLifetimes: {
    show() {
      // Back from 改约: the list has changed.
      if (!this.data.loading) void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(
        this,
        () => api().booking.myBookings({}),
        ({ bookings }) => {
          const cards = bookings.map(cardOf);
          return { upcoming: cards.filter((c) => c.upcoming), past: cards.filter((c) => !c.upcoming) };
        },
      );
    },
    onBook() {
      void wx.navigateTo({ url: '/pages/booking/new/index' });
    },
    /** 上门服务 at the village this phone booked at before (the page asks for one if there is none). */
    onHomeVisit() {
      void wx.navigateTo({ url: '/pages/booking/home-visit/index' });
    },
    onCancel(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      const card = this.data.upcoming.find((c) => c.id === id);
      if (!card || this.data.busy) return;
      wx.showModal({
        title: '取消这个预约？',
        content: `${card.where} ${card.when}`,
        confirmText: '取消预约',
        cancelText: '不取消',
        success: (res) => {
          if (res.confirm) void this.cancel(id);
        },
      });
    },
    async cancel(bookingId: string): Promise<void> {
      this.setData({ busy: true });
      try {
        const done = cardOf(await api().booking.cancel({ bookingId }));
        wx.showToast({ title: '已取消', icon: 'none' });
        this.setData({ upcoming: this.data.upcoming.filter((c) => c.id !== bookingId), past: [done, ...this.data.past] });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
    onReschedule(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      const card = this.data.upcoming.find((c) => c.id === id);
      if (!card) return;
      void wx.navigateTo({ url: `/pages/booking/new/index?reschedule=${encodeURIComponent(id)}&orgId=${card.orgId}&service=${card.serviceKey}` });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ [field]: e.detail.value });
    },
    /** 代办: a booking someone made for this person, found by its code and their phone. */
    async onClaim(): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const card = cardOf(await api().booking.claim({ code: this.data.claimCode.trim(), phone: this.data.claimPhone.trim() }));
        wx.showToast({ title: '找到了', icon: 'none' });
        this.setData({ claimCode: '', claimPhone: '', upcoming: [...this.data.upcoming.filter((c) => c.id !== card.id), card] });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
    onRetry() {
      void this.load();
    },
  },
});
