import { PARENT_TIER, TIER_LABELS, type Org, type Tier } from '@core';
import { api } from '../../../api/client';
import { failureLine } from '../../../api/feedback';
import { themed } from '../../../behaviors/themed';

interface UnitRow {
  id: string;
  name: string;
  tierText: string;
  depth: number;
  /** The tier a new unit under this one takes (a station under the center, a room under a station); '' for rooms. */
  childTier: Tier | '';
  childText: string;
}

/** The tier a manager adds under a unit: a station under the center (the county's one 司法局 is entered once, not added from here). */
const CHILD_TIER: Partial<Record<Tier, Tier>> = Object.fromEntries(
  Object.entries(PARENT_TIER)
    .filter(([tier, parent]) => parent !== null && tier !== 'bureau')
    .map(([tier, parent]) => [parent, tier]),
);
const DEPTH: Record<Tier, number> = { center: 0, station: 1, bureau: 1, room: 2 };

/** The tree in reading order; a manager with units of her own sees those and what lies under them. */
function rowsOf(orgs: readonly Org[], mine: readonly string[]): UnitRow[] {
  const reach = (o: Org) => mine.length === 0 || mine.includes(o.id) || o.path.some((p) => mine.includes(p));
  const shown = orgs.filter(reach);
  const rows: UnitRow[] = [];
  const add = (o: Org) => {
    const childTier = CHILD_TIER[o.tier] ?? '';
    rows.push({ id: o.id, name: o.name, tierText: TIER_LABELS[o.tier], depth: DEPTH[o.tier], childTier, childText: childTier ? `新建下属${childTier === 'station' ? '工作站' : '工作室'}` : '' });
    for (const c of shown.filter((x) => x.parentId === o.id)) add(c);
  };
  for (const top of shown.filter((o) => !shown.some((p) => p.id === o.parentId))) add(top);
  return rows;
}

/**
 * 单位和公示栏: the three tiers as a tree; a unit opens its 公示栏 for editing, and a center or
 * station offers a new unit of the tier below it. Only admins save (org.save says so otherwise).
 */
Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    failText: '',
    canRetry: true,
    rows: [] as UnitRow[],
    shown: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  pageLifetimes: {
    // Back from an edit, the list shows the name just saved (the first show is the opening itself).
    show() {
      if (this.data.shown) void this.load();
      else this.setData({ shown: true });
    },
  },
  methods: {
    async load(): Promise<void> {
      this.setData({ loading: this.data.rows.length === 0, failed: false });
      try {
        const { orgs, mine } = await api().org.list({});
        this.setData({ loading: false, rows: rowsOf(orgs, mine) });
      } catch (err) {
        this.setData({ loading: false, failed: true, ...failureLine(err) });
      }
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      void wx.navigateTo({ url: `/admin/org/edit/index?unitId=${id}` });
    },
    onNew(e: WechatMiniprogram.BaseEvent) {
      const { id, tier } = e.currentTarget.dataset as { id: string; tier: Tier };
      void wx.navigateTo({ url: `/admin/org/edit/index?parentId=${id}&tier=${tier}` });
    },
    onRetry() {
      void this.load();
    },
  },
});
