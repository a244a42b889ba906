import { QUEUE_LABELS, QUEUES, formatShanghai, type CaseSummary, type Queue } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

interface QueueTile {
  key: Queue;
  label: string;
  count: number;
  on: boolean;
}

/** One case row as the template draws it: only what is shown, so setData stays small. */
interface CaseRow {
  id: string;
  code: string;
  category: string;
  status: string;
  name: string;
  due: string;
  overdue: boolean;
  green: boolean;
  /** The resident's own window closes soon (core decides): the row says so and the list leads with it. */
  urgent: boolean;
  /** "申请行政复议的最后一天：3月9日（…）", for workers to act on. */
  applyBy: string;
}

function tiles(counts: Record<Queue, number>, selected: Queue): QueueTile[] {
  return QUEUES.map((key) => ({ key, label: QUEUE_LABELS[key], count: counts[key] ?? 0, on: key === selected }));
}

function row(c: CaseSummary, now: number): CaseRow {
  const due = c.dueAt ? new Date(c.dueAt) : null;
  return {
    id: c.id,
    code: c.code,
    category: c.categoryLabel,
    status: c.statusLabel,
    name: c.applicantName,
    // dueAt is null while the clock is paused (awaiting materials) or the case is closed.
    due: due ? formatShanghai(due, 'M月D日 HH:mm') : '',
    overdue: due !== null && due.getTime() < now,
    green: c.priority === 'green',
    urgent: c.urgent,
    applyBy: c.applyBy && !c.applyBy.closed ? c.applyBy.text : c.applyBy ? `${c.applyBy.text}（已过）` : '',
  };
}

function openCase(caseId: string): void {
  void wx.navigateTo({ url: `/pages/case/detail/index?caseId=${encodeURIComponent(caseId)}` });
}

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    queue: 'new' as Queue,
    queues: tiles({} as Record<Queue, number>, 'new'),
    cases: [] as CaseRow[],
    canRegister: false,
    canExportLedger: false,
    canSeeStats: false,
    canSeeBookings: false,
    canSetSchedule: false,
    canSeeAuditLog: false,
    code: '',
    looking: false,
    /** Whether a queue has been chosen (by a tap, or the first load's pick): until then it opens where the work is. */
    chosen: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  pageLifetimes: {
    // Back from a case the counts have usually changed (accepted, transferred, resolved).
    show() {
      if (!this.data.loading) void this.load();
    },
  },
  methods: {
    async load(): Promise<void> {
      const queue = this.data.queue;
      await loadInto(
        this,
        () => api().case.workbench({ queue }),
        (bench) => {
          const now = Date.now();
          // A tile tapped while this answer travelled stays selected; its own list follows.
          // Opened fresh on an empty queue, it moves to the first that has work (an advisor has no 待分流).
          const empty = !this.data.chosen && (bench.counts[this.data.queue] ?? 0) === 0;
          const current = (empty && QUEUES.find((q) => (bench.counts[q] ?? 0) > 0)) || this.data.queue;
          return {
            queue: current,
            chosen: true,
            queues: tiles(bench.counts, current),
            // Still loading when another tile was tapped meanwhile: its list is fetched next, not shown empty.
            ...(current === queue ? { cases: bench.cases.map((c) => row(c, now)) } : { loading: true }),
            canRegister: bench.canRegister,
            canExportLedger: bench.canExportLedger,
            canSeeStats: bench.canSeeStats,
            canSeeBookings: bench.canSeeBookings,
            canSetSchedule: bench.canSetSchedule,
            canSeeAuditLog: bench.canSeeAuditLog,
          };
        },
      );
      if (this.data.queue !== queue && !this.data.failed) await this.load();
    },
    onQueue(e: WechatMiniprogram.BaseEvent) {
      const queue = (e.currentTarget.dataset as { queue: Queue }).queue;
      if (queue === this.data.queue && !this.data.failed) return;
      // Mark the tile at once so a slow network still shows which list is coming.
      this.setData({ queue, chosen: true, queues: this.data.queues.map((q) => ({ ...q, on: q.key === queue })), cases: [] });
      // One request at a time: a tap during a load is picked up when that load answers.
      if (!this.data.loading) void this.load();
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      openCase((e.currentTarget.dataset as { id: string }).id);
    },
    onCode(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: e.detail.value });
    },
    onLookup() {
      void this.lookup(this.data.code);
    },
    onScan() {
      wx.scanCode({
        onlyFromCamera: true,
        scanType: ['qrCode', 'barCode'],
        success: (res) => {
          this.setData({ code: res.result });
          void this.lookup(res.result);
        },
        // A cancelled scan is not an error worth a message.
        fail: () => undefined,
      });
    },
    async lookup(raw: string) {
      // Codes are printed in capitals; a code typed in lower case is still the same code.
      const code = raw.trim().toUpperCase();
      if (!code) {
        wx.showToast({ title: '请先输入案件编号', icon: 'none' });
        return;
      }
      if (this.data.looking) return;
      this.setData({ looking: true });
      try {
        const found = await api().case.findByCode({ code });
        openCase(found.case.id);
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ looking: false });
      }
    },
    onRegister() {
      void wx.navigateTo({ url: '/admin/case/register/index' });
    },
    onLedger() {
      void wx.navigateTo({ url: '/admin/case/ledger/index' });
    },
    onStats() {
      void wx.navigateTo({ url: '/admin/stats/index' });
    },
    onAppointments() {
      void wx.navigateTo({ url: '/admin/booking/appointments/index' });
    },
    onSchedule() {
      void wx.navigateTo({ url: '/admin/booking/schedule/index' });
    },
    onAuditLog() {
      void wx.navigateTo({ url: '/admin/identity/audit/index' });
    },
    onRetry() {
      void this.load();
    },
  },
});
