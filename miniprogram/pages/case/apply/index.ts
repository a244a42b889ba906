import { CATEGORY_INFO, PRIORITY_GROUP_LABELS, PRIORITY_GROUPS, formatShanghai, type CaseCategory, type PriorityGroup } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { clearDraft, loadDraft, saveDraftField } from '../../../utils/draft';
import { fillEmpty, profileForForm } from '../../../api/profile';
import { photoPicker } from '../../../behaviors/photo-picker';
import { attachmentsOf, restored, type Picked } from '../../../utils/picked';
import { toggle } from '../../../utils/toggle';
import { actOnPayload } from '../../../utils/act-date';
import { requestConsent } from '../../notify/consent';
import { themed } from '../../../behaviors/themed';

const DRAFT_KEY = 'draft.apply';

/** What residents ask for from the mini-program; legal aid has its own application (法律援助). */
const OFFERED: CaseCategory[] = ['consultation', 'mediation', 'lawyer', 'notary', 'appraisal', 'arbitration', 'adminReview', 'complaint'];

interface ApplyForm {
  category: CaseCategory | '';
  summary: string;
  name: string;
  phone: string;
  forOther: boolean;
  proxyName: string;
  proxyPhone: string;
  relation: string;
  groups: PriorityGroup[];
  /** The date the resident's own window (e.g. 行政复议 60 days) runs from, and which window; empty when not known. */
  actOn: string;
  window: string;
  /** Photos of papers, kept in the draft once uploaded so a lost connection loses none. */
  files: Picked[];
}

const EMPTY: ApplyForm = { category: '', summary: '', name: '', phone: '', forOther: false, proxyName: '', proxyPhone: '', relation: '', groups: [], actOn: '', window: '', files: [] };

/** The tappable choices with their on/off state, so the template only renders. */
function choices(form: ApplyForm) {
  return {
    categories: OFFERED.map((c) => ({ value: c, label: CATEGORY_INFO[c].label, on: form.category === c })),
    groups: PRIORITY_GROUPS.map((g) => ({ value: g, label: PRIORITY_GROUP_LABELS[g], on: form.groups.includes(g) })),
  };
}

Component({
  behaviors: [themed, photoPicker],
  properties: {
    /** Preselected from 首页 or a unit's notice, e.g. ?category=mediation&orgId=qs-dongpo */
    category: { type: String, value: '' },
    orgId: { type: String, value: '' },
  },
  data: {
    form: EMPTY,
    ...choices(EMPTY),
    submitting: false,
    /** Today in Beijing: the latest date the 申请期限 picker offers. */
    today: '',
    /** The case just submitted: the page asks, from a tap, whether to tell its progress by WeChat. */
    submitted: null as null | { id: string; code: string },
  },
  lifetimes: {
    attached() {
      const draft = loadDraft(DRAFT_KEY, EMPTY);
      if (this.data.category && !draft.form.category) draft.form.category = this.data.category as CaseCategory;
      const form = { ...draft.form, files: restored(draft.form.files ?? []) };
      this.setData({ form, ...choices(form), today: formatShanghai(new Date(), 'YYYY-MM-DD') });
      // 我的 keeps the name and phone once: offered here (into the draft), never over what was typed.
      void profileForForm().then((p) => {
        const filled = p ? fillEmpty(this.data.form, { name: p.name, phone: p.phone }) : {};
        for (const [field, value] of Object.entries(filled)) this.keep(field as 'name' | 'phone', value as string);
      });
    },
  },
  methods: {
    keep<K extends keyof ApplyForm>(field: K, value: ApplyForm[K]) {
      const { form } = saveDraftField(DRAFT_KEY, EMPTY, field, value);
      this.setData({ [`form.${field}`]: value, ...(field === 'category' || field === 'groups' ? choices(form) : {}) });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: 'summary' | 'name' | 'phone' | 'proxyName' | 'proxyPhone' | 'relation' }).field;
      this.keep(field, e.detail.value);
    },
    /** What was said is added after what is already written, within the field's 1000 characters. */
    onSummaryVoice(e: WechatMiniprogram.CustomEvent<{ text: string }>) {
      this.keep('summary', `${this.data.form.summary}${e.detail.text}`.slice(0, 1000));
    },
    /** Before applying: what this service needs (服务指南); the draft keeps what is filled in. */
    onGuide() {
      void wx.navigateTo({ url: `/pages/guide/entry/index?service=${this.data.form.category}` });
    },
    onCategory(e: WechatMiniprogram.BaseEvent) {
      this.keep('category', (e.currentTarget.dataset as { value: CaseCategory }).value);
    },
    onGroup(e: WechatMiniprogram.BaseEvent) {
      const group = (e.currentTarget.dataset as { value: PriorityGroup }).value;
      this.keep('groups', toggle(this.data.form.groups, group));
    },
    pickedFiles(): readonly Picked[] {
      return this.data.form.files;
    },
    setPickedFiles(files: Picked[]) {
      this.keep('files', files);
    },
    onActDate(e: WechatMiniprogram.CustomEvent<{ actOn: string; window: string }>) {
      this.keep('actOn', e.detail.actOn);
      this.keep('window', e.detail.window);
    },
    onForOther(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.keep('forOther', e.detail.value);
    },
    async onSubmit() {
      if (this.data.submitting) return;
      if (!loadDraft(DRAFT_KEY, EMPTY).form.category) {
        wx.showToast({ title: '请先选择要办的事', icon: 'none' });
        return;
      }
      // A tap while photos travel is taken: the button counts up (正在上传 n%) and sends when they are in.
      this.setData({ submitting: true });
      try {
        if (!(await this.photosReady())) return;
        const { form, requestId } = loadDraft(DRAFT_KEY, EMPTY);
        if (!form.category) return;
        const created = await api().case.submit(
          {
            category: form.category,
            summary: form.summary,
            ...(this.data.orgId && { orgId: this.data.orgId }),
            applicant: { name: form.name, phone: form.phone },
            ...(form.forOther && { proxy: { name: form.proxyName, phone: form.proxyPhone, relation: form.relation } }),
            priorityGroups: form.groups,
            ...actOnPayload(form.category, form.actOn ?? '', form.window ?? ''),
            attachments: attachmentsOf(form.files ?? []),
          },
          { requestId },
        );
        clearDraft(DRAFT_KEY);
        this.setData({ form: EMPTY, ...choices(EMPTY) });
        wx.showToast({ title: `已受理，编号${created.code}`, icon: 'none', duration: 3000 });
        this.setData({ submitted: { id: created.id, code: created.code } });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ submitting: false });
      }
    },
    /** 有进展时通知我: the moment that explains itself; WeChat shows its request only for this tap. */
    async onNotifyMe() {
      try {
        await requestConsent(['caseProgress', 'surveyInvite']);
      } catch (err) {
        showError(err);
      }
      this.openSubmitted();
    },
    openSubmitted() {
      const done = this.data.submitted;
      if (done) void wx.redirectTo({ url: `/pages/case/detail/index?caseId=${done.id}` });
    },
  },
});
