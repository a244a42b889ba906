import { refreshLoads, retryLoads } from '../api/load';
import { watchNetwork } from '../utils/network';

const stops = new WeakMap<object, () => void>();

/**
 * What a page that loads through api/load's loadInto gets for a weak network: `onRetry` for its
 * failure line's 重试, pull-to-refresh (with `"enablePullDownRefresh": true` in the page's json),
 * and the failed loads sent again by themselves when the connection comes back. The offline
 * banner itself is the net-banner component.
 */
export const loadable = Behavior({
  data: { offline: false },
  lifetimes: {
    attached() {
      const stop = watchNetwork((online) => {
        const back = online && (this.data as { offline: boolean }).offline;
        this.setData({ offline: !online });
        if (back) void retryLoads(this);
      });
      stops.set(this, stop);
    },
    detached() {
      stops.get(this)?.();
      stops.delete(this);
    },
  },
  methods: {
    onRetry() {
      void retryLoads(this);
    },
    async onPullDownRefresh() {
      try {
        await refreshLoads(this);
      } finally {
        wx.stopPullDownRefresh();
      }
    },
  },
});
