import { SERVICE_LABELS, TIER_LABELS } from '@core';
import { api } from '../../api/client';
import { showError } from '../../api/feedback';

Component({
  properties: {
    /** The unit's id: a Component-built page receives its query parameters as properties (not `id`, which names the element). */
    orgId: { type: String, value: '' },
  },
  data: {
    loading: true,
    failed: false,
    name: '',
    tierLabel: '',
    address: '',
    services: [] as string[],
    notice: { duty: '', contactPerson: '', contactPhone: '', officeHours: '', supervisionPhone: '' },
    advisors: [] as Array<{ displayName: string; phone: string }>,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ loading: true, failed: false });
      try {
        const { org, advisors } = await api().identity.getOrg({ id: this.data.orgId });
        wx.setNavigationBarTitle({ title: org.name });
        this.setData({
          loading: false,
          name: org.name,
          tierLabel: TIER_LABELS[org.tier],
          address: org.address,
          services: org.services.map((s) => SERVICE_LABELS[s]),
          notice: org.notice,
          advisors,
        });
      } catch (err) {
        this.setData({ loading: false, failed: true });
        showError(err);
      }
    },
    onCall(e: WechatMiniprogram.BaseEvent) {
      const phone = (e.currentTarget.dataset as { phone: string }).phone;
      void wx.makePhoneCall({ phoneNumber: phone });
    },
  },
});
