import { themed } from '../../../behaviors/themed';
import { RATING_LEVEL_LABELS, RETURN_VISIT_KIND_LABELS, type OutputOf, type RatingLevel, type evaluationContracts } from '@core';
import { api } from '../../../api/client';
import { failureLine } from '../../../api/feedback';
import { loadInto } from '../../../api/load';

type Visit = OutputOf<(typeof evaluationContracts)['returnVisits']>['visits'][number];
type Which = 'open' | 'done';

const TABS: Array<{ value: Which; label: string }> = [
  { value: 'open', label: '待回访' },
  { value: 'done', label: '已回访' },
];

function cards(visits: Visit[]) {
  return visits.map((v) => ({
    id: v.id,
    caseId: v.caseId,
    title: `${v.caseCode} · ${RETURN_VISIT_KIND_LABELS[v.kind]}`,
    rating: `评价：${RATING_LEVEL_LABELS[v.satisfaction as RatingLevel] ?? ''}`,
    due: v.status === 'open' ? `${v.dueAt.slice(0, 10)}前回访${v.overdue ? '（已超期）' : ''}` : '',
    overdue: v.overdue,
    dissatisfied: v.kind === 'dissatisfied',
    outcome: v.outcome ? `${v.outcome.reached ? '已联系上' : '未联系上'}${v.outcome.rectified ? '，已整改' : ''}：${v.outcome.text}（${v.outcome.by}）` : '',
  }));
}

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    failText: '',
    which: 'open' as Which,
    tabs: TABS.map((t) => ({ ...t, on: t.value === 'open' })),
    items: [] as ReturnType<typeof cards>,
    /** The card whose outcome is being written. */
    editing: '',
    text: '',
    reached: true,
    rectified: false,
    saving: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      await loadInto(
        this,
        () => api().evaluation.returnVisits({ status: this.data.which }),
        ({ visits }) => ({ items: cards(visits) }),
        (err) => failureLine(err, '回访由单位负责人办理'),
      );
    },
    onTab(e: WechatMiniprogram.BaseEvent) {
      const which = (e.currentTarget.dataset as { value: Which }).value;
      this.setData({ which, editing: '', tabs: TABS.map((t) => ({ ...t, on: t.value === which })) });
      void this.load();
    },
    onEdit(e: WechatMiniprogram.BaseEvent) {
      this.setData({ editing: (e.currentTarget.dataset as { id: string }).id, text: '', reached: true, rectified: false });
    },
    onText(e: { detail: { value: string } }) {
      this.setData({ text: e.detail.value });
    },
    onReached(e: { detail: { value: boolean } }) {
      this.setData({ reached: e.detail.value });
    },
    onRectified(e: { detail: { value: boolean } }) {
      this.setData({ rectified: e.detail.value });
    },
    async onSave() {
      const item = this.data.items.find((i) => i.id === this.data.editing);
      if (!item || this.data.saving) return;
      this.setData({ saving: true });
      try {
        await api().evaluation.recordReturnVisit({
          id: item.id,
          reached: this.data.reached,
          text: this.data.text,
          ...(item.dissatisfied && { rectified: this.data.rectified }),
        });
        this.setData({ saving: false, editing: '' });
        void wx.showToast({ title: '已记录', icon: 'success' });
        void this.load();
      } catch (err) {
        this.setData({ saving: false });
        void wx.showToast({ title: failureLine(err, '没有保存成功').failText, icon: 'none' });
      }
    },
  },
});
