import { afterCommandLine, COMMAND_GUIDE, COMMAND_LABELS, WORKER_STATUS_HINTS, formatShanghai, materialRef, type Attachment, type CaseDetail, type CommandType, type RatingInput } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { loadable } from '../../../behaviors/loadable';
import { photoPicker } from '../../../behaviors/photo-picker';
import { attachmentsOf, type Picked } from '../../../utils/picked';
import type { TreeUnit } from '../../../utils/units';
import { commandFrom, DIRECT, FORMS, RATED, type Field, type PersonCommand } from './forms';
import { themed } from '../../../behaviors/themed';

/** primary: the way forward, full width; side: two to a row; ending: closes the matter, so it sits last and quiet. */
type ButtonKind = 'primary' | 'side' | 'ending';

interface Button {
  type: CommandType;
  label: string;
  kind: ButtonKind;
  /** One line under the button (core COMMAND_GUIDE): what pressing it does. */
  explain: string;
}

/** The buttons a case shows: what the function says this person may do now and this page can ask for. */
function buttons(commands: readonly CommandType[]): Button[] {
  const shown = commands.filter((c) => DIRECT.includes(c) || c === RATED || FORMS[c] !== undefined);
  // The way forward first (its first button the main one), then what records or asks, then what ends the matter.
  const rank = (c: CommandType) => ({ forward: 0, side: 1, ending: 2 })[COMMAND_GUIDE[c].place];
  return [...shown]
    .sort((a, b) => rank(a) - rank(b))
    .map((type, i) => ({
      type,
      label: COMMAND_LABELS[type],
      kind: rank(type) === 2 ? 'ending' : i === 0 && rank(type) === 0 ? 'primary' : 'side',
      explain: COMMAND_GUIDE[type].explain,
    }));
}

/** 签收, 不予受理 and 撤回 cannot be undone: asked once more (core COMMAND_GUIDE says which and how). */
function confirmed(type: CommandType): Promise<boolean> {
  const ask = COMMAND_GUIDE[type].confirm;
  if (!ask) return Promise.resolve(true);
  return new Promise((resolve) => {
    wx.showModal({
      title: ask.title,
      content: ask.content,
      confirmText: COMMAND_LABELS[type],
      cancelText: '再想想',
      success: (res) => resolve(res.confirm),
      fail: () => resolve(false),
    });
  });
}

/** What a form starts with: an acceptance is most often recorded the day the body calls. */
function initialValues(type: CommandType): Record<string, string | boolean> {
  return type === 'recordAcceptance' ? { acceptedOn: formatShanghai(new Date(), 'YYYY-MM-DD') } : {};
}

interface Missing {
  name: string;
  why: string;
  replaceWith: string;
}

function explained(name: string, notice: NonNullable<CaseDetail['materialsNotice']>): Missing {
  const item = notice.find((m) => m.name === name);
  return { name, why: item?.why ?? '', replaceWith: item?.replaceWith ?? '' };
}

function view(detail: CaseDetail) {
  const c = detail.case;
  return {
    code: c.code,
    title: c.categoryLabel,
    summary: c.summary,
    status: c.statusLabel,
    // A worker reads the next step at the desk, never the resident's "请给这次服务打个分".
    hint: detail.asWorker ? WORKER_STATUS_HINTS[c.status] : c.hint,
    orgId: c.orgId,
    green: c.priority === 'green',
    due: c.dueAt ? formatShanghai(new Date(c.dueAt), 'YYYY年M月D日 HH:mm') : '',
    handler: c.handlerName ?? '',
    firstHandler: detail.firstHandlerName ?? '',
    // Each missing paper with why it is asked and what may replace it, where the 服务指南 says so.
    missing: c.status === 'awaitingMaterials' ? detail.missingMaterials.map((name) => explained(name, detail.materialsNotice ?? [])) : [],
    category: c.category,
    result: detail.result ?? '',
    decline: detail.lastDecline?.reason ?? '',
    timeline: detail.timeline
      .map((e, i) => ({
        key: i,
        at: formatShanghai(new Date(e.at), 'M月D日 HH:mm'),
        title: e.title,
        detail: e.detail ?? '',
        by: e.by,
        internal: e.internal,
        files: e.files,
      }))
      .reverse(),
    buttons: buttons(detail.commands),
    // Whose clocks: the resident's own last day, and the outside body's period (never the center's).
    urgent: c.urgent,
    applyBy: c.applyBy ? `${c.applyBy.text}${c.applyBy.closed ? '（已过）' : ''}` : '',
    outside: detail.timeLimits.outside?.text ?? '',
    outsideBody: detail.timeLimits.outside?.bodyLabel ?? '',
    outsideSource: detail.timeLimits.outside?.source ?? '',
    commitment: detail.asWorker ? `中心承诺：${detail.timeLimits.center.limit}内${detail.timeLimits.center.measures}${detail.timeLimits.center.stoppedAt ? '（已转交，按期办结率按转交时间计）' : ''}` : '',
    bodies: detail.timeLimits.bodies.map((b) => ({ value: b.key, label: b.label })),
    asWorker: detail.asWorker,
    contact: detail.contact,
  };
}

Component({
  behaviors: [themed, loadable, photoPicker],
  properties: {
    caseId: { type: String, value: '' },
  },
  data: {
    loading: true,
    failed: false,
    canRetry: false,
    code: '',
    title: '',
    summary: '',
    status: '',
    hint: '',
    green: false,
    due: '',
    handler: '',
    firstHandler: '',
    missing: [] as Missing[],
    category: '' as CaseDetail['case']['category'] | '',
    /** The service's materials from 服务指南, ticked in a 一次性告知. */
    materialOptions: [] as Array<{ ref: string; name: string; on: boolean }>,
    result: '',
    decline: '',
    timeline: [] as Array<{ key: number; at: string; title: string; detail: string; by: string; internal: boolean; files: Attachment[] }>,
    buttons: [] as Button[],
    urgent: false,
    applyBy: '',
    outside: '',
    outsideBody: '',
    outsideSource: '',
    commitment: '',
    bodies: [] as Array<{ value: string; label: string }>,
    asWorker: false,
    contact: null as CaseDetail['contact'],
    /** The command whose form is open, with its fields and what has been filled in. */
    active: '' as CommandType | '',
    activeLabel: '',
    fields: [] as Field[],
    values: {} as Record<string, string | boolean>,
    /** The case's own unit: the unit picker opens its branch, where a transfer most often goes. */
    orgId: '',
    /** Units for 分流 and 转办, as the unit picker draws the tree. */
    orgs: [] as TreeUnit[],
    members: [] as Array<{ value: string; label: string; name: string }>,
    /** Photos picked in an open form, uploaded as they are picked. */
    picked: [] as Picked[],
    working: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(this, () => api().case.get({ caseId: this.data.caseId }), view);
    },
    async onCommand(e: WechatMiniprogram.BaseEvent) {
      const type = (e.currentTarget.dataset as { type: CommandType }).type;
      if (type === RATED) {
        this.setData({ active: type, activeLabel: COMMAND_LABELS[type], fields: [], values: {}, picked: [] });
        return;
      }
      // The bodies a case may go to come with the case: the form offers exactly those.
      const fields = FORMS[type]
        ?.filter((f) => !f.workerOnly || this.data.asWorker)
        .map((f) => (f.kind === 'choice' && f.key === 'body' ? { ...f, options: this.data.bodies } : f));
      if (!fields) {
        if (await confirmed(type)) await this.run(type, {});
        return;
      }
      this.setData({ active: type, activeLabel: COMMAND_LABELS[type], fields, values: initialValues(type), picked: [] });
      try {
        if (fields.some((f) => f.kind === 'org') && this.data.orgs.length === 0) {
          const { orgs } = await api().org.list({});
          this.setData({ orgs: orgs.filter((o) => o.active).map((o) => ({ id: o.id, name: o.name, tier: o.tier, parentId: o.parentId })) });
        }
        if (fields.some((f) => f.kind === 'materials') && this.data.category) {
          const entry = await api().guide.entry({ service: this.data.category });
          this.setData({ materialOptions: entry.materials.map((m) => ({ ref: materialRef(entry.service, m.id), name: m.name, on: false })) });
        }
        if (fields.some((f) => f.kind === 'member')) {
          const { handlers } = await api().case.handlers({ caseId: this.data.caseId });
          this.setData({ members: handlers.map((h) => ({ value: h.openid, label: `${h.name}（${h.roleLabel}）`, name: h.name })) });
        }
      } catch (err) {
        showError(err);
      }
    },
    onValue(e: WechatMiniprogram.CustomEvent<{ value: string | boolean }>) {
      const key = (e.currentTarget.dataset as { key: string }).key;
      this.setData({ [`values.${key}`]: e.detail.value });
    },
    onTick(e: WechatMiniprogram.BaseEvent) {
      const ref = (e.currentTarget.dataset as { ref: string }).ref;
      this.setData({ materialOptions: this.data.materialOptions.map((m) => (m.ref === ref ? { ...m, on: !m.on } : m)) });
    },
    onUnit(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const key = (e.currentTarget.dataset as { key: string }).key;
      this.setData({ [`values.${key}`]: e.detail.value });
    },
    onPick(e: WechatMiniprogram.BaseEvent) {
      const { key, value } = e.currentTarget.dataset as { key: string; value: string };
      this.setData({ [`values.${key}`]: value });
    },
    pickedFiles(): readonly Picked[] {
      return this.data.picked;
    },
    setPickedFiles(picked: Picked[]) {
      this.setData({ picked });
    },
    /** A photo on the case opens through a short-lived link the function hands out after checking who asks. */
    async onOpenFile(e: WechatMiniprogram.BaseEvent) {
      const { fileId } = e.currentTarget.dataset as { fileId: string };
      try {
        const { url } = await api().case.fileUrl({ caseId: this.data.caseId, fileID: fileId });
        wx.previewImage({ urls: [url], current: url });
      } catch (err) {
        showError(err);
      }
    },
    /** The full number is fetched only when a worker taps to call: that reveal is what the audit log records. */
    async onCall(e: WechatMiniprogram.BaseEvent) {
      const { who } = e.currentTarget.dataset as { who: 'applicant' | 'proxy' };
      try {
        const { phone, proxyPhone } = await api().case.contact({ caseId: this.data.caseId });
        const number = who === 'proxy' ? proxyPhone : phone;
        // Putting the phone down at the dialog is a choice, not a failure to report.
        if (number) wx.makePhoneCall({ phoneNumber: number, fail: () => undefined });
      } catch (err) {
        showError(err);
      }
    },
    onCancel() {
      this.setData({ active: '', fields: [], values: {}, picked: [] });
    },
    async onConfirm() {
      const type = this.data.active;
      if (!type || this.data.working) return;
      // A tap while photos travel is taken: the button counts up (正在上传 n%) and sends when they are in.
      this.setData({ working: true });
      const ready = await this.photosReady();
      this.setData({ working: false });
      if (ready && this.data.active === type && (await confirmed(type))) void this.run(type, this.data.values);
    },
    /** The rating component's answers: the whole 评价 command. */
    onRate(e: WechatMiniprogram.CustomEvent<RatingInput>) {
      void this.run(RATED, {}, { type: 'evaluate', ...e.detail });
    },
    async run(type: CommandType, values: Record<string, string | boolean>, whole?: PersonCommand) {
      if (this.data.working) return;
      this.setData({ working: true });
      try {
        const nameOf = (openid: string) => this.data.members.find((m) => m.value === openid)?.name ?? '';
        const listed = type === 'requestMaterials' ? this.data.materialOptions.filter((m) => m.on).map((m) => m.ref) : [];
        const command = whole ?? commandFrom(type, values, nameOf, attachmentsOf(this.data.picked), listed);
        const detail = await api().case.act({ caseId: this.data.caseId, command });
        const unitName = (id: string) => this.data.orgs.find((o) => o.id === id)?.name ?? id;
        const after = { status: detail.case.status, orgId: detail.case.orgId, handlerName: detail.case.handlerName, transferTo: detail.transfer?.toOrgId ?? null };
        // The status line says what just happened (已分流到青石镇…), not a status the command kept.
        this.setData({ ...view(detail), status: afterCommandLine(type, after, unitName), active: '', fields: [], values: {}, picked: [] });
        wx.showToast({ title: `已${COMMAND_LABELS[type]}`, icon: 'success' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ working: false });
      }
    },
  },
});
