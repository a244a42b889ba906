import { formatShanghai, type CaseSummary } from '@core';
import { api } from '../../../api/client';
import { loadInto } from '../../../api/load';
import { drawTabBar } from '../../../custom-tab-bar/tabs';
import { themed } from '../../../behaviors/themed';

interface Row {
  id: string;
  code: string;
  title: string;
  status: string;
  hint: string;
  due: string;
  green: boolean;
}

function row(c: CaseSummary): Row {
  return {
    id: c.id,
    code: c.code,
    title: c.categoryLabel,
    status: c.statusLabel,
    hint: c.hint,
    due: c.dueAt ? `办理期限：${formatShanghai(new Date(c.dueAt), 'M月D日')}前` : '',
    green: c.priority === 'green',
  };
}

Component({
  behaviors: [themed],
  data: { loading: true, failed: false, cases: [] as Row[] },
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
  },
});
