import { CASE_CATEGORIES, CATEGORY_INFO, PROVIDER_KIND_LABELS, PROVIDER_KINDS, type CaseCategory, type Provider, type ProviderInput, type ProviderKind } from '@core';
import { api } from '../../../api/client';
import { failureLine, showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

type TextField = 'id' | 'name' | 'address' | 'phone' | 'hours' | 'licence' | 'credit' | 'lat' | 'lng';
type Form = Record<TextField, string>;
const EMPTY: Form = { id: '', name: '', address: '', phone: '', hours: '', licence: '', credit: '', lat: '', lng: '' };

const kindChoices = (on: ProviderKind) => PROVIDER_KINDS.map((k) => ({ value: k, label: PROVIDER_KIND_LABELS[k], on: k === on }));
const serviceChoices = (on: readonly CaseCategory[]) => CASE_CATEGORIES.map((s) => ({ value: s, label: CATEGORY_INFO[s].label, on: on.includes(s) }));

function formOf(p: Provider): Form {
  return { id: p.id, name: p.name, address: p.address, phone: p.phone, hours: p.hours, licence: p.licence, credit: p.credit, lat: p.location ? String(p.location.lat) : '', lng: p.location ? String(p.location.lng) : '' };
}

/**
 * 管理 → 服务机构名录: lawyers and firms, notary offices, mediation committees and mediators,
 * appraisal bodies and 基层法律服务所, each with its services, address, phone, hours, licence number
 * and public credit notes; 停用 takes one off the map without losing it. (npm run import loads many.)
 */
Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    failText: '',
    canRetry: true,
    providers: [] as Array<{ id: string; name: string; note: string }>,
    all: [] as Provider[],
    editing: false,
    isNew: false,
    form: EMPTY,
    kinds: kindChoices('lawFirm'),
    services: serviceChoices([]),
    stations: [] as Array<{ value: string; label: string; on: boolean }>,
    active: true,
    saving: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load(): Promise<void> {
      await loadInto(
        this,
        () => api().guide.providers({}),
        ({ providers }) => ({
          all: providers,
          providers: providers.map((p) => ({ id: p.id, name: p.name, note: `${PROVIDER_KIND_LABELS[p.kind]}${p.active ? '' : '（已停用）'}` })),
        }),
        (err) => failureLine(err),
      );
    },
    /** The township picker needs the stations: read when a form opens, not when the list does. */
    async openForm(p: Provider | null) {
      this.setData({
        editing: true,
        isNew: !p,
        form: p ? formOf(p) : EMPTY,
        kinds: kindChoices(p?.kind ?? 'lawFirm'),
        services: serviceChoices(p?.services ?? []),
        active: p?.active ?? true,
      });
      try {
        const { orgs } = await api().org.list({ tier: 'station' });
        this.setData({ stations: orgs.map((o) => ({ value: o.id, label: o.name.replace(/公共法律服务工作站$/, ''), on: o.id === p?.stationId })) });
      } catch (err) {
        showError(err);
      }
    },
    onNew() {
      void this.openForm(null);
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      void this.openForm(this.data.all.find((p) => p.id === id) ?? null);
    },
    onCancel() {
      this.setData({ editing: false });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: TextField }).field;
      this.setData({ [`form.${field}`]: e.detail.value });
    },
    onKind(e: WechatMiniprogram.BaseEvent) {
      this.setData({ kinds: kindChoices((e.currentTarget.dataset as { value: ProviderKind }).value) });
    },
    onService(e: WechatMiniprogram.BaseEvent) {
      const value = (e.currentTarget.dataset as { value: string }).value;
      this.setData({ services: this.data.services.map((s) => (s.value === value ? { ...s, on: !s.on } : s)) });
    },
    onStation(e: WechatMiniprogram.BaseEvent) {
      const value = (e.currentTarget.dataset as { value: string }).value;
      this.setData({ stations: this.data.stations.map((s) => ({ ...s, on: s.value === value ? !s.on : false })) });
    },
    onActive(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ active: e.detail.value });
    },
    input(): ProviderInput {
      const f = this.data.form;
      const located = f.lat.trim() !== '' || f.lng.trim() !== '';
      return {
        id: f.id.trim(),
        kind: this.data.kinds.find((k) => k.on)?.value ?? 'lawFirm',
        name: f.name,
        services: this.data.services.filter((s) => s.on).map((s) => s.value),
        address: f.address,
        phone: f.phone,
        hours: f.hours,
        licence: f.licence,
        credit: f.credit,
        stationId: this.data.stations.find((s) => s.on)?.value ?? null,
        ...(located && { location: { lat: Number(f.lat), lng: Number(f.lng) } }),
        active: this.data.active,
      };
    },
    async onSave() {
      if (this.data.saving) return;
      this.setData({ saving: true });
      try {
        await api().guide.saveProvider(this.input());
        wx.showToast({ title: '已保存', icon: 'success' });
        this.setData({ editing: false });
        await this.load();
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
    onRetry() {
      void this.load();
    },
  },
});
