import { mayOpen, MATTER_LABELS, type AidView } from '@core';
import { api } from '../../../api/client';
import { rememberedRoles } from '../../../api/me';
import { failureLine } from '../../../api/feedback';
import { themed } from '../../../behaviors/themed';

type Which = 'station' | 'review' | 'dispatched' | 'objections' | 'verification' | 'returnVisits' | 'stats';

const TABS: Array<{ value: Which; label: string }> = [
  { value: 'review', label: '待审查' },
  { value: 'station', label: '工作站初审' },
  { value: 'dispatched', label: '办理中' },
  { value: 'objections', label: '异议（司法局）' },
  { value: 'verification', label: '待核查' },
  { value: 'returnVisits', label: '待回访' },
  { value: 'stats', label: '按期统计' },
];

const KIND_TEXT: Record<string, string> = { running: '', dueSoon: '即将到期', overdue: '已超期', paused: '已暂停', met: '按期', late: '超期' };

/** Each application as a card: who, what, and its running clocks with their due days. */
function cards(items: AidView[]) {
  return items.map((a) => ({
    caseId: a.caseId,
    code: a.code,
    title: `${a.applicantName} · ${MATTER_LABELS[a.matter]}`,
    status: a.statusLabel,
    urgent: a.urgent,
    green: a.greenChannel,
    clocks: a.clocks.filter((c) => c.kind !== 'met' && c.kind !== 'late').map((c) => ({ name: c.name, text: `${c.label} ${c.dueAt ? c.dueAt.slice(0, 10) : ''} ${KIND_TEXT[c.kind] ?? ''}`.trim(), kind: c.kind })),
  }));
}

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    failText: '',
    which: 'review' as Which,
    /** 法律援助设置 is the admin's: offered only to whom its function answers (core mayOpen, roles as 管理 last read them). */
    canSettings: false,
    tabs: TABS.map((t) => ({ ...t, on: t.value === 'review' })),
    items: [] as ReturnType<typeof cards>,
    /** 按期 per named clock this month, when the 按期统计 tab is open. */
    tallies: [] as Array<{ name: string; label: string; met: number; late: number; open: number; overdue: number }>,
    period: '',
  },
  lifetimes: {
    attached() {
      this.setData({ canSettings: mayOpen(rememberedRoles(), '/admin/legal-aid/settings/index') });
      void this.load();
    },
  },
  methods: {
    /** A refusal is the screen's own line (advisors and residents do not review), not a toast. */
    async load() {
      this.setData({ loading: true, failed: false });
      try {
        const which = this.data.which;
        if (which === 'stats') {
          const { from, to, clocks } = await api().legalAid.stats({});
          this.setData({ loading: false, items: [], tallies: clocks, period: `${from} 至 ${to}` });
          return;
        }
        const { items } = await api().legalAid.queue({ which });
        this.setData({ loading: false, items: cards(items), tallies: [] });
      } catch (err) {
        this.setData({ loading: false, failed: true, failText: failureLine(err, '法律援助审查由援助中心和工作站的工作人员办理').failText });
      }
    },
    onTab(e: WechatMiniprogram.BaseEvent) {
      const which = (e.currentTarget.dataset as { value: Which }).value;
      this.setData({ which, tabs: TABS.map((t) => ({ ...t, on: t.value === which })) });
      void this.load();
    },
    onSettings() {
      void wx.navigateTo({ url: '/admin/legal-aid/settings/index' });
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const caseId = (e.currentTarget.dataset as { id: string }).id;
      void wx.navigateTo({ url: `/pages/legal-aid/detail/index?caseId=${caseId}` });
    },
  },
});
