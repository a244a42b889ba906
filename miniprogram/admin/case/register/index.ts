import {
  CASE_CATEGORIES,
  CATEGORY_INFO,
  PRIORITY_GROUP_LABELS,
  PRIORITY_GROUPS,
  formatShanghai,
  type CaseCategory,
  type Channel,
  type PriorityGroup,
} from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { actOnPayload } from '../../../utils/act-date';
import { loadInto } from '../../../api/load';
import { uploadOwn } from '../../../api/files';
import { clearDraft, loadDraft, saveDraftField } from '../../../utils/draft';
import { photoPicker } from '../../../behaviors/photo-picker';
import { attachmentsOf, restored, type Picked } from '../../../utils/picked';
import { toggle } from '../../../utils/toggle';
import { unitsFor, type TreeUnit } from '../../../utils/units';
import { themed } from '../../../behaviors/themed';

const DRAFT_KEY = 'draft.register';

/** The channels a worker registers by hand (the mini-program channel registers itself), in the words used at the desk. */
const CHANNEL_CHOICES: Array<{ value: Exclude<Channel, 'miniprogram'>; label: string }> = [
  { value: 'walkIn', label: '来访' },
  { value: 'hotline12348', label: '12348热线' },
  { value: 'agency', label: '部门转来' },
  { value: 'groupChat', label: '群里提问' },
];

interface RegisterForm {
  channel: Channel;
  category: CaseCategory | '';
  summary: string;
  /** The code of an earlier 咨询 this request follows on from (指引服务转化率); empty when none. */
  followOf: string;
  name: string;
  phone: string;
  hasProxy: boolean;
  proxyName: string;
  proxyPhone: string;
  relation: string;
  groups: PriorityGroup[];
  /** Empty until the worker picks a unit: the page then uses their own first unit. */
  orgId: string;
  /** Empty until picked: the visit is then "now", stamped by the server. */
  visitedDate: string;
  visitedTime: string;
  /** The date of the act or decision the resident's own window runs from (e.g. 行政复议 60 days); empty when not asked. */
  actOn: string;
  /** Which window, when the category carries several; empty for its first. */
  window: string;
  files: Picked[];
}

type TextField = 'summary' | 'followOf' | 'name' | 'phone' | 'proxyName' | 'proxyPhone' | 'relation';

const EMPTY: RegisterForm = {
  channel: 'walkIn',
  category: '',
  summary: '',
  followOf: '',
  name: '',
  phone: '',
  hasProxy: false,
  proxyName: '',
  proxyPhone: '',
  relation: '',
  groups: [],
  orgId: '',
  visitedDate: '',
  visitedTime: '',
  actOn: '',
  window: '',
  files: [],
};

interface SignaturePad {
  exportImage(): Promise<string | null>;
}

/** The tappable choices with their on/off state, so the template only renders. */
function choices(form: RegisterForm) {
  return {
    channels: CHANNEL_CHOICES.map((c) => ({ ...c, on: form.channel === c.value })),
    categories: CASE_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_INFO[c].label, on: form.category === c })),
    groups: PRIORITY_GROUPS.map((g) => ({ value: g, label: PRIORITY_GROUP_LABELS[g], on: form.groups.includes(g) })),
  };
}

Component({
  behaviors: [themed, photoPicker],
  data: {
    loading: true,
    failed: false,
    form: EMPTY,
    ...choices(EMPTY),
    units: [] as TreeUnit[],
    /** What the time fields show while the worker has not picked one. */
    nowDate: '',
    nowTime: '',
    /** Whether the receptionist has signed on the pad; a walk-in is registered only once signed. */
    signed: false,
    submitting: false,
  },
  lifetimes: {
    attached() {
      const draft = loadDraft(DRAFT_KEY, EMPTY);
      const form = { ...draft.form, files: restored(draft.form.files ?? []) };
      const now = new Date();
      this.setData({ form, ...choices(form), nowDate: formatShanghai(now, 'YYYY-MM-DD'), nowTime: formatShanghai(now, 'HH:mm') });
      void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(
        this,
        () => api().org.list({}),
        ({ orgs, mine }) => ({ units: unitsFor(orgs, mine) }),
      );
    },
    keep<K extends keyof RegisterForm>(field: K, value: RegisterForm[K]) {
      const { form } = saveDraftField(DRAFT_KEY, EMPTY, field, value);
      const redraw = field === 'channel' || field === 'category' || field === 'groups';
      this.setData({ [`form.${field}`]: value, ...(redraw ? choices(form) : {}) });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.keep((e.currentTarget.dataset as { field: TextField }).field, e.detail.value);
    },
    onChannel(e: WechatMiniprogram.BaseEvent) {
      const channel = (e.currentTarget.dataset as { value: Channel }).value;
      // The pad shows for walk-ins only; leaving and coming back draws a fresh, unsigned one.
      if (channel !== this.data.form.channel) this.setData({ signed: false });
      this.keep('channel', channel);
    },
    onCategory(e: WechatMiniprogram.BaseEvent) {
      this.keep('category', (e.currentTarget.dataset as { value: CaseCategory }).value);
    },
    onGroup(e: WechatMiniprogram.BaseEvent) {
      const group = (e.currentTarget.dataset as { value: PriorityGroup }).value;
      this.keep('groups', toggle(this.data.form.groups, group));
    },
    onProxy(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.keep('hasProxy', e.detail.value);
    },
    /** From the unit picker: the tree of the units this worker may register for, or a search. */
    onUnit(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      if (!this.data.units.some((u) => u.id === e.detail.value)) return;
      this.keep('orgId', e.detail.value);
    },
    pickedFiles(): readonly Picked[] {
      return this.data.form.files;
    },
    setPickedFiles(files: Picked[]) {
      this.keep('files', files);
    },
    onSigned(e: WechatMiniprogram.CustomEvent<{ signed: boolean }>) {
      this.setData({ signed: e.detail.signed });
    },
    /** The drawn signature, uploaded; a signature is asked for at the window (来访) only. */
    async signature(channel: Channel) {
      if (channel !== 'walkIn') return undefined;
      const pad = this.selectComponent('#signature') as unknown as SignaturePad | null;
      const image = await pad?.exportImage();
      return image ? uploadOwn(image, '接待人签名') : undefined;
    },
    onVisitedDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.keep('visitedDate', e.detail.value);
    },
    onVisitedTime(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.keep('visitedTime', e.detail.value);
    },
    onActDate(e: WechatMiniprogram.CustomEvent<{ actOn: string; window: string }>) {
      this.keep('actOn', e.detail.actOn);
      this.keep('window', e.detail.window);
    },
    async onSubmit() {
      if (this.data.submitting) return;
      const { form, requestId } = loadDraft(DRAFT_KEY, EMPTY);
      // The category is a choice, not typed text: the server's answer to a missing one is not worded for people.
      if (!form.category) {
        wx.showToast({ title: '请选择办理类别', icon: 'none' });
        return;
      }
      const orgId = form.orgId || this.data.units[0]?.id;
      if (!orgId) {
        wx.showToast({ title: '请选择登记单位', icon: 'none' });
        return;
      }
      if (form.channel === 'walkIn' && !this.data.signed) {
        wx.showToast({ title: '请接待人在下方手写签名', icon: 'none' });
        return;
      }
      if (!(await this.photosReady())) return;
      const picked = form.visitedDate !== '' || form.visitedTime !== '';
      this.setData({ submitting: true });
      try {
        const signature = await this.signature(form.channel);
        const created = await api().case.register(
          {
            channel: form.channel,
            category: form.category,
            summary: form.summary,
            ...(form.followOf?.trim() && { followOf: form.followOf.trim().toUpperCase() }),
            orgId,
            applicant: { name: form.name, phone: form.phone },
            ...(form.hasProxy && { proxy: { name: form.proxyName, phone: form.proxyPhone, relation: form.relation } }),
            priorityGroups: form.groups,
            ...actOnPayload(form.category, form.actOn ?? '', form.window ?? ''),
            ...(picked && { visitedAt: `${form.visitedDate || this.data.nowDate}T${form.visitedTime || this.data.nowTime}:00+08:00` }),
            attachments: attachmentsOf(form.files ?? []),
            ...(signature && { signature }),
          },
          { requestId },
        );
        clearDraft(DRAFT_KEY);
        this.setData({ form: EMPTY, ...choices(EMPTY) });
        wx.showToast({ title: `已登记，编号${created.code}`, icon: 'none', duration: 3000 });
        // Replace the form: going back should land on the workbench, not an empty form.
        void wx.redirectTo({ url: `/pages/case/detail/index?caseId=${encodeURIComponent(created.id)}` });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
