import { watchNetwork } from '../../utils/network';

const stops = new WeakMap<object, () => void>();

/**
 * The offline state every resident screen shows the same way: a banner while the phone has no
 * connection, saying that what was filled in stays (drafts live on the phone).
 */
Component({
  data: { offline: false },
  lifetimes: {
    attached() {
      stops.set(this, watchNetwork((online) => this.setData({ offline: !online })));
    },
    detached() {
      stops.get(this)?.();
      stops.delete(this);
    },
  },
});
