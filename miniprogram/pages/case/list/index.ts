import { formatShanghai, parseCaseCode, type CaseStatus, type CaseSummary } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { loadable } from '../../../behaviors/loadable';
import { drawTabBar } from '../../../custom-tab-bar/tabs';
import { themed } from '../../../behaviors/themed';

/** How a status reads at a glance, in theme tokens: blue in hand, orange waits on you, green done, gray ended. */
type Tone = 'brand' | 'warning' | 'success' | 'gray';
const TONE: Record<CaseStatus, Tone> = {
  received: 'brand',
  assigned: 'brand',
  accepted: 'brand',
  inProgress: 'brand',
  transferPending: 'brand',
  awaitingMaterials: 'warning',
  resolved: 'success',
  evaluated: 'success',
  closed: 'gray',
  rejected: 'gray',
  withdrawn: 'gray',
};

interface Row {
  id: string;
  code: string;
  title: string;
  summary: string;
  filed: string;
  status: string;
  tone: Tone;
  /** What the resident does next, or what happens next for them. */
  next: string;
  /** The next step is theirs (补材料, 评价): it stands out. */
  yours: boolean;
  due: string;
  green: boolean;
}

function row(c: CaseSummary): Row {
  // The code carries the day it was filed (一案一码): no second field needed.
  const day = parseCaseCode(c.code)?.day;
  return {
    id: c.id,
    code: c.code,
    title: c.categoryLabel,
    summary: c.summary,
    filed: day ? `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日提交` : '',
    status: c.statusLabel,
    tone: TONE[c.status],
    next: c.hint,
    yours: c.status === 'awaitingMaterials' || c.status === 'resolved',
    due: c.dueAt ? `办理期限：${formatShanghai(new Date(c.dueAt), 'M月D日')}前` : '',
    green: c.priority === 'green',
  };
}

const NO_LOOKUP = { code: '', phone: '' };

Component({
  behaviors: [themed, loadable],
  data: {
    loading: true,
    failed: false,
    canRetry: true,
    cases: [] as Row[],
    /** 找我的事: a case filed for the resident at the window or by 12348, by its code and phone. */
    lookupOpen: false,
    lookup: NO_LOOKUP,
    linking: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  pageLifetimes: {
    show() {
      drawTabBar(this, 1);
      // Coming back from a case or a new application: show what changed (the first show follows attached).
      if (!this.data.loading) void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(this, () => api().case.mine({}), ({ cases }) => ({ cases: cases.map(row) }));
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      void wx.navigateTo({ url: `/pages/case/detail/index?caseId=${encodeURIComponent(id)}` });
    },
    onApply() {
      void wx.navigateTo({ url: '/pages/case/apply/index' });
    },
    onToggleLookup() {
      this.setData({ lookupOpen: !this.data.lookupOpen });
    },
    onLookupField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: 'code' | 'phone' }).field;
      this.setData({ [`lookup.${field}`]: field === 'code' ? e.detail.value.trim().toUpperCase() : e.detail.value.trim() });
    },
    async onLink() {
      if (this.data.linking) return;
      this.setData({ linking: true });
      try {
        const found = await api().case.link(this.data.lookup);
        this.setData({ lookup: NO_LOOKUP, lookupOpen: false });
        wx.showToast({ title: `已找到：${found.categoryLabel}`, icon: 'none' });
        await this.load();
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ linking: false });
      }
    },
  },
});
