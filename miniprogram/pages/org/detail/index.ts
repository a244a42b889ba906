import { CATEGORY_INFO, complaintProcedure, SERVICE_LABELS, TIER_LABELS } from '@core';
import { api } from '../../../api/client';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

Component({
  behaviors: [themed],
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
    location: null as { lat: number; lng: number } | null,
    /** 投诉办法: the same on every 公示栏, with the county's complaint limit. */
    complaintProcedure: complaintProcedure(CATEGORY_INFO.complaint.limit),
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
        () => api().org.get({ id: this.data.orgId }),
        ({ org, advisors }) => {
          wx.setNavigationBarTitle({ title: org.name });
          return {
            name: org.name,
            tierLabel: TIER_LABELS[org.tier],
            address: org.address,
            services: org.services.map((s) => SERVICE_LABELS[s]),
            notice: org.notice,
            advisors,
            location: org.location ?? null,
          };
        },
      );
    },
    onCall(e: WechatMiniprogram.BaseEvent) {
      const phone = (e.currentTarget.dataset as { phone: string }).phone;
      // Putting the phone down at the dialog is a choice, not a failure to report.
      wx.makePhoneCall({ phoneNumber: phone, fail: () => undefined });
    },
    /** 预约 at this unit: its services first. */
    onBooking() {
      void wx.navigateTo({ url: `/pages/booking/new/index?orgId=${this.data.orgId}` });
    },
    onHomeVisit() {
      void wx.navigateTo({ url: `/pages/booking/home-visit/index?orgId=${this.data.orgId}` });
    },
    /** 咨询 at this unit: 我要办事 with 法律咨询 and the unit chosen. */
    onConsult() {
      void wx.navigateTo({ url: `/pages/case/apply/index?category=consultation&orgId=${this.data.orgId}` });
    },
    /** 申请 at this unit: 我要办事 with the unit chosen (调解, 公证 … picked there). */
    onApply() {
      void wx.navigateTo({ url: `/pages/case/apply/index?orgId=${this.data.orgId}` });
    },
    onGuide() {
      void wx.navigateTo({ url: '/pages/guide/list/index' });
    },
    /** The phone's own map app navigates: no location permission is needed for it. */
    onNavigate() {
      const at = this.data.location;
      if (at) wx.openLocation({ latitude: at.lat, longitude: at.lng, name: this.data.name, address: this.data.address, scale: 16, fail: () => undefined });
    },
  },
});
