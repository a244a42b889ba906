import { api } from '../../api/client';
import { failureLine } from '../../api/feedback';
import { loadInto } from '../../api/load';
import { periodText, presetOf, presetPeriod, PRESETS, todayIn, type Period, type PresetKey } from './periods';
import { awarenessPeriod } from '@core';
import { awarenessView, boardView, type Breakdown, type Detail, type Figure, type ServiceLine, type TextLine, type UnitLine } from './view';
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

/** The questionnaire counts by quarter: the one the period ends in (this quarter for 本月). */
const quarterOf = (q: Query) => awarenessPeriod(new Date(`${q.to}T12:00:00+08:00`));
const awarenessKeyOf = (q: Query) => `${quarterOf(q)}|${q.orgId}`;

/** The 知晓率 section: shut until asked for, so the board opens with its one call. */
interface AwarenessState {
  open: boolean;
  loading: boolean;
  failed: boolean;
  failText: string;
  canRetry: boolean;
  /** The quarter and unit the figures shown are for. */
  key: string;
  periodText: string;
  lines: TextLine[];
}
const AWARENESS_SHUT: AwarenessState = { open: false, loading: false, failed: false, failText: '', canRetry: true, key: '', periodText: '', lines: [] };

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
    quality: [] as TextLine[],
    ratings: [] as TextLine[],
    awareness: AWARENESS_SHUT,
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
      // Opened already: it follows the unit and the quarter, after the board has drawn.
      else if (this.data.awareness.open && !this.data.awareness.loading && !this.data.failed && this.data.awareness.key !== awarenessKeyOf(this.query())) await this.loadAwareness();
    },
    /**
     * 知晓率, 法律顾问知晓率 and 首选率 from the questionnaire (evaluation.awareness), for the unit
     * shown and the quarter the period ends in: a second call, made only when the section is opened.
     */
    async loadAwareness(): Promise<void> {
      const asked = this.query();
      const key = awarenessKeyOf(asked);
      this.setData({ awareness: { ...this.data.awareness, open: true, loading: true, failed: false } });
      try {
        const figures = await api().evaluation.awareness({ period: quarterOf(asked), ...(asked.orgId && { orgId: asked.orgId }) });
        if (awarenessKeyOf(this.query()) !== key) return await this.loadAwareness();
        this.setData({ awareness: { ...AWARENESS_SHUT, open: true, key, ...awarenessView(figures) } });
      } catch (err) {
        this.setData({ awareness: { ...AWARENESS_SHUT, open: true, failed: true, ...failureLine(err) } });
      }
    },
    onAwareness() {
      if (!this.data.awareness.loading) void this.loadAwareness();
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
