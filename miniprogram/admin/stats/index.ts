import { api } from '../../api/client';
import { failureLine } from '../../api/feedback';
import { loadInto } from '../../api/load';
import { periodText, presetOf, presetPeriod, PRESETS, todayIn, type Period, type PresetKey } from './periods';
import { boardView, type Breakdown, type Detail, type Figure, type ServiceLine, type UnitLine } from './view';
import { themed } from '../../behaviors/themed';

/** A unit drilled into; the first is where the person starts ('': their own unit, an admin's county). */
interface Crumb {
  orgId: string;
  name: string;
}

interface Query extends Period {
  orgId: string;
}

const keyOf = (q: Query) => `${q.from}|${q.to}|${q.orgId}`;

function presetChoices(selected: PresetKey | '') {
  return PRESETS.map((p) => ({ key: p.key, label: p.label, on: p.key === selected }));
}

function trailData(trail: Crumb[]) {
  return { trail, crumbs: trail.map((c) => c.name).join(' › '), canGoUp: trail.length > 1 };
}

const failureOf = (err: unknown) => failureLine(err);

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    failText: '',
    canRetry: true,
    today: '',
    from: '',
    to: '',
    presets: presetChoices('month'),
    /** The period the figures shown are for, as the answer gave it. */
    period: '',
    trail: [] as Crumb[],
    crumbs: '',
    canGoUp: false,
    name: '',
    figures: [] as Figure[],
    details: [] as Detail[],
    workerRatings: '',
    rows: [] as UnitLine[],
    rowsTitle: '',
    breakdowns: [] as Breakdown[],
    services: [] as ServiceLine[],
  },
  lifetimes: {
    attached() {
      // This month so far, in Beijing time: what the office reports each month.
      const today = todayIn();
      this.setData({ today, ...presetPeriod('month', today), ...trailData([{ orgId: '', name: '' }]) });
      void this.load();
    },
  },
  methods: {
    query(): Query {
      return { from: this.data.from, to: this.data.to, orgId: this.data.trail[this.data.trail.length - 1]?.orgId ?? '' };
    },
    async load(): Promise<void> {
      const asked = this.query();
      await loadInto(
        this,
        () =>
          api()
            .stats.board({ from: asked.from, to: asked.to, ...(asked.orgId && { orgId: asked.orgId }) })
            .catch((err: unknown) => {
              this.setData(failureOf(err));
              throw err;
            }),
        (board) => {
          // The period or unit changed while this answer travelled: the one now chosen is fetched next.
          if (keyOf(this.query()) !== keyOf(asked)) return { loading: true };
          const trail = this.data.trail.map((c, i, all) => (i === all.length - 1 ? { ...c, name: board.name } : c));
          return { ...boardView(board), period: periodText(board), ...trailData(trail) };
        },
      );
      if (keyOf(this.query()) !== keyOf(asked) && !this.data.failed) await this.load();
    },
    /** One request at a time: a choice made during a load is picked up when that load answers. */
    reload() {
      if (!this.data.loading) void this.load();
    },
    setPeriod(period: Period) {
      this.setData({ ...period, presets: presetChoices(presetOf(period, this.data.today)) });
      this.reload();
    },
    onPreset(e: WechatMiniprogram.BaseEvent) {
      const key = (e.currentTarget.dataset as { key: PresetKey }).key;
      this.setPeriod(presetPeriod(key, this.data.today));
    },
    onFrom(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setPeriod({ from: e.detail.value, to: this.data.to });
    },
    onTo(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setPeriod({ from: this.data.from, to: e.detail.value });
    },
    onUnit(e: WechatMiniprogram.BaseEvent) {
      const row = this.data.rows[Number((e.currentTarget.dataset as { index: number }).index)];
      if (!row || row.own) return;
      this.setData(trailData([...this.data.trail, { orgId: row.orgId, name: row.name }]));
      this.reload();
    },
    onUp() {
      if (this.data.trail.length < 2) return;
      this.setData(trailData(this.data.trail.slice(0, -1)));
      this.reload();
    },
    onRetry() {
      this.reload();
    },
  },
});
