import {
  QUALITY_GRADES,
  QUALITY_LABELS,
  RATING_LEVEL_LABELS,
  ROUTE_LABELS,
  TERMINATION_GROUNDS,
  TERMINATION_LABELS,
  type AidView,
  type QualityGrade,
  type RatingLevel,
  type TerminationGround,
  type InputOf,
  type legalAidContracts,
} from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

type Command = InputOf<(typeof legalAidContracts)['act']>['command'];
type StepType = Command['type'];

/** How each step asks for its content: a label, what the text box is for, and any choice to pick. */
const STEP_UI: Record<StepType, { label: string; text: string; choices?: Array<{ value: string; label: string }>; lawyer?: boolean }> = {
  forward: { label: '初审通过，转交援助中心', text: '备注（可不填）' },
  requestMaterials: { label: '一次性告知补材料', text: '缺少的全部材料，一行一样' },
  supplyMaterials: { label: '已补充材料', text: '补了什么（可不填）' },
  grant: { label: '给予法律援助', text: '备注（可不填）' },
  refuse: { label: '不予法律援助', text: '不予援助的理由（会写给申请人）' },
  dispatch: { label: '指派律师', text: '', lawyer: true },
  reportProgress: { label: '告知办理进展', text: '办理进展' },
  requestLawyerChange: { label: '申请更换律师', text: '更换的原因' },
  changeLawyer: { label: '更换律师', text: '更换的原因', lawyer: true },
  close: { label: '结案', text: '结案报告' },
  terminate: { label: '终止援助', text: '终止的理由', choices: TERMINATION_GROUNDS.map((g) => ({ value: g, label: TERMINATION_LABELS[g] })) },
  object: { label: '向司法局提出异议', text: '异议的理由' },
  decideObjection: { label: '审查异议', text: '审查意见', choices: [{ value: 'yes', label: '异议成立' }, { value: 'no', label: '维持原决定' }] },
  verify: { label: '核查结果', text: '核查情况（可不填）', choices: [{ value: 'confirmed', label: '属实' }, { value: 'false', label: '不实' }] },
  checkSources: { label: '数据共享核查（民政、人社、不动产、车辆）', text: '' },
  rate: { label: '评价律师的办案工作', text: '想说的话（可不填）', choices: ([5, 4, 3, 2, 1] as RatingLevel[]).map((l) => ({ value: String(l), label: RATING_LEVEL_LABELS[l] })) },
  returnVisit: { label: '回访并评定质量', text: '回访情况', choices: QUALITY_GRADES.map((g) => ({ value: g, label: QUALITY_LABELS[g] })) },
  withdraw: { label: '撤回申请', text: '撤回的原因（可不填）' },
};

/** A 法律援助机构 or 律所 the post dispatches to: the units and providers that offer legal aid. */
interface DispatchUnit {
  name: string;
  label: string;
}

function commandOf(type: StepType, text: string, choice: string, lawyer: string, unit: string): Command {
  const t = text.trim();
  const unitOf = unit ? { unit } : {};
  switch (type) {
    case 'checkSources':
      return { type };
    case 'rate':
      return { type, satisfaction: Number(choice) || 3, ...(t && { comment: t }) };
    case 'requestMaterials':
      return { type, items: t.split('\n').map((s) => s.trim()).filter(Boolean) };
    case 'refuse':
      return { type, reasons: t };
    case 'dispatch':
      return { type, lawyer: { name: lawyer.trim(), openid: null, ...unitOf } };
    case 'changeLawyer':
      return { type, lawyer: { name: lawyer.trim(), openid: null, ...unitOf }, reason: t };
    case 'reportProgress':
      return { type, text: t };
    case 'requestLawyerChange':
    case 'object':
      return { type, reason: t };
    case 'close':
      return { type, report: t };
    case 'terminate':
      return { type, ground: (choice || 'other') as TerminationGround, reason: t };
    case 'decideObjection':
      return { type, upheld: choice === 'yes', reasons: t };
    case 'verify':
      return { type, result: choice === 'false' ? 'false' : 'confirmed', ...(t && { note: t }) };
    case 'returnVisit':
      return { type, grade: (choice || 'pass') as QualityGrade, note: t };
    default:
      return { type, ...(t && { note: t }) } as Command;
  }
}

function viewOf(aid: AidView) {
  return {
    aid,
    routeLabel: ROUTE_LABELS[aid.route],
    clocks: aid.clocks.map((c) => ({ ...c, due: c.dueAt ? c.dueAt.slice(0, 10) : '' })),
    buttons: aid.steps.map((s) => ({ type: s, label: STEP_UI[s as StepType].label })),
    sources: aid.verification?.sources ?? [],
    ratingLabel: aid.rating ? RATING_LEVEL_LABELS[aid.rating.satisfaction as RatingLevel] : '',
  };
}

/**
 * The units a lawyer is dispatched from (Art 43 指派): the 法律援助机构 itself (the county center)
 * and the 律所 and 法律服务所 offering legal aid — never a village room or a station, which take
 * applications but do not take cases.
 */
function dispatchUnits(places: Array<{ type: string; name: string; kindLabel: string; stationId: string | null }>): DispatchUnit[] {
  const agency = places.filter((p) => p.type === 'unit' && p.stationId === null);
  const firms = places.filter((p) => p.type === 'provider');
  return [...agency, ...firms].map((p) => ({ name: p.name, label: p.type === 'unit' ? `${p.name}（本机构）` : `${p.name}（${p.kindLabel}）` }));
}

Component({
  behaviors: [themed],
  properties: {
    caseId: { type: String, value: '' },
  },
  data: {
    loading: true,
    failed: false,
    aid: null as AidView | null,
    routeLabel: '',
    clocks: [] as Array<{ name: string; label: string; kind: string; due: string }>,
    buttons: [] as Array<{ type: string; label: string }>,
    sources: [] as Array<{ source: string; verdict: string; text: string }>,
    ratingLabel: '',
    /** Where the lawyer comes from, loaded when a dispatch is opened (not on every visit to the page). */
    units: [] as DispatchUnit[],
    unitLabels: [] as string[],
    unitIndex: 0,
    /** The step being filled in, if any. */
    open: null as null | { type: StepType; label: string; text: string; lawyer: boolean; choices: Array<{ value: string; label: string; on: boolean }> },
    text: '',
    lawyer: '',
    choice: '',
    sending: false,
  },
  lifetimes: {
    attached() {
      void loadInto(this, () => api().legalAid.get({ caseId: this.data.caseId }), viewOf);
    },
  },
  methods: {
    onStep(e: WechatMiniprogram.BaseEvent) {
      const type = (e.currentTarget.dataset as { type: StepType }).type;
      const ui = STEP_UI[type];
      this.setData({ open: { type, label: ui.label, text: ui.text, lawyer: ui.lawyer === true, choices: (ui.choices ?? []).map((c) => ({ ...c, on: false })) }, text: '', lawyer: '', choice: '' });
      if (ui.lawyer && this.data.units.length === 0) void this.loadUnits();
    },
    async loadUnits() {
      try {
        const { places } = await api().guide.places({ service: 'legalAid' });
        const units = dispatchUnits(places);
        this.setData({ units, unitLabels: units.map((u) => u.label), unitIndex: 0 });
      } catch (err) {
        showError(err);
      }
    },
    onUnit(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      this.setData({ unitIndex: Number(e.detail.value) || 0 });
    },
    onText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ text: e.detail.value });
    },
    onLawyer(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ lawyer: e.detail.value });
    },
    onChoice(e: WechatMiniprogram.BaseEvent) {
      const choice = (e.currentTarget.dataset as { value: string }).value;
      const open = this.data.open;
      if (open) this.setData({ choice, 'open.choices': open.choices.map((c) => ({ ...c, on: c.value === choice })) });
    },
    onCopyDecision() {
      const doc = this.data.aid?.decisionDoc;
      if (doc) void wx.setClipboardData({ data: [doc.title, ...doc.lines].join('\n') });
    },
    onCancel() {
      this.setData({ open: null });
    },
    async onSend() {
      const open = this.data.open;
      if (!open || this.data.sending) return;
      this.setData({ sending: true });
      try {
        const aid = await api().legalAid.act({ caseId: this.data.caseId, command: commandOf(open.type, this.data.text, this.data.choice, this.data.lawyer, this.data.units[this.data.unitIndex]?.name ?? '') });
        this.setData({ open: null, ...viewOf(aid) });
        wx.showToast({ title: '已办理', icon: 'success' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});
