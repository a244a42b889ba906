import { SERVICE_LABELS, SERVICES, TIER_LABELS, type Org, type OrgInput, type Service, type Tier } from '@core';
import { api } from '../../../api/client';
import { failureLine, showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

type TextField = 'id' | 'name' | 'address' | 'duty' | 'contactPerson' | 'contactPhone' | 'officeHours' | 'supervisionPhone' | 'lat' | 'lng';
type Form = Record<TextField, string>;

const EMPTY: Form = { id: '', name: '', address: '', duty: '', contactPerson: '', contactPhone: '', officeHours: '', supervisionPhone: '', lat: '', lng: '' };

function formOf(org: Org): Form {
  return {
    id: org.id,
    name: org.name,
    address: org.address,
    ...org.notice,
    lat: org.location ? String(org.location.lat) : '',
    lng: org.location ? String(org.location.lng) : '',
  };
}

const serviceChoices = (on: readonly Service[]) => SERVICES.map((s) => ({ value: s, label: SERVICE_LABELS[s], on: on.includes(s) }));

/**
 * One unit's 公示栏 (opened with ?id=) or a new unit (?parentId=&tier=, the tier below its parent):
 * name, address, services, duty, contact, 驻点时间, 监督电话 and its place on the map (GCJ-02).
 */
Component({
  behaviors: [themed],
  properties: {
    /** The unit to edit (not `id`, which names the element); or, for a new unit, its parent and tier. */
    unitId: { type: String, value: '' },
    parentId: { type: String, value: '' },
    tier: { type: String, value: '' },
  },
  data: {
    loading: true,
    failed: false,
    failText: '',
    canRetry: true,
    isNew: false,
    tierText: '',
    form: EMPTY,
    services: serviceChoices([]),
    saving: false,
  },
  lifetimes: {
    attached() {
      if (this.properties.unitId) void this.load();
      else {
        const tier = this.properties.tier as Tier;
        this.setData({ loading: false, isNew: true, tierText: TIER_LABELS[tier] ?? '', services: serviceChoices(['consultation', 'mediation']) });
        void wx.setNavigationBarTitle({ title: `新建${TIER_LABELS[tier] ?? '单位'}` });
      }
    },
  },
  methods: {
    async load(): Promise<void> {
      await loadInto(
        this,
        () => api().org.get({ id: this.properties.unitId }),
        ({ org }) => ({ form: formOf(org), tierText: TIER_LABELS[org.tier], services: serviceChoices(org.services), parentId: org.parentId ?? '', tier: org.tier }),
        (err) => failureLine(err),
      );
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: TextField }).field;
      this.setData({ [`form.${field}`]: e.detail.value });
    },
    onService(e: WechatMiniprogram.BaseEvent) {
      const value = (e.currentTarget.dataset as { value: Service }).value;
      this.setData({ services: this.data.services.map((s) => (s.value === value ? { ...s, on: !s.on } : s)) });
    },
    input(): OrgInput {
      const f = this.data.form;
      const located = f.lat.trim() !== '' || f.lng.trim() !== '';
      return {
        id: f.id.trim(),
        tier: this.properties.tier as Tier,
        parentId: this.properties.parentId || null,
        name: f.name,
        address: f.address,
        services: this.data.services.filter((s) => s.on).map((s) => s.value),
        notice: { duty: f.duty, contactPerson: f.contactPerson, contactPhone: f.contactPhone, officeHours: f.officeHours, supervisionPhone: f.supervisionPhone },
        ...(located && { location: { lat: Number(f.lat), lng: Number(f.lng) } }),
      };
    },
    async onSave() {
      if (this.data.saving) return;
      this.setData({ saving: true });
      try {
        await api().org.save(this.input());
        wx.showToast({ title: '已保存', icon: 'success' });
        void wx.navigateBack();
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
