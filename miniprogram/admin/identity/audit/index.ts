import { addDays, formatShanghai, type AuditEntry, type AuditKind } from '@core';
import { api } from '../../../api/client';
import { failureLine, showError } from '../../../api/feedback';
import { themed } from '../../../behaviors/themed';

type Filter = AuditKind | '';

const FILTERS: Array<{ key: Filter; label: string }> = [
  { key: '', label: '全部' },
  { key: 'personalData', label: '查看个人信息' },
  { key: 'members', label: '人员变动' },
  { key: 'refused', label: '被拒绝的访问' },
];

interface Query {
  from: string;
  to: string;
  what: Filter;
}

const keyOf = (q: Query) => `${q.from}|${q.to}|${q.what}`;

function filterChoices(selected: Filter) {
  return FILTERS.map((f) => ({ ...f, on: f.key === selected }));
}

// A supervisor's own subtree is always in reach: a refusal here means the role is not one that reads the log.
const failureOf = (err: unknown) => failureLine(err, '操作记录只有负责人和管理员可以查看');

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
    what: '' as Filter,
    filters: filterChoices(''),
    entries: [] as AuditEntry[],
    cursor: '',
    more: false,
  },
  lifetimes: {
    attached() {
      // The last seven days in Beijing time: a supervisor's weekly look.
      const today = formatShanghai(new Date(), 'YYYY-MM-DD');
      this.setData({ today, from: addDays(today, -6), to: today });
      void this.load();
    },
  },
  methods: {
    query(): Query {
      return { from: this.data.from, to: this.data.to, what: this.data.what };
    },
    async load(): Promise<void> {
      const asked = this.query();
      this.setData({ loading: true, failed: false });
      try {
        const page = await api().identity.auditLog({ from: asked.from, to: asked.to, ...(asked.what && { what: asked.what }) });
        // The period or filter changed while this answer travelled: the one now chosen is fetched next.
        if (keyOf(this.query()) !== keyOf(asked)) {
          await this.load();
          return;
        }
        this.setData({ loading: false, entries: page.entries, cursor: page.nextCursor ?? '' });
      } catch (err) {
        this.setData({ loading: false, failed: true, ...failureOf(err) });
      }
    },
    /** One request at a time: a choice made during a load is picked up when that load answers. */
    reload() {
      if (!this.data.loading) void this.load();
    },
    onFrom(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ from: e.detail.value });
      this.reload();
    },
    onTo(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ to: e.detail.value });
      this.reload();
    },
    onFilter(e: WechatMiniprogram.BaseEvent) {
      const what = (e.currentTarget.dataset as { key: Filter }).key;
      if (what === this.data.what) return;
      this.setData({ what, filters: filterChoices(what), entries: [], cursor: '' });
      this.reload();
    },
    async onMore() {
      if (this.data.more || !this.data.cursor) return;
      const asked = this.query();
      this.setData({ more: true });
      try {
        const page = await api().identity.auditLog({ from: asked.from, to: asked.to, cursor: this.data.cursor, ...(asked.what && { what: asked.what }) });
        if (keyOf(this.query()) !== keyOf(asked)) return;
        const from = this.data.entries.length;
        // Appended by path: only the new entries travel to the view.
        this.setData({ cursor: page.nextCursor ?? '', ...Object.fromEntries(page.entries.map((entry, i) => [`entries[${from + i}]`, entry])) });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ more: false });
      }
    },
    onRetry() {
      void this.load();
    },
  },
});
