import type { CaseCategory, Place } from '@core';
import { api } from '../../../api/client';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

/** Where the map opens when no place has a position: the county seat of the demo data, replaced by the first placed unit. */
const FALLBACK = { latitude: 28.4512, longitude: 112.3315 };

interface Entry {
  key: string;
  type: Place['type'];
  id: string;
  name: string;
  meta: string;
  distance: string;
}

function view(places: Place[]) {
  const placed = places.filter((p) => p.location);
  return {
    entries: places.map<Entry>((p) => ({
      key: `${p.type}:${p.id}`,
      type: p.type,
      id: p.id,
      name: p.name,
      meta: `${p.kindLabel} · ${p.address}`,
      distance: p.distanceKm === null ? '' : `${p.distanceKm}公里`,
    })),
    // Marker ids must be numbers: the index into entries.
    markers: places.flatMap((p, i) =>
      p.location ? [{ id: i, latitude: p.location.lat, longitude: p.location.lng, title: p.name, width: 28, height: 36, callout: { content: p.name, display: 'BYCLICK', padding: 6, borderRadius: 4 } }] : [],
    ),
    latitude: placed[0]?.location?.lat ?? FALLBACK.latitude,
    longitude: placed[0]?.location?.lng ?? FALLBACK.longitude,
  };
}

/**
 * 服务地图: units and providers on the map and in a list. Without location (refused, or never asked)
 * the list is by township and works as well; asking for location is the resident's own tap.
 */
Component({
  behaviors: [themed],
  properties: {
    service: { type: String, value: '' },
  },
  data: {
    loading: true,
    failed: false,
    entries: [] as Entry[],
    markers: [] as Array<Record<string, unknown>>,
    latitude: FALLBACK.latitude,
    longitude: FALLBACK.longitude,
    townships: [] as Array<{ id: string; name: string }>,
    stationId: '',
    near: null as { lat: number; lng: number } | null,
    locating: false,
    note: '按乡镇列出',
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    load() {
      const { near, stationId, service } = this.data;
      return loadInto(
        this,
        () =>
          api().guide.places({
            ...(near && { near }),
            ...(stationId && { stationId }),
            ...(service && { service: service as CaseCategory }),
          }),
        ({ places, townships }) => ({ ...view(places), townships }),
      );
    },
    /** The resident's own tap asks for location; a refusal leaves the list by township as it was. */
    onLocate() {
      if (this.data.locating) return;
      this.setData({ locating: true });
      wx.getLocation({
        type: 'gcj02',
        success: (res) => {
          this.setData({ near: { lat: res.latitude, lng: res.longitude }, stationId: '', note: '离您最近的在前面', locating: false });
          void this.load();
        },
        fail: () => {
          this.setData({ locating: false, note: '没有获得您的位置，按乡镇列出' });
        },
      });
    },
    onTownship(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      this.setData({ stationId: id === this.data.stationId ? '' : id, near: null, note: '按乡镇列出' });
      void this.load();
    },
    open(entry: Entry | undefined) {
      if (!entry) return;
      const url = entry.type === 'unit' ? `/pages/org/detail/index?orgId=${entry.id}` : `/pages/guide/place/index?providerId=${entry.id}`;
      void wx.navigateTo({ url });
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const key = (e.currentTarget.dataset as { key: string }).key;
      this.open(this.data.entries.find((x) => x.key === key));
    },
    onMarker(e: WechatMiniprogram.CustomEvent<{ markerId: number }>) {
      this.open(this.data.entries[e.detail.markerId]);
    },
    onRetry() {
      void this.load();
    },
  },
});
