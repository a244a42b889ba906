import { TIER_LABELS, type Org } from '@core';
import { api } from '../../../api/client';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

interface Section {
  id: string;
  title: string;
  units: Array<{ id: string; name: string; hours: string }>;
}

/** The center first, then each township with its village rooms: how residents think of the map. */
function sections(orgs: Org[]): Section[] {
  const unit = (o: Org) => ({ id: o.id, name: o.name, hours: o.notice.officeHours });
  const center = orgs.filter((o) => o.tier === 'center');
  const stations = orgs.filter((o) => o.tier === 'station');
  return [
    { id: 'center', title: TIER_LABELS.center, units: center.map(unit) },
    ...stations.map((s) => ({
      id: s.id,
      title: s.name.replace(TIER_LABELS.station, ''),
      units: [unit(s), ...orgs.filter((o) => o.parentId === s.id).map(unit)],
    })),
  ];
}

Component({
  behaviors: [themed],
  data: { loading: true, failed: false, sections: [] as Section[] },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(
        this,
        () => api().org.list({}),
        ({ orgs }) => ({ sections: sections(orgs) }),
      );
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      void wx.navigateTo({ url: `/pages/org/detail/index?orgId=${encodeURIComponent(id)}` });
    },
    onRetry() {
      void this.load();
    },
  },
});
