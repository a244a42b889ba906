import { AppError } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { unitsFor, type Unit } from '../../../utils/units';
import { dayChoices, dayRows, markUnits, rememberedUnit, rememberUnit, rowOf, todayIn, type DayChip, type Row } from './view';
import { themed } from '../../../behaviors/themed';

/**
 * 预约名单: who has booked at a unit on a day. It opens with one call: on the unit looked at last
 * time on this phone (its bookings today), or, the first time, on the list of the person's units to
 * pick from. The function decides who may see and cancel; the page only draws its answer.
 */

interface Shown {
  orgId: string;
  day: string;
}

const keyOf = (q: Shown) => `${q.orgId}|${q.day}`;

/** Refusals that mean the remembered unit is no longer this person's to see. */
const NOT_MINE = new Set(['FORBIDDEN', 'NOT_FOUND']);

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    today: '',
    /** The unit whose bookings are shown (null until one is picked). */
    unit: null as Unit | null,
    /** The picker of units: open the first time and on 换单位. */
    choosing: false,
    unitsLoaded: false,
    units: [] as Array<Unit & { on: boolean }>,
    day: '',
    chips: [] as DayChip[],
    pickLabel: '选日期',
    pickOn: false,
    /** What the list shows: the unit and day it was answered for. */
    shownKey: '',
    dayLabel: '',
    rows: [] as Row[],
    cancelled: [] as Row[],
    count: 0,
    /** A cancellation or check-in travelling: the other buttons wait. */
    busy: false,
    /** The check-in code typed at the door. */
    code: '',
  },
  lifetimes: {
    attached() {
      const today = todayIn();
      const unit = rememberedUnit();
      this.setData({ today, day: today, unit, ...dayChoices(today, today) });
      if (unit) void this.loadDay();
      else void this.openChooser();
    },
  },
  methods: {
    asked(): Shown {
      return { orgId: this.data.unit?.id ?? '', day: this.data.day };
    },
    async loadDay(): Promise<void> {
      const asked = this.asked();
      if (!asked.orgId) return;
      let refused = false;
      await loadInto(
        this,
        () =>
          api()
            .booking.dayBookings(asked)
            .catch((err: unknown) => {
              refused = err instanceof AppError && NOT_MINE.has(err.code);
              throw err;
            }),
        (answer) => {
          // The unit or the day changed while this answer travelled: the one now chosen is fetched next.
          if (keyOf(this.asked()) !== keyOf(asked)) return { loading: true };
          return { shownKey: keyOf(asked), dayLabel: answer.dayLabel, ...dayRows(answer.bookings, answer.repeatNoShows) };
        },
      );
      if (refused) {
        // Not this person's unit (any more): forget it and let them pick again.
        rememberUnit(null);
        this.setData({ unit: null, shownKey: '', rows: [], cancelled: [], count: 0 });
        await this.openChooser();
        return;
      }
      if (keyOf(this.asked()) !== keyOf(asked) && !this.data.failed) await this.loadDay();
    },
    /** One request at a time: a choice made during a load is picked up when that load answers. */
    reload() {
      if (!this.data.loading) void this.loadDay();
    },
    async openChooser(): Promise<void> {
      if (this.data.unitsLoaded) {
        this.setData({ choosing: true });
        return;
      }
      await loadInto(
        this,
        () => api().org.list({}),
        ({ orgs, mine }) => ({ units: markUnits(unitsFor(orgs, mine), this.data.unit?.id ?? ''), unitsLoaded: true, choosing: true }),
      );
    },
    onSwitchUnit() {
      if (this.data.choosing) {
        // 换单位 again closes the list, back to the unit shown.
        if (this.data.unit) this.setData({ choosing: false });
        return;
      }
      void this.openChooser();
    },
    onChoose(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      const picked = this.data.units.find((u) => u.id === id);
      if (!picked) return;
      const unit = { id: picked.id, name: picked.name };
      rememberUnit(unit);
      this.setData({ unit, choosing: false, units: markUnits(this.data.units, unit.id) });
      this.reload();
    },
    setDay(day: string) {
      this.setData({ day, ...dayChoices(day, this.data.today) });
      this.reload();
    },
    onChip(e: WechatMiniprogram.BaseEvent) {
      // Tapping the day already shown asks again: the way to refresh the list.
      this.setDay((e.currentTarget.dataset as { day: string }).day);
    },
    onDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setDay(e.detail.value);
    },
    onCancel(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      const row = this.data.rows.find((r) => r.id === id);
      if (!row || this.data.busy) return;
      wx.showModal({
        title: `取消 ${row.time} ${row.who}的预约`,
        editable: true,
        placeholderText: '请写明原因，预约人会看到',
        confirmText: '确定取消',
        cancelText: '不取消',
        success: (res) => {
          if (res.confirm) void this.cancel(id, res.content ?? '');
        },
      });
    },
    async cancel(bookingId: string, reason: string): Promise<void> {
      this.setData({ busy: true });
      const shownKey = this.data.shownKey;
      try {
        const done = await api().booking.cancel({ bookingId, reason });
        wx.showToast({ title: '已取消，预约人会看到原因', icon: 'none' });
        // Another day or unit was opened meanwhile: its list is not this booking's.
        if (this.data.shownKey !== shownKey) return;
        const rows = this.data.rows.filter((r) => r.id !== bookingId);
        this.setData({ rows, count: rows.length, cancelled: [...this.data.cancelled.filter((r) => r.id !== bookingId), rowOf(done)] });
      } catch (err) {
        // Without a reason the function refuses, in words the page shows as they are.
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
    onCode(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: e.detail.value });
    },
    /** 签到 by the code the resident shows, or by hand on a row (data-id). */
    async onCheckIn(e: WechatMiniprogram.BaseEvent): Promise<void> {
      const id = (e.currentTarget.dataset as { id?: string }).id;
      const asked = this.asked();
      if (this.data.busy || !asked.orgId) return;
      this.setData({ busy: true });
      try {
        const { booking, caseId } = await api().booking.checkIn({ ...asked, ...(id ? { bookingId: id } : { code: this.data.code.trim() }) });
        wx.showToast({ title: `${booking.applicantName}已签到，已登记工单`, icon: 'none' });
        const missed = this.data.rows.find((r) => r.id === booking.id)?.missed ?? 0;
        this.setData({ code: '', rows: this.data.rows.map((r) => (r.id === booking.id ? { ...rowOf(booking), caseId, missed } : r)) });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
    onOpenCase(e: WechatMiniprogram.BaseEvent) {
      const caseId = (e.currentTarget.dataset as { case: string }).case;
      void wx.navigateTo({ url: `/pages/case/detail/index?caseId=${caseId}` });
    },
    onRetry() {
      if (this.data.unit) this.reload();
      else void this.openChooser();
    },
  },
});
