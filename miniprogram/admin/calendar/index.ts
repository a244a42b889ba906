import { formatShanghai, type CalendarOverride, type CalendarYearEntry } from '@core';
import { api } from '../../api/client';
import { failureLine, showError } from '../../api/feedback';
import { loadInto } from '../../api/load';
import { themed } from '../../behaviors/themed';

/** Dates typed one a line (or separated by spaces, commas, 、): each must read YYYY-MM-DD. */
function datesIn(text: string): { dates: string[]; bad: string[] } {
  const parts = text.split(/[\s,，、;；]+/).filter(Boolean);
  return { dates: parts.filter((p) => /^\d{4}-\d{2}-\d{2}$/.test(p)), bad: parts.filter((p) => !/^\d{4}-\d{2}-\d{2}$/.test(p)) };
}

const yearText = (y: CalendarYearEntry) => ({ year: y.year, text: `${y.year}年：${y.days}天，依据 ${y.source}（${formatShanghai(new Date(y.savedAt), 'YYYY-MM-DD')} 录入）` });

/**
 * 节假日安排: an admin enters a year's 放假 days and 调休 working days from the State Council's
 * notice, naming it; until then every time limit in that year counts ordinary weekends only, and
 * workers are warned on 首页.
 */
Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    failText: '',
    canRetry: true,
    missing: [] as number[],
    years: [] as Array<{ year: number; text: string }>,
    overrides: [] as CalendarOverride[],
    year: '',
    source: '',
    holidays: '',
    workdays: '',
    saving: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load(): Promise<void> {
      let year = '';
      const loaded = await loadInto(
        this,
        () => api().calendar.get({}),
        (got) => {
          year = String(got.missingYears[0] ?? Number(formatShanghai(new Date(), 'YYYY')) + 1);
          return { missing: got.missingYears, years: got.years.map(yearText), overrides: got.overrides };
        },
        (err) => failureLine(err),
      );
      if (loaded) this.pick(year);
    },
    /** A year already entered opens with its days, to correct; a new one opens empty. */
    pick(year: string) {
      const of = (kind: CalendarOverride['kind']) =>
        this.data.overrides
          .filter((o) => o.kind === kind && o.date.startsWith(`${year}-`))
          .map((o) => o.date)
          .join('\n');
      this.setData({ year, holidays: of('holiday'), workdays: of('workday') });
    },
    onYear(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const year = String(e.detail.value).trim();
      if (/^\d{4}$/.test(year)) this.pick(year);
      else this.setData({ year });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: 'source' | 'holidays' | 'workdays' }).field;
      this.setData({ [field]: e.detail.value });
    },
    async onSave() {
      if (this.data.saving) return;
      const holidays = datesIn(this.data.holidays);
      const workdays = datesIn(this.data.workdays);
      const bad = [...holidays.bad, ...workdays.bad];
      if (bad.length) {
        void wx.showModal({ title: '日期格式不对', content: `请按 2027-01-01 的格式填写：${bad.slice(0, 3).join('、')}`, showCancel: false, confirmText: '知道了' });
        return;
      }
      this.setData({ saving: true });
      try {
        const overrides = [
          ...holidays.dates.map((date) => ({ date, kind: 'holiday' as const })),
          ...workdays.dates.map((date) => ({ date, kind: 'workday' as const })),
        ];
        const saved = await api().calendar.saveYear({ year: Number(this.data.year), source: this.data.source, overrides });
        this.setData({ missing: saved.missingYears, years: saved.years.map(yearText), overrides: saved.overrides });
        wx.showToast({ title: `${this.data.year}年已保存`, icon: 'success' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
    onRetry() {
      void this.load();
    },
  },
});
