import { AppError, formatShanghai } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { unitsFor, type Unit } from '../../../utils/units';
import { themed } from '../../../behaviors/themed';

/** "All I can see" heads the unit list: the ledger function then covers the caller's whole reach. */
const ALL: Unit = { id: '', name: '全部（我负责的单位）' };

interface Column {
  key: string;
  label: string;
}

/** One case as a card: the 接待登记表's fields in order, each with its label. */
interface Card {
  code: string;
  fields: Array<{ label: string; value: string }>;
}

/** A table to paste into a spreadsheet: tabs between columns, one case per line. */
function asTable(columns: Column[], rows: Array<Record<string, string>>): string {
  const cell = (v: string) => v.replace(/[\t\r\n]+/g, ' ');
  return [columns.map((c) => c.label), ...rows.map((r) => columns.map((c) => cell(r[c.key] ?? '')))].map((line) => line.join('\t')).join('\n');
}

/** Cards drawn per setData: a month of a county's ledger (up to 500 cases) at once would be several hundred KB. */
const PAGE = 20;

/** The whole answer stays off `data` (never sent to the view) until its cards are drawn, a page at a time. */
const answers = new WeakMap<object, { cards: Card[]; table: string }>();

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    units: [ALL] as Unit[],
    unitIndex: 0,
    from: '',
    to: '',
    today: '',
    searched: false,
    searching: false,
    exporting: false,
    cards: [] as Card[],
    total: 0,
    truncated: false,
  },
  lifetimes: {
    attached() {
      // This month so far, in Beijing time: what the office files each month.
      const now = new Date();
      const today = formatShanghai(now, 'YYYY-MM-DD');
      this.setData({ today, from: `${today.slice(0, 8)}01`, to: today });
      void loadInto(
        this,
        () => api().org.list({}),
        ({ orgs, mine }) => ({ units: [ALL, ...unitsFor(orgs, mine)] }),
      );
    },
  },
  methods: {
    onFrom(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ from: e.detail.value });
    },
    onTo(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ to: e.detail.value });
    },
    onUnit(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      this.setData({ unitIndex: Number(e.detail.value) });
    },
    async onSearch() {
      if (this.data.searching) return;
      const orgId = this.data.units[this.data.unitIndex]?.id ?? '';
      this.setData({ searching: true });
      try {
        const { columns, rows, truncated } = await api().case.ledger({ from: this.data.from, to: this.data.to, ...(orgId && { orgId }) });
        const rest = columns.filter((c) => c.key !== 'caseCode');
        const cards = rows.map((r) => ({ code: r.caseCode ?? '', fields: rest.map((c) => ({ label: c.label, value: r[c.key] || '—' })) }));
        answers.set(this, { cards, table: asTable(columns, rows) });
        this.setData({ searched: true, truncated, total: cards.length, cards: cards.slice(0, PAGE) });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ searching: false });
      }
    },
    onMore() {
      const all = answers.get(this)?.cards ?? [];
      const from = this.data.cards.length;
      // Appended by path: only the new cards travel to the view.
      this.setData(Object.fromEntries(all.slice(from, from + PAGE).map((card, i) => [`cards[${from + i}]`, card])));
    },
    /**
     * 导出: the function writes the XLSX (case.ledgerFile: every case in the range, phones masked,
     * each export audited) and hands out a 10-minute link; the phone downloads it and opens it,
     * with WeChat's menu to forward or save it.
     */
    async onExport() {
      if (this.data.exporting) return;
      const orgId = this.data.units[this.data.unitIndex]?.id ?? '';
      this.setData({ exporting: true });
      // A refusal from the function says why in its own words; the phone failing to fetch or open the file does not.
      let made = false;
      try {
        const file = await api().case.ledgerFile({ from: this.data.from, to: this.data.to, ...(orgId && { orgId }) });
        const tempFilePath = await new Promise<string>((resolve, reject) =>
          wx.downloadFile({
            url: file.url,
            success: (res) => (res.statusCode === 200 ? resolve(res.tempFilePath) : reject(new Error(`download ${res.statusCode}`))),
            fail: reject,
          }),
        );
        made = true;
        await new Promise<void>((resolve, reject) => wx.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true, success: () => resolve(), fail: reject }));
        wx.showToast({ title: `已导出${file.rows}条`, icon: 'none' });
      } catch (err) {
        if (made) wx.showToast({ title: '文件没有打开，请再试一次', icon: 'none' });
        else if (err instanceof AppError) showError(err);
        else wx.showToast({ title: '文件没有下载下来，请再试一次', icon: 'none' });
      } finally {
        this.setData({ exporting: false });
      }
    },
    onCopy() {
      wx.setClipboardData({
        data: answers.get(this)?.table ?? '',
        success: () => wx.showToast({ title: `已复制${this.data.total}条，可粘贴到表格`, icon: 'none' }),
        fail: () => wx.showToast({ title: '没能复制，请稍后再试', icon: 'none' }),
      });
    },
  },
});
