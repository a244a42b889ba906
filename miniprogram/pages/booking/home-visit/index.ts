import { HOME_VISIT_GROUP_LABELS, HOME_VISIT_GROUPS, type HomeVisitGroup } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { rememberedHome, serviceChoices, isService } from '../view';
import { themed } from '../../../behaviors/themed';

/**
 * 上门服务: for someone who cannot come in. The unit is the one the resident came from (its 公示栏
 * or 我的预约, which remembers their village); the function decides who qualifies (age 70 or more
 * by birth date or stated age, disabled, injured migrant worker, in hospital) and opens a case the
 * unit's staff schedule. Opens with no call.
 */
Component({
  behaviors: [themed],
  properties: {
    orgId: { type: String, value: '' },
  },
  data: {
    unit: '',
    services: serviceChoices(['consultation', 'legalAid', 'mediation', 'lawyer'], 'consultation'),
    service: 'consultation',
    groups: HOME_VISIT_GROUPS.map((g) => ({ value: g, label: HOME_VISIT_GROUP_LABELS[g], on: false })),
    form: { name: '', phone: '', birthDate: '', age: '', address: '', preferredTimes: '', summary: '' },
    busy: false,
    done: null as null | { code: string },
  },
  lifetimes: {
    attached() {
      this.setData({ unit: this.data.orgId || rememberedHome() || '' });
    },
  },
  methods: {
    onService(e: WechatMiniprogram.BaseEvent) {
      const value = (e.currentTarget.dataset as { value: string }).value;
      this.setData({ service: value, services: serviceChoices(['consultation', 'legalAid', 'mediation', 'lawyer'], value) });
    },
    onGroup(e: WechatMiniprogram.BaseEvent) {
      const value = (e.currentTarget.dataset as { value: string }).value;
      this.setData({ groups: this.data.groups.map((g) => (g.value === value ? { ...g, on: !g.on } : g)) });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: string }).field;
      this.setData({ [`form.${field}`]: e.detail.value });
    },
    onBirthDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.birthDate': e.detail.value });
    },
    onDirectory() {
      void wx.navigateTo({ url: '/pages/org/list/index' });
    },
    async onSubmit(): Promise<void> {
      const { form, service, unit } = this.data;
      if (this.data.busy || !unit || !isService(service)) return;
      this.setData({ busy: true });
      try {
        const age = form.age.trim() ? Number(form.age) : undefined;
        const made = await api().booking.requestHomeVisit({
          orgId: unit,
          service,
          applicant: { name: form.name, phone: form.phone },
          ...(form.birthDate ? { birthDate: form.birthDate } : {}),
          ...(age !== undefined && Number.isFinite(age) ? { age } : {}),
          groups: this.data.groups.filter((g) => g.on).map((g) => g.value as HomeVisitGroup),
          address: form.address,
          preferredTimes: form.preferredTimes,
          summary: form.summary,
        });
        this.setData({ done: { code: made.code } });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
    onCases() {
      void wx.switchTab({ url: '/pages/case/list/index' });
    },
  },
});
