import { themed } from '../../../behaviors/themed';
import { RATING_LEVEL_LABELS, RETURN_VISIT_KIND_LABELS, type OutputOf, type RatingLevel, type evaluationContracts } from '@core';
import { api } from '../../../api/client';
import { failureLine } from '../../../api/feedback';
import { loadInto } from '../../../api/load';

type Visit = OutputOf<(typeof evaluationContracts)['returnVisits']>['visits'][number];
type Sampled = OutputOf<(typeof evaluationContracts)['thirdPartySample']>['cases'][number];
type Which = 'open' | 'done' | 'sample';

const TABS: Array<{ value: Which; label: string }> = [
  { value: 'open', label: '待回访' },
  { value: 'done', label: '已回访' },
  { value: 'sample', label: '第三方抽样' },
];

/** 第三方评价's sample: whom to call back, the phone masked until 打电话 (case.contact, audited). */
function sampleCards(cases: Sampled[]) {
  return cases.map((c) => ({
    id: c.caseId,
    title: `${c.code} · ${c.unitName}`,
    what: `${c.categoryLabel}${c.closedOn ? `，${c.closedOn}办结` : ''}，评价：${c.rating}`,
    contact: `${c.name} ${c.phone}`,
    proxy: c.proxy ? `代办人${c.proxy.name}（${c.proxy.relation}） ${c.proxy.phone}` : '',
  }));
}

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
    sample: [] as ReturnType<typeof sampleCards>,
    /** Cases the sample draws, and how many closed cases it drew from. */
    size: '10',
    pool: 0,
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
      const which = this.data.which;
      if (which === 'sample') return this.draw();
      await loadInto(
        this,
        () => api().evaluation.returnVisits({ status: which }),
        ({ visits }) => ({ items: cards(visits) }),
        (err) => failureLine(err, '回访由单位负责人办理'),
      );
    },
    onTab(e: WechatMiniprogram.BaseEvent) {
      const which = (e.currentTarget.dataset as { value: Which }).value;
      this.setData({ which, editing: '', items: [], sample: [], tabs: TABS.map((t) => ({ ...t, on: t.value === which })) });
      void this.load();
    },
    /** A fresh random draw of closed cases in the supervisor's reach. */
    async draw() {
      const size = Math.min(50, Math.max(1, Math.round(Number(this.data.size) || 10)));
      await loadInto(
        this,
        () => api().evaluation.thirdPartySample({ size }),
        ({ pool, cases }) => ({ pool, sample: sampleCards(cases) }),
        (err) => failureLine(err, '第三方抽样由单位负责人办理'),
      );
    },
    onSize(e: { detail: { value: string } }) {
      this.setData({ size: e.detail.value });
    },
    onDraw() {
      void this.draw();
    },
    /** The full number only now, through case.contact: that reveal is what the audit log records. */
    async onCall(e: WechatMiniprogram.BaseEvent) {
      const { id, who } = e.currentTarget.dataset as { id: string; who: 'applicant' | 'proxy' };
      try {
        const { phone, proxyPhone } = await api().case.contact({ caseId: id });
        const number = who === 'proxy' ? proxyPhone : phone;
        if (number) wx.makePhoneCall({ phoneNumber: number, fail: () => undefined });
      } catch (err) {
        void wx.showToast({ title: failureLine(err, '没有取到电话').failText, icon: 'none' });
      }
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
