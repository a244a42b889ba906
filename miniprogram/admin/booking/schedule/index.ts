import { themed } from '../../../behaviors/themed';
import type { Service } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { unitsFor, type Unit } from '../../../utils/units';
import { markUnits } from '../appointments/view';
import {
  activeHint,
  formData,
  horizonChoices,
  leadChoices,
  heldChoices,
  cutoffChoices,
  nextRow,
  savedText,
  serviceTag,
  slotChoices,
  suggested,
  valuesOf,
  WEEK,
  WEEK_LABELS,
  type Choice,
  type ServiceTag,
  type SessionRow,
} from './form';

/**
 * 预约时间设置: a unit's weekly hours for appointments. It opens with one call (the person's units
 * to pick from); picking one reads its schedule, or starts from a suggestion when it has none.
 * Whether the hours are right is the function's to say: its messages are shown as they come.
 */

/** Each unit's services (the tags to tick), kept off `data`: only the chosen unit's are drawn. */
const unitServices = new WeakMap<object, Map<string, Service[]>>();

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    choosing: false,
    units: [] as Array<Unit & { on: boolean }>,
    unit: null as Unit | null,
    /** The form is filled for `unit`. */
    ready: false,
    /** The unit has no schedule yet: the form shows a suggestion. */
    fresh: false,
    week: WEEK_LABELS,
    sessions: [] as SessionRow[],
    slotMinutes: 30,
    slots: [] as Choice[],
    capacity: 1,
    canLess: false,
    services: [] as ServiceTag[],
    horizonDays: 14,
    horizons: [] as Choice[],
    leadMinutes: 60,
    leads: [] as Choice[],
    heldSeats: 0,
    helds: [] as Choice[],
    releaseMinutes: 1440,
    cancelMinutes: 0,
    cutoffs: [] as Choice[],
    active: true,
    activeHint: '',
    saving: false,
    /** What the last 保存 said; cleared by the next change. */
    saved: '',
  },
  lifetimes: {
    attached() {
      void this.loadUnits();
    },
  },
  methods: {
    async loadUnits(): Promise<void> {
      await loadInto(
        this,
        () => api().org.list({}),
        ({ orgs, mine }) => {
          unitServices.set(this, new Map(orgs.map((o) => [o.id, [...o.services]])));
          return { units: markUnits(unitsFor(orgs, mine), ''), choosing: true };
        },
      );
    },
    servicesOf(orgId: string): Service[] {
      return unitServices.get(this)?.get(orgId) ?? [];
    },
    async loadSchedule(): Promise<void> {
      const orgId = this.data.unit?.id;
      if (!orgId) return;
      await loadInto(
        this,
        () => api().booking.getSchedule({ orgId }),
        ({ schedule }) => {
          // Another unit was picked while this answer travelled: that one is read next.
          if (this.data.unit?.id !== orgId) return { loading: true };
          const services = this.servicesOf(orgId);
          return { ready: true, fresh: schedule === null, saved: '', ...formData(schedule ?? suggested(services), services) };
        },
      );
      if (this.data.unit?.id !== orgId && !this.data.failed) await this.loadSchedule();
    },
    onSwitchUnit() {
      this.setData({ choosing: !this.data.choosing || !this.data.unit });
    },
    onChoose(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      const picked = this.data.units.find((u) => u.id === id);
      if (!picked) return;
      this.setData({ unit: { id: picked.id, name: picked.name }, choosing: false, ready: false, units: markUnits(this.data.units, picked.id) });
      if (!this.data.loading) void this.loadSchedule();
    },
    /** Any change: what was saved no longer describes the form. */
    edit(patch: Record<string, unknown>) {
      this.setData({ ...patch, saved: '' });
    },
    onWeekday(e: WechatMiniprogram.PickerChange) {
      const i = Number((e.currentTarget.dataset as { index: number }).index);
      const weekIndex = Number(e.detail.value);
      this.edit({ [`sessions[${i}].weekIndex`]: weekIndex, [`sessions[${i}].weekday`]: WEEK[weekIndex], [`sessions[${i}].day`]: WEEK_LABELS[weekIndex] });
    },
    onFrom(e: WechatMiniprogram.PickerChange) {
      this.edit({ [`sessions[${Number((e.currentTarget.dataset as { index: number }).index)}].from`]: String(e.detail.value) });
    },
    onTo(e: WechatMiniprogram.PickerChange) {
      this.edit({ [`sessions[${Number((e.currentTarget.dataset as { index: number }).index)}].to`]: String(e.detail.value) });
    },
    onAddSession() {
      this.edit({ [`sessions[${this.data.sessions.length}]`]: nextRow(this.data.sessions) });
    },
    onRemoveSession(e: WechatMiniprogram.BaseEvent) {
      const key = Number((e.currentTarget.dataset as { key: number }).key);
      this.edit({ sessions: this.data.sessions.filter((s) => s.key !== key) });
    },
    /** A tap on one of the choice rows: slot length, days ahead or notice. */
    onChoice(e: WechatMiniprogram.BaseEvent) {
      const { group, value: raw } = e.currentTarget.dataset as { group: 'slot' | 'horizon' | 'lead' | 'held' | 'cutoff'; value: number };
      const value = Number(raw);
      if (group === 'slot') this.edit({ slotMinutes: value, slots: slotChoices(value) });
      else if (group === 'horizon') this.edit({ horizonDays: value, horizons: horizonChoices(value) });
      else if (group === 'held') this.edit({ heldSeats: value, helds: heldChoices(value) });
      else if (group === 'cutoff') this.edit({ cancelMinutes: value, cutoffs: cutoffChoices(value) });
      else this.edit({ leadMinutes: value, leads: leadChoices(value) });
    },
    setCapacity(capacity: number) {
      this.edit({ capacity, canLess: capacity > 1 });
    },
    onLess() {
      if (this.data.canLess) this.setCapacity(this.data.capacity - 1);
    },
    onMore() {
      this.setCapacity(this.data.capacity + 1);
    },
    onService(e: WechatMiniprogram.BaseEvent) {
      const i = this.data.services.findIndex((s) => s.key === (e.currentTarget.dataset as { key: string }).key);
      const tag = this.data.services[i];
      if (tag) this.edit({ [`services[${i}]`]: serviceTag(tag.key, !tag.on) });
    },
    onActive(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.edit({ active: e.detail.value, activeHint: activeHint(e.detail.value) });
    },
    async onSave() {
      const orgId = this.data.unit?.id;
      if (!orgId || this.data.saving) return;
      this.setData({ saving: true, saved: '' });
      try {
        const { schedule, daysKept } = await api().booking.saveSchedule({ orgId, ...valuesOf(this.data) });
        // The schedule as stored (sessions in order of the week), unless another unit was picked meanwhile.
        if (this.data.unit?.id === orgId) {
          const services = this.servicesOf(orgId);
          this.setData({ ...formData(schedule, services), fresh: false, saved: savedText(daysKept) });
        }
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
    onRetry() {
      if (this.data.unit) void this.loadSchedule();
      else void this.loadUnits();
    },
  },
});
