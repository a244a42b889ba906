import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { cardOf, type Card } from '../view';
import type { BookingView, RatingInput } from '@core';

/** A past booking: once attended, the holder rates it (好差评) and reads back what they said. */
type Past = Card & { attended: boolean; rated: string };

function pastOf(b: BookingView, said: ReadonlyMap<string, string>): Past {
  return { ...cardOf(b), attended: b.status === 'attended', rated: said.get(b.id) ?? '' };
}
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
    past: [] as Past[],
    /** The attended booking whose rating form is open. */
    rating: '',
    ratingBusy: false,
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
        async () => {
          const { bookings } = await api().booking.myBookings({});
          const attended = bookings.filter((b) => b.status === 'attended').map((b) => b.id);
          // What the person already said of their visits: asked only when there are some.
          const { ratings } = attended.length > 0 ? await api().evaluation.myRatings({ kind: 'booking', ids: attended }) : { ratings: [] };
          return { bookings, said: new Map(ratings.map((r) => [r.subjectId, r.text])) };
        },
        ({ bookings, said }) => ({
          upcoming: bookings.filter((b) => b.status === 'booked').map(cardOf),
          past: bookings.filter((b) => b.status !== 'booked').map((b) => pastOf(b, said)),
        }),
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
        this.setData({ upcoming: this.data.upcoming.filter((c) => c.id !== bookingId), past: [{ ...done, attended: false, rated: '' }, ...this.data.past] });
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
      // The button stays readable and tappable (a greyed one reads 1.2:1): what is missing is said instead.
      if (this.data.claimCode.trim().length !== 6 || !this.data.claimPhone.trim()) {
        wx.showToast({ title: '请填 6 位签到码和手机号', icon: 'none' });
        return;
      }
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
    onRate(e: WechatMiniprogram.BaseEvent) {
      this.setData({ rating: (e.currentTarget.dataset as { id: string }).id });
    },
    onRateCancel() {
      this.setData({ rating: '' });
    },
    /** The shared rating component's answers, for the visit whose form is open. */
    async onRated(e: WechatMiniprogram.CustomEvent<RatingInput>): Promise<void> {
      const id = this.data.rating;
      if (!id || this.data.ratingBusy) return;
      this.setData({ ratingBusy: true });
      try {
        const mine = await api().evaluation.rate({ kind: 'booking', id, ...e.detail });
        wx.showToast({ title: '已评价，谢谢', icon: 'none' });
        this.setData({ rating: '', past: this.data.past.map((c) => (c.id === id ? { ...c, rated: mine.text } : c)) });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ ratingBusy: false });
      }
    },
  },
});
