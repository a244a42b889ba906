import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { fillEmpty, profileForForm } from '../../../api/profile';
import { requestConsent } from '../../notify/consent';
import { dayChips, groupChoices, isService, rememberedHome, rememberHome, serviceChoices, timeRows, toggle, type Step } from '../view';
import { themed } from '../../../behaviors/themed';

/**
 * 预约: what to do → where → which day → which time → who is coming → 预约成功 with the check-in
 * code. Opened from 首页 it starts at the service; from a unit's 公示栏 (orgId) at that unit's
 * services; from 我的预约's 改约 (reschedule) at the days. Each step is one call at most; the
 * function decides what can be booked, the page only draws its answers.
 */

interface SlotsAnswer {
  orgId: string;
  orgName: string;
  open: boolean;
  services: Array<{ key: string; label: string }>;
  days: Array<{ day: string; dayLabel: string; slots: Array<{ start: string; end: string; free: number; heldFree: number; open: boolean; openPriority: boolean }> }>;
}

let slots: SlotsAnswer | null = null;

Component({
  behaviors: [themed],
  properties: {
    /** A unit chosen on its 公示栏. */
    orgId: { type: String, value: '' },
    /** 改约: the booking to move (with its unit and service). */
    reschedule: { type: String, value: '' },
    service: { type: String, value: '' },
  },
  data: {
    step: 'service' as Step,
    loading: false,
    failed: false,
    services: serviceChoices(null, ''),
    picked: { service: '', serviceLabel: '', orgId: '', orgName: '', day: '', dayLabel: '', time: '' },
    places: [] as Array<{ orgId: string; name: string; tier: string; address: string; relation: string; distance: string }>,
    located: false,
    days: [] as Array<{ day: string; label: string; left: number; on: boolean }>,
    times: [] as Array<{ start: string; label: string; left: string; open: boolean; on: boolean }>,
    form: { name: '', phone: '', forOther: false, proxyName: '', proxyPhone: '', relation: '', note: '' },
    groups: groupChoices([]),
    priorityGroups: [] as string[],
    busy: false,
    done: null as null | { id: string; code: string; when: string; where: string },
  },
  lifetimes: {
    attached() {
      slots = null;
      if (this.data.reschedule && this.data.orgId) {
        this.setData({ 'picked.service': this.data.service, 'picked.orgId': this.data.orgId });
        void this.loadDays(this.data.orgId);
      } else if (this.data.orgId) void this.loadDays(this.data.orgId, true);
      // 我的 keeps the name and phone once: this phone's copy (我的 and 我要办事 keep it fresh) is
      // offered, with no call of its own; 预约's calls stay the ones it books with.
      void this.offerProfile();
    },
  },
  methods: {
    /** The profile's name and phone into the who-is-coming form, never over what was typed. */
    async offerProfile() {
      const p = await profileForForm({ ask: false });
      if (p) this.setData({ form: { ...this.data.form, ...fillEmpty(this.data.form, { name: p.name, phone: p.phone }) } });
    },
    /** The unit's days and times (one call): from a 公示栏 its services are offered first. */
    async loadDays(orgId: string, pickService = false): Promise<void> {
      await loadInto(
        this,
        () => api().booking.listSlots({ orgId }),
        (answer) => {
          slots = answer;
          const base = { 'picked.orgId': orgId, 'picked.orgName': answer.orgName };
          if (!answer.open) return { ...base, step: 'day', days: [] };
          if (pickService) return { ...base, step: 'service', services: serviceChoices(answer.services.map((s) => s.key), '') };
          return { ...base, step: 'day', days: dayChips(answer, this.priority(), '') };
        },
      );
    },
    priority(): boolean {
      return this.data.priorityGroups.length > 0;
    },
    onService(e: WechatMiniprogram.BaseEvent) {
      const value = (e.currentTarget.dataset as { value: string }).value;
      const choice = this.data.services.find((s) => s.value === value);
      if (!choice || !isService(value)) return;
      this.setData({ 'picked.service': value, 'picked.serviceLabel': choice.label, services: serviceChoices(slots ? slots.services.map((s) => s.key) : null, value) });
      if (slots) this.setData({ step: 'day', days: dayChips(slots, this.priority(), '') });
      else void this.loadPlaces();
    },
    async loadPlaces(location?: { latitude: number; longitude: number }): Promise<void> {
      const service = this.data.picked.service;
      if (!isService(service)) return;
      await loadInto(
        this,
        () => api().booking.places({ service, home: rememberedHome(), location }),
        ({ places }) => ({
          step: 'place',
          located: Boolean(location),
          places: places.map((p) => ({ orgId: p.orgId, name: p.name, tier: p.tier, address: p.address, relation: p.relation, distance: p.distanceKm === null ? '' : `${p.distanceKm} 公里` })),
        }),
      );
    },
    /** Nearest first, only when the resident agrees to share where they are. */
    onNearest() {
      wx.getLocation({
        type: 'gcj02',
        success: (at) => void this.loadPlaces({ latitude: at.latitude, longitude: at.longitude }),
        fail: () => wx.showToast({ title: '没有拿到位置，按本村、本乡镇、县中心排', icon: 'none' }),
      });
    },
    onPlace(e: WechatMiniprogram.BaseEvent) {
      const orgId = (e.currentTarget.dataset as { id: string }).id;
      void this.loadDays(orgId);
    },
    onDay(e: WechatMiniprogram.BaseEvent) {
      const day = (e.currentTarget.dataset as { day: string }).day;
      if (!slots) return;
      const chip = this.data.days.find((d) => d.day === day);
      this.setData({ 'picked.day': day, 'picked.dayLabel': chip?.label ?? day, step: 'time', days: dayChips(slots, this.priority(), day), times: timeRows(slots, day, this.priority(), '') });
    },
    onTime(e: WechatMiniprogram.BaseEvent) {
      const start = (e.currentTarget.dataset as { start: string }).start;
      const row = this.data.times.find((t) => t.start === start);
      if (!row?.open || !slots) return;
      this.setData({ 'picked.time': start, times: timeRows(slots, this.data.picked.day, this.priority(), start), step: 'confirm' });
    },
    onBack() {
      const order: Step[] = this.data.orgId || this.data.reschedule ? ['service', 'day', 'time', 'confirm'] : ['service', 'place', 'day', 'time', 'confirm'];
      const at = order.indexOf(this.data.step);
      if (at > 0) this.setData({ step: order[at - 1] as Step });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ [`form.${field}`]: e.detail.value });
    },
    onForOther(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ 'form.forOther': e.detail.value });
    },
    onGroup(e: WechatMiniprogram.BaseEvent) {
      const value = (e.currentTarget.dataset as { value: string }).value;
      const priorityGroups = toggle(this.data.priorityGroups, value);
      this.setData({ priorityGroups, groups: groupChoices(priorityGroups) });
    },
    /** 确认预约: WeChat asks for the reminder consent from this tap while the booking travels. */
    async onConfirm(): Promise<void> {
      if (this.data.busy) return;
      const { picked, form } = this.data;
      if (!isService(picked.service)) return;
      this.setData({ busy: true });
      const consent = requestConsent(['bookingReminder']).catch(() => false);
      try {
        const made = this.data.reschedule
          ? await api().booking.reschedule({ bookingId: this.data.reschedule, day: picked.day, time: picked.time })
          : await api().booking.book({
              orgId: picked.orgId,
              day: picked.day,
              time: picked.time,
              service: picked.service,
              applicant: { name: form.name, phone: form.phone },
              ...(form.forOther ? { proxy: { name: form.proxyName, phone: form.proxyPhone, relation: form.relation } } : {}),
              ...(form.note ? { note: form.note } : {}),
              ...(this.priority() ? { priorityGroups: toggle(this.data.priorityGroups, '') } : {}),
            });
        await consent;
        rememberHome(picked.orgId, this.data.places.find((p) => p.orgId === picked.orgId)?.tier ?? '');
        this.setData({ step: 'done', done: { id: made.id, code: made.code, when: `${made.dayLabel} ${made.time}`, where: made.orgName } });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
    onMine() {
      void wx.redirectTo({ url: '/pages/booking/mine/index' });
    },
    onRetry() {
      if (this.data.picked.orgId) void this.loadDays(this.data.picked.orgId);
      else void this.loadPlaces();
    },
  },
});
