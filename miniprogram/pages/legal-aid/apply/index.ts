import {
  APPLICANT_KINDS,
  HELPER_KINDS,
  HELPER_LABELS,
  MATTERS,
  MATTER_LABELS,
  ROUTE_LABELS,
  evaluateSelfCheck,
  householdForm,
  needsHouseholdForm,
  promiseForm,
  DEFAULT_SETTINGS,
  GUARDIAN_RELATIONS,
  GUARDIAN_RELATION_LABELS,
  type ApplicantKind,
  type GuardianRelation,
  type Attachment,
  type HelperKind,
  type HouseholdMember,
  type Matter,
  type PrintableForm,
  type Route,
  type SelfCheckAnswers,
} from '@core';
import { api, newRequestId } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { uploadOwn } from '../../../api/files';
import { fillEmpty, profileForForm } from '../../../api/profile';
import { photoPicker } from '../../../behaviors/photo-picker';
import { attachmentsOf, restored, type Picked } from '../../../utils/picked';
import { ANSWERS_KEY } from '../keys';
import { themed } from '../../../behaviors/themed';

/** Two ideographic spaces: a village sits under its station in the picker (a native picker shows text only). */
const VILLAGE_INDENT = '\u3000\u3000';

/** The steps, one screen each; the draft on the server remembers which one was reached. */
const STEPS = ['申请人', '什么事', '经济状况', '材料', '确认提交'] as const;

const KIND_LABELS: Record<ApplicantKind, string> = { self: '我本人', legalRepresentative: '法定代理人', closeRelative: '近亲属', guardian: '监护人（未满14岁的孩子）' };

interface Form {
  answers: SelfCheckAnswers;
  applicantKind: ApplicantKind;
  applicantName: string;
  phone: string;
  /** Sealed by the function on arrival; like the phone, never kept in the server draft. */
  idNumber: string;
  representativeName: string;
  representativeRelation: string;
  /** A child under 14's guardian: the relation they consent in (PIPL Art 31). */
  guardianRelation: GuardianRelation | '';
  helped: boolean;
  helperName: string;
  helperKind: HelperKind;
  matter: Matter | '';
  opponent: string;
  facts: string;
  urgent: boolean;
  preferredLawyer: string;
  /** The village the applicant lives in: 初审 at its station; empty applies to the county center. */
  orgId: string;
  files: Picked[];
  /** Household rows and the promise stay on this phone until submitted (no server copy before X1). */
  household: HouseholdMember[];
  noticeRead: boolean;
  authorizeVerification: boolean;
  cannotWrite: boolean;
  witness: string;
}

const EMPTY: Form = {
  answers: {},
  applicantKind: 'self',
  applicantName: '',
  phone: '',
  idNumber: '',
  representativeName: '',
  representativeRelation: '',
  guardianRelation: '',
  helped: false,
  helperName: '',
  helperKind: 'cadre',
  matter: '',
  opponent: '',
  facts: '',
  urgent: false,
  preferredLawyer: '',
  orgId: '',
  files: [],
  household: [{ relation: '本人', monthlyIncome: 0, assets: 0 }],
  noticeRead: false,
  authorizeVerification: false,
  cannotWrite: false,
  witness: '',
};

/** The route the self-check found; an applicant above the standard applies with documents. */
function routeOf(answers: SelfCheckAnswers): Route {
  return evaluateSelfCheck(answers, DEFAULT_SETTINGS).route ?? 'documents';
}

/** What the template renders for a form: choices with their state, the route, the forms to print. */
function view(form: Form, step: number) {
  const route = routeOf({ ...form.answers, ...(form.matter ? { matter: form.matter } : {}) });
  return {
    step,
    stepTitle: STEPS[step],
    route,
    routeLabel: ROUTE_LABELS[route],
    showHousehold: needsHouseholdForm(route),
    showPromise: route === 'promise',
    kinds: APPLICANT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k], on: form.applicantKind === k })),
    guardianRelations: GUARDIAN_RELATIONS.map((g) => ({ value: g, label: GUARDIAN_RELATION_LABELS[g], on: form.guardianRelation === g })),
    helperKinds: HELPER_KINDS.map((k) => ({ value: k, label: HELPER_LABELS[k], on: form.helperKind === k })),
    matters: MATTERS.map((m) => ({ value: m, label: MATTER_LABELS[m], on: form.matter === m })),
    promiseDoc: promiseForm(form.applicantName || '申请人', null, form.cannotWrite ? form.witness || '__________' : null),
    householdDoc: householdForm(form.applicantName || '申请人', form.household),
  };
}

/** The server draft: everything but the phone, the ID number, the household and the promise. */
function draftOf(form: Form) {
  return {
    answers: form.answers,
    applicantKind: form.applicantKind,
    applicantName: form.applicantName,
    representativeName: form.representativeName,
    representativeRelation: form.representativeRelation,
    helper: form.helped && form.helperName ? { name: form.helperName, kind: form.helperKind, openid: 'self' } : null,
    opponent: form.opponent,
    facts: form.facts,
    urgent: form.urgent,
    route: routeOf(form.answers),
    preferredLawyer: form.preferredLawyer,
    orgId: form.orgId || null,
    attachments: attachmentsOf(form.files),
  };
}

type Saved = Partial<ReturnType<typeof draftOf>> & { helper?: { name: string; kind: HelperKind } | null };

function formFrom(saved: Saved | null, answers: SelfCheckAnswers): Form {
  if (!saved) return { ...EMPTY, answers, matter: answers.matter ?? '' };
  const { helper, attachments, route: _route, orgId, ...rest } = saved;
  const merged = { ...EMPTY, ...rest, orgId: orgId ?? '', answers: { ...(saved.answers ?? {}), ...answers } } as Form;
  return {
    ...merged,
    matter: merged.answers.matter ?? '',
    helped: Boolean(helper),
    helperName: helper?.name ?? '',
    helperKind: helper?.kind ?? 'cadre',
    files: restored((attachments ?? []).map((a: Attachment): Picked => ({ key: a.fileID, url: '', name: a.name, type: 'image', status: 'done', fileID: a.fileID }))),
  };
}

Component({
  behaviors: [themed, photoPicker],
  properties: {
    /** Where the person applies (a village room or station); empty means the county center. */
    orgId: { type: String, value: '' },
  },
  data: {
    loading: true,
    failed: false,
    form: EMPTY,
    ...view(EMPTY, 0),
    steps: STEPS,
    notice: { title: '', lines: [] } as PrintableForm,
    /** 直接向县中心申请 first, then each township station followed by its villages. */
    places: [{ id: '', name: '直接向县法律援助中心申请' }] as Array<{ id: string; name: string }>,
    placeNames: ['直接向县法律援助中心申请'] as string[],
    placeIndex: 0,
    signed: false,
    submitting: false,
    requestId: '',
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ loading: true, failed: false });
      try {
        const answers = (wx.getStorageSync(ANSWERS_KEY) || {}) as SelfCheckAnswers;
        // The draft is this page's one call: the profile comes from this phone's copy (我的 keeps it).
        const [{ draft, notice, units }, mine] = await Promise.all([api().legalAid.draft({}), profileForForm({ ask: false })]);
        const form = formFrom((draft?.draft as Saved | undefined) ?? null, answers);
        if (!form.orgId && this.data.orgId) form.orgId = this.data.orgId;
        // 我的 keeps name, phone and village once: offered here, never over what was typed or chosen.
        if (mine) Object.assign(form, fillEmpty(form, { applicantName: mine.name, phone: mine.phone }));
        if (!form.orgId && mine?.villageId && units.some((v) => v.id === mine.villageId)) form.orgId = mine.villageId;
        // The tree as a picker shows it: a station by its name, its villages indented under it.
        const places = [{ id: '', name: '直接向县法律援助中心申请' }, ...units.map((u) => ({ id: u.id, name: u.tier === 'room' ? `${VILLAGE_INDENT}${u.name}` : u.name }))];
        const placeIndex = Math.max(0, places.findIndex((p) => p.id === form.orgId));
        this.setData({ loading: false, form, notice, places, placeNames: places.map((p) => p.name), placeIndex, requestId: newRequestId(), ...view(form, draft?.step ?? 0) });
      } catch (err) {
        this.setData({ loading: false, failed: true });
        showError(err);
      }
    },
    onRetry() {
      void this.load();
    },
    set(patch: Partial<Form>) {
      const form = { ...this.data.form, ...patch };
      this.setData({ form, ...view(form, this.data.step) });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: keyof Form }).field;
      this.set({ [field]: e.detail.value } as Partial<Form>);
    },
    onSwitch(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      const field = (e.currentTarget.dataset as { field: 'helped' | 'urgent' | 'noticeRead' | 'authorizeVerification' | 'cannotWrite' }).field;
      this.set({ [field]: e.detail.value } as Partial<Form>);
    },
    onChoose(e: WechatMiniprogram.BaseEvent) {
      const { field, value } = e.currentTarget.dataset as { field: 'applicantKind' | 'helperKind' | 'matter' | 'guardianRelation'; value: string };
      if (field === 'matter') this.set({ matter: value as Matter, answers: { ...this.data.form.answers, matter: value as Matter } });
      else this.set({ [field]: value } as Partial<Form>);
    },
    onPlace(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const placeIndex = Number(e.detail.value) || 0;
      this.setData({ placeIndex });
      this.set({ orgId: this.data.places[placeIndex]?.id ?? '' });
    },
    onMember(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index, key } = e.currentTarget.dataset as { index: number; key: keyof HouseholdMember };
      const household = this.data.form.household.map((m, i) => (i === Number(index) ? { ...m, [key]: key === 'relation' ? e.detail.value : Number(e.detail.value) || 0 } : m));
      this.set({ household });
    },
    onAddMember() {
      this.set({ household: [...this.data.form.household, { relation: '', monthlyIncome: 0, assets: 0 }] });
    },
    onSigned(e: WechatMiniprogram.CustomEvent<{ signed: boolean }>) {
      this.setData({ signed: e.detail.signed });
    },
    pickedFiles(): readonly Picked[] {
      return this.data.form.files;
    },
    setPickedFiles(files: Picked[]) {
      this.set({ files });
    },
    /** Each step is saved on the server as it is left, so another phone opens at the next one. */
    async go(step: number) {
      try {
        await api().legalAid.saveDraft({ step, draft: draftOf(this.data.form) });
        this.setData(view(this.data.form, step));
      } catch (err) {
        showError(err);
      }
    },
    onNext() {
      void this.go(Math.min(this.data.step + 1, STEPS.length - 1));
    },
    onPrev() {
      void this.go(Math.max(this.data.step - 1, 0));
    },
    onCopyForm(e: WechatMiniprogram.BaseEvent) {
      const which = (e.currentTarget.dataset as { which: 'notice' | 'promiseDoc' | 'householdDoc' }).which;
      const doc = this.data[which] as PrintableForm;
      void wx.setClipboardData({ data: [doc.title, ...doc.lines].join('\n') });
    },
    async signature(): Promise<Attachment | null> {
      if (this.data.form.cannotWrite) return null;
      const pad = this.selectComponent('#signature') as unknown as { exportImage(): Promise<string | null> } | null;
      const image = pad ? await pad.exportImage() : null;
      return image ? uploadOwn(image, '申请人签名') : null;
    },
    async onSubmit() {
      if (this.data.submitting || !this.data.form.matter) return;
      // A tap while photos travel is taken: the button counts up (正在上传 n%) and sends when they are in.
      this.setData({ submitting: true });
      try {
        if (!(await this.photosReady())) return;
        const { form, route, requestId } = this.data;
        if (!form.matter) return;
        const signature = route === 'promise' ? await this.signature() : null;
        const helper = form.helped && form.helperName ? { name: form.helperName, kind: form.helperKind, openid: 'self' } : null;
        const representing = form.applicantKind !== 'self';
        const created = await api().legalAid.submit(
          {
            answers: { ...form.answers, matter: form.matter },
            applicantKind: form.applicantKind,
            applicantName: form.applicantName,
            phone: form.phone,
            idNumber: form.idNumber.trim() || null,
            representativeName: representing ? form.representativeName : null,
            representativeRelation: representing ? form.representativeRelation : null,
            guardianRelation: form.applicantKind === 'guardian' && form.guardianRelation ? form.guardianRelation : null,
            helper,
            matter: form.matter,
            opponent: form.opponent,
            facts: form.facts,
            urgent: form.urgent,
            route,
            household: needsHouseholdForm(route) ? form.household : null,
            promise: route === 'promise' ? { noticeRead: form.noticeRead, authorizeVerification: form.authorizeVerification, signature, fingerprintWitness: form.cannotWrite ? form.witness : null } : null,
            preferredLawyer: form.preferredLawyer || null,
            orgId: form.orgId || null,
            attachments: attachmentsOf(form.files),
          },
          { requestId },
        );
        wx.removeStorageSync(ANSWERS_KEY);
        void wx.redirectTo({ url: `/pages/legal-aid/detail/index?caseId=${created.caseId}` });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
