import { PROVIDER_KIND_LABELS, CATEGORY_INFO, type CaseCategory, type Provider } from '@core';
import { api } from '../../../api/client';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

/** An outside provider's 公示栏 (挂牌亮证: licence and public credit shown), with 咨询 / 预约 / 导航. */
Component({
  behaviors: [themed],
  properties: {
    providerId: { type: String, value: '' },
  },
  data: {
    loading: true,
    failed: false,
    name: '',
    kindLabel: '',
    services: [] as string[],
    firstService: '' as CaseCategory | '',
    address: '',
    phone: '',
    hours: '',
    licence: '',
    credit: '',
    location: null as { lat: number; lng: number } | null,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(
        this,
        () => api().guide.provider({ id: this.data.providerId }),
        (p: Provider) => {
          wx.setNavigationBarTitle({ title: p.name });
          return {
            name: p.name,
            kindLabel: PROVIDER_KIND_LABELS[p.kind],
            services: p.services.map((s) => CATEGORY_INFO[s].label),
            firstService: p.services[0] ?? '',
            address: p.address,
            phone: p.phone,
            hours: p.hours,
            licence: p.licence,
            credit: p.credit || '暂无公开记录',
            location: p.location ?? null,
          };
        },
      );
    },
    onCall() {
      // Putting the phone down at the dialog is a choice, not a failure to report.
      wx.makePhoneCall({ phoneNumber: this.data.phone, fail: () => undefined });
    },
    onBook() {
      void wx.navigateTo({ url: `/pages/case/apply/index?category=${this.data.firstService}` });
    },
    onGuide() {
      void wx.navigateTo({ url: `/pages/guide/entry/index?service=${this.data.firstService}` });
    },
    /** The phone's own map app does the navigation: no location permission is needed for it. */
    onNavigate() {
      const at = this.data.location;
      if (!at) return;
      wx.openLocation({ latitude: at.lat, longitude: at.lng, name: this.data.name, address: this.data.address, scale: 16, fail: () => undefined });
    },
  },
});
