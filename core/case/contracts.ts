import * as z from 'zod/mini';
import { action } from '../api/action';
import { isDayKey } from '../clock';
import type { Access } from '../policy/policy';
import { CASE_CATEGORIES, CHANNELS, OUTSIDE_BODY_KEYS, PRIORITY_GROUPS, WINDOW_KEYS } from './categories';
import { CASE_MACHINE_REFUSALS, type CaseMachineReason } from './refusals';
import { CASE_STATUSES } from './statuses';
import { COMMAND_TYPES, MATERIAL_KINDS } from './types';
import { MAX_FILES } from './uploads';
import { COMPLAINT_INTAKE_REFUSALS, complaintAboutInput, evaluateCommandSchema, FOLLOW_OF_REFUSALS, followOfInput, ledgerFileAction, mediationCommandSchemas } from './outcome-contracts';
import { VISIT_TIME_REFUSALS } from './visit-time';
import { linkContract } from './link';

const orgId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位'));
const caseId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '没有找到这件事，请返回重新打开'));
const shortText = (what: string, max: number) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}太长了`));
const phone = z.string().check(z.trim(), z.regex(/^[0-9-]{5,20}$/, '联系电话格式不对'));
const note = z.optional(z.string().check(z.maxLength(500, '备注太长了')));
const personRef = z.strictObject({
  openid: z.string().check(z.minLength(1, '请选择承办人'), z.maxLength(64, '请重新选择承办人')),
  name: z.string().check(z.maxLength(20, '姓名太长了')),
});
const materialRef = z.string().check(z.regex(/^[a-zA-Z]+\.[a-z][A-Za-z0-9]{1,39}$/, '请从清单里重新勾选材料'));
const items = (what: string) => z.array(shortText(what, 100)).check(z.minLength(1, `请列出${what}`), z.maxLength(50, `${what}太多了`));

const attachment = z.strictObject({
  fileID: z.string().check(z.regex(/^cloud:\/\/[A-Za-z0-9._-]+\/uploads\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9._-]{1,100}$/, '文件地址不对，请重新上传')),
  name: shortText('文件名', 60),
});
const files = z.array(attachment).check(z.maxLength(MAX_FILES, `一次最多上传${MAX_FILES}个文件`));

/**
 * The date of the act or decision the resident's own window runs from (e.g. 行政复议 60 days from
 * knowing the act), and which window, when not the category's first (core/case/categories).
 */
const statutoryWindow = {
  actOn: z.optional(z.string().check(z.refine(isDayKey, '日期不对，应为 YYYY-MM-DD'))),
  window: z.optional(z.enum(WINDOW_KEYS)),
};

const applicantInput = z.strictObject({ name: shortText('来访人姓名', 20), phone });
const proxyInput = z.strictObject({ name: shortText('代办人姓名', 20), phone, relation: shortText('代办人与申请人的关系', 20) });

/** Every command of the case state machine, as the client may send it. */
export const caseCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('triage'),
    category: z.optional(z.enum(CASE_CATEGORIES)),
    priorityGroups: z.optional(z.array(z.enum(PRIORITY_GROUPS))),
    orgId: z.optional(orgId),
    note,
  }),
  z.strictObject({ type: z.literal('assign'), handler: personRef, note }),
  z.strictObject({ type: z.literal('accept'), note }),
  z.strictObject({ type: z.literal('start'), note }),
  z.strictObject({ type: z.literal('addNote'), text: shortText('记录内容', 500), visibility: z.enum(['applicant', 'internal']), note }),
  z.strictObject({ type: z.literal('remind'), note }),
  z.strictObject({
    type: z.literal('recordMaterials'),
    kind: z.enum(MATERIAL_KINDS),
    items: z
      .array(
        z.strictObject({
          name: shortText('材料名称', 100),
          count: z.number({ error: '份数应为数字' }).check(z.int('份数应为整数'), z.minimum(1, '份数至少为1'), z.maximum(999, '份数太多了')),
        }),
      )
      .check(z.minLength(1, '请列出材料'), z.maxLength(50, '材料太多了')),
    counterpart: z.optional(shortText('交接人', 20)),
    note,
  }),
  // listed: ticked from the 服务指南's list of the service (core/guide), each `<service>.<material id>`.
  z.strictObject({ type: z.literal('requestMaterials'), items: z.optional(items('需要补充的材料')), listed: z.optional(z.array(materialRef).check(z.maxLength(50, '材料太多了'))), note }),
  z.strictObject({ type: z.literal('supplyMaterials'), items: items('补交的材料'), files: z.optional(files), note }),
  z.strictObject({
    type: z.literal('addFiles'),
    files: files.check(z.minLength(1, '请先选择要上传的文件')),
    visibility: z.optional(z.enum(['applicant', 'internal'])),
    note,
  }),
  z.strictObject({ type: z.literal('transfer'), toOrgId: orgId, reason: shortText('转办理由', 200), note }),
  z.strictObject({ type: z.literal('refer'), body: z.enum(OUTSIDE_BODY_KEYS), note }),
  z.strictObject({
    type: z.literal('recordAcceptance'),
    acceptedOn: z.string().check(z.refine(isDayKey, '受理日期不对，应为 YYYY-MM-DD')),
    simplified: z.optional(z.boolean()),
    note,
  }),
  z.strictObject({ type: z.literal('acceptTransfer'), note }),
  z.strictObject({ type: z.literal('declineTransfer'), reason: shortText('退回理由', 200), note }),
  z.strictObject({ type: z.literal('resolve'), result: shortText('办理结果', 1000), note }),
  z.strictObject({ type: z.literal('reject'), reason: shortText('不予受理的理由', 200), referTo: shortText('建议去处', 100), note }),
  z.strictObject({ type: z.literal('withdraw'), reason: z.optional(z.string().check(z.maxLength(200, '撤回理由太长了'))), note }),
  ...mediationCommandSchemas(note),
  evaluateCommandSchema(note),
]);

const fileOut = z.object({ fileID: z.string(), name: z.string() });
const timelineEntry = z.object({
  at: z.string(),
  title: z.string(),
  detail: z.nullable(z.string()),
  by: z.string(),
  files: z.array(fileOut),
  internal: z.boolean(),
});

export const caseSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  category: z.enum(CASE_CATEGORIES),
  categoryLabel: z.string(),
  summary: z.string(),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  hint: z.string(),
  priority: z.enum(['green', 'normal']),
  orgId: z.string(),
  applicantName: z.string(),
  handlerName: z.nullable(z.string()),
  dueAt: z.nullable(z.string()),
  lastEventAt: z.string(),
  /** The resident's own window to act closes soon (within 7 days) while the matter is open. */
  urgent: z.boolean(),
  /** The resident's statutory window, when the request carries one: its last day, shown to workers. */
  applyBy: z.nullable(z.object({ kind: z.enum(WINDOW_KEYS), lastDay: z.string(), endsAt: z.string(), closed: z.boolean(), text: z.string() })),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseDetailSchema = z.object({
  case: caseSummarySchema,
  /** Whose clocks run: the center's own (judged) and, once referred, the outside body's (shown, never judged). */
  timeLimits: z.object({
    center: z.object({
      measures: z.string(),
      limit: z.string(),
      source: z.string(),
      endsAt: z.enum(['resolve', 'referral']),
      /** The referral that stopped it, when there was one. */
      stoppedAt: z.nullable(z.string()),
    }),
    outside: z.nullable(
      z.object({
        body: z.enum(OUTSIDE_BODY_KEYS),
        bodyLabel: z.string(),
        referredAt: z.string(),
        acceptedOn: z.nullable(z.string()),
        /** The day its statutory period ends by the law (an estimate: the stretches it leaves out are the body's). */
        expectedBy: z.nullable(z.string()),
        source: z.nullable(z.string()),
        text: z.string(),
      }),
    ),
    /** Where the case may still be referred (for the 转交受理机构 form). */
    bodies: z.array(z.object({ key: z.enum(OUTSIDE_BODY_KEYS), label: z.string() })),
  }),
  missingMaterials: z.array(z.string()),
  /** The still-missing items ticked from the 服务指南, with why each is asked and what may replace it. */
  materialsNotice: z.optional(z.array(z.object({ ref: z.string(), name: z.string(), why: z.string(), replaceWith: z.string() }))),
  transfer: z.nullable(z.object({ fromOrgId: z.string(), toOrgId: z.string(), reason: z.string() })),
  lastDecline: z.nullable(z.object({ byOrgId: z.string(), reason: z.string() })),
  result: z.nullable(z.string()),
  firstHandlerName: z.nullable(z.string()),
  timeline: z.array(timelineEntry),
  /** The buttons this caller may press now (state machine × person). */
  commands: z.array(z.enum(COMMAND_TYPES)),
  /** Whether the caller acts on it as a worker (rather than as its applicant side). */
  asWorker: z.boolean(),
  /** Who to call, for workers only, phones masked: case.contact reveals them, on record. */
  contact: z.nullable(
    z.object({
      name: z.string(),
      phone: z.string(),
      proxy: z.nullable(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
    }),
  ),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const QUEUES = ['new', 'mine', 'pendingTransfers', 'awaitingMaterials', 'dueSoon', 'overdue', 'followUps'] as const;
export type Queue = (typeof QUEUES)[number];
export const QUEUE_LABELS: Record<Queue, string> = {
  new: '待分流',
  mine: '我承办的',
  pendingTransfers: '待接收转办',
  awaitingMaterials: '待补材料',
  dueSoon: '即将到期',
  overdue: '已超期',
  followUps: '我首办的',
};

const EVERYONE_ON_CASES: Access = {
  resident: ['own'],
  advisor: ['own', 'assigned'],
  staff: ['own', 'assigned', 'subtree'],
  supervisor: ['own', 'assigned', 'subtree'],
  admin: ['any'],
};
const WORKERS: Access = { advisor: ['assigned'], staff: ['assigned', 'subtree'], supervisor: ['assigned', 'subtree'], admin: ['any'] };

/** The state machine's refusals (core/case/refusals) an action can meet, by reason. */
function machineRefusals(keep: (reason: CaseMachineReason) => boolean) {
  return Object.fromEntries(Object.entries(CASE_MACHINE_REFUSALS).filter(([reason]) => keep(reason as CaseMachineReason)));
}
/** What a new request can be refused for: submit and register make the channel, code and registrar right themselves. */
const INTAKE_REASONS: readonly CaseMachineReason[] = ['text_missing', 'text_too_long', 'too_many_files', 'not_own_upload', 'window_not_for_category'];
/** Refused only at intake: a command on an existing case never meets them. */
const INTAKE_ONLY: readonly CaseMachineReason[] = ['about_not_complaint', 'worker_channel', 'undeclared_proxy', 'signature_by_worker', 'code_category_mismatch', 'window_not_for_category'];

/** Refusals of the case function's own, reason → code and when. */
const CASE_NOT_FOUND = { code: 'NOT_FOUND', when: 'no case has that id' } as const;
const OUT_OF_REACH = { code: 'FORBIDDEN', when: 'the caller neither filed the case (own) nor reaches it as a worker (assigned, their subtree, a transfer to their unit)' } as const;
const ON_CASE = { case_not_found: CASE_NOT_FOUND, out_of_reach: OUT_OF_REACH } as const;
const ACT_DATE = { code: 'VALIDATION_FAILED', when: 'the date a statutory window runs from (actOn) is after the day of the request or before 2000' } as const;
const UNIT_NOT_FOUND = { code: 'NOT_FOUND', when: 'the unit named does not exist or is closed' } as const;

/** Codes are short and sequential: a person types or scans a few; trying them faster is someone mapping the county's cases. */
const CODE_LOOKUPS = { bucket: 'case_code', perMinute: 20 } as const;

export const caseContracts = {
  submit: action({
    summary: 'A resident (or their 代办) submits a request from the mini-program; it becomes one case with a code and a deadline.',
    input: z.strictObject({
      category: z.enum(CASE_CATEGORIES),
      summary: shortText('想办理的事情', 1000),
      /** The preferred unit; without one the request goes to the county center's front desk. */
      orgId: z.optional(orgId),
      applicant: applicantInput,
      proxy: z.optional(proxyInput),
      priorityGroups: z._default(z.array(z.enum(PRIORITY_GROUPS)), []),
      attachments: z._default(files, []),
      ...statutoryWindow,
      /** 投诉: whom it is about — a case (by its code), a person (a worker's openid) or a unit; it then goes to the unit above them. */
      about: z.optional(complaintAboutInput),
    }),
    output: caseSummarySchema,
    access: { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] },
    write: true,
    // The caller's member record comes with the unit's read (cloudfunctions/case/intake.ts).
    callerReadBy: 'handler',
    refusals: {
      ...machineRefusals((r) => INTAKE_REASONS.includes(r)),
      ...COMPLAINT_INTAKE_REFUSALS,
      unit_not_found: UNIT_NOT_FOUND,
      act_date: ACT_DATE,
      no_front_desk: { code: 'NOT_FOUND', when: 'no unit was named and the county center is not set up yet' },
    },
  }),
  register: action({
    summary: 'Staff register a walk-in, 12348-hotline, group-chat or other-agency request with the ledger fields.',
    input: z.strictObject({
      channel: z.enum(CHANNELS),
      category: z.enum(CASE_CATEGORIES),
      summary: shortText('办理事项', 1000),
      orgId,
      applicant: applicantInput,
      proxy: z.optional(proxyInput),
      priorityGroups: z._default(z.array(z.enum(PRIORITY_GROUPS)), []),
      /** When the visitor came, default now: not in the future, not too far back, never into a month already closed (core/case/visit-time). */
      visitedAt: z.optional(z.iso.datetime({ offset: true, message: '来访时间格式不对' })),
      attachments: z._default(files, []),
      /** 接待人签名, drawn on the registration screen: required for a walk-in (窗口来访). */
      signature: z.optional(attachment),
      ...statutoryWindow,
      followOf: followOfInput,
    })
      .check(z.refine((v) => v.channel !== 'walkIn' || v.signature !== undefined, { message: '请接待人在下方手写签名', path: ['signature'] })),
    output: caseSummarySchema,
    access: { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
    write: true,
    refusals: {
      ...machineRefusals((r) => INTAKE_REASONS.includes(r)),
      unit_not_found: UNIT_NOT_FOUND,
      out_of_reach: { code: 'FORBIDDEN', when: 'the unit is outside the caller’s subtree' },
      act_date: ACT_DATE,
      ...VISIT_TIME_REFUSALS, ...FOLLOW_OF_REFUSALS,
    },
  }),
  mine: action({
    summary: "The caller's own cases (as applicant or 代办), newest activity first, with status and next step.",
    input: z.strictObject({}),
    output: z.object({ cases: z.array(caseSummarySchema) }),
    access: EVERYONE_ON_CASES,
    write: false,
    refusals: {},
  }),
  get: action({
    summary: 'One case with the timeline the caller may see and the commands they may use now.',
    input: z.strictObject({ caseId }),
    output: caseDetailSchema,
    access: EVERYONE_ON_CASES,
    write: false,
    refusals: ON_CASE,
  }),
  findByCode: action({
    summary: 'Look a case up by its code (typed, or scanned from the resident’s QR), within the caller’s reach.',
    input: z.strictObject({ code: z.string().check(z.trim(), z.regex(/^[A-Z]{2}\d{12,14}$/, '案件编号格式不对')) }),
    output: caseDetailSchema,
    access: EVERYONE_ON_CASES,
    write: false,
    refusals: {
      case_not_found: { code: 'NOT_FOUND', when: 'no case has that code, or it is outside the caller’s reach: both answer alike, so a code reveals nothing (both are audited)' },
    },
    rateLimit: CODE_LOOKUPS,
  }),
  link: action({ ...linkContract, output: caseSummarySchema }),
  act: action({
    summary: 'Run one command of the case state machine (triage, assign, accept, transfer, materials, resolve, withdraw, evaluate …).',
    input: z.strictObject({ caseId, command: caseCommandSchema }),
    output: caseDetailSchema,
    access: EVERYONE_ON_CASES,
    write: true,
    callerReadBy: 'handler',
    refusals: {
      ...machineRefusals((r) => !INTAKE_ONLY.includes(r)),
      ...ON_CASE,
      handler_not_eligible: { code: 'VALIDATION_FAILED', when: 'an assign names someone who is not an active advisor or staff member of the case’s unit or a unit under it' },
      unit_not_found: { code: 'NOT_FOUND', when: 'a triage or transfer names a unit that does not exist' },
      concurrent_change: { code: 'CONFLICT', when: 'someone else changed the case at the same moment: reload and retry' },
      unknown_material: { code: 'VALIDATION_FAILED', when: 'a 一次性告知 ticks an item the 服务指南 does not list (core/guide)' },
    },
  }),
  ledger: action({
    summary: 'The service ledger (台账, the 接待登记表 of the 实体平台建设指导意见 §(九)3) of cases received in a date range, for a unit and those under it.',
    input: z
      .strictObject({
        from: z.string().check(z.refine(isDayKey, '开始日期不对，应为 YYYY-MM-DD')),
        to: z.string().check(z.refine(isDayKey, '结束日期不对，应为 YYYY-MM-DD')),
        orgId: z.optional(orgId),
      })
      .check(z.refine((v) => v.from <= v.to, { message: '开始日期不能晚于结束日期' })),
    output: z.object({
      columns: z.array(z.object({ key: z.string(), label: z.string() })),
      rows: z.array(z.record(z.string(), z.string())),
      /** More cases matched than one export holds: narrow the range. */
      truncated: z.boolean(),
    }),
    access: { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
    write: false,
    refusals: {
      unit_not_found: { code: 'NOT_FOUND', when: 'the unit named does not exist' },
      out_of_reach: { code: 'FORBIDDEN', when: 'the unit named is outside the caller’s subtree' },
    },
  }),
  ledgerFile: ledgerFileAction,
  contact: action({
    summary: "The applicant's and 代办人's full phone numbers, for the worker who has to call them; every reveal is audit-logged.",
    input: z.strictObject({ caseId }),
    output: z.object({ phone: z.string(), proxyPhone: z.nullable(z.string()) }),
    access: WORKERS,
    write: false,
    refusals: {
      case_not_found: CASE_NOT_FOUND,
      out_of_reach: { code: 'FORBIDDEN', when: 'the caller does not reach the case as a worker (its own applicant side included)' },
    },
  }),
  fileUrl: action({
    summary: 'A short-lived link to one file of a case the caller may read (photos of documents, the signature for workers); workers’ reads are audit-logged.',
    input: z.strictObject({ caseId, fileID: z.string().check(z.maxLength(300, '这张照片打不开，请重新上传')) }),
    output: z.object({ url: z.string(), expiresAt: z.string() }),
    access: EVERYONE_ON_CASES,
    write: false,
    refusals: {
      ...ON_CASE,
      file_not_found: { code: 'NOT_FOUND', when: 'the file is not on this case for this caller (workers’ own photos and the signature are for workers), or is gone from storage' },
    },
  }),
  handlers: action({
    summary: 'Who may be assigned a case: active advisors and staff serving its unit or a unit under it.',
    input: z.strictObject({ caseId }),
    output: z.object({ handlers: z.array(z.object({ openid: z.string(), name: z.string(), roleLabel: z.string() })) }),
    access: { staff: ['assigned', 'subtree'], supervisor: ['assigned', 'subtree'], admin: ['any'] },
    write: false,
    refusals: ON_CASE,
  }),
  workbench: action({
    summary: 'The 工作台: counts of every queue in the caller’s reach and the cases of one queue.',
    input: z.strictObject({ queue: z._default(z.enum(QUEUES), 'new') }),
    output: z.object({
      counts: z.record(z.enum(QUEUES), z.number()),
      cases: z.array(caseSummarySchema),
      /** Whether the caller may register walk-ins (登记来访): the page needs no second call to know. */
      canRegister: z.boolean(),
      /** Whether the caller may open the service ledger (服务台账). */
      canExportLedger: z.boolean(),
      canSeeStats: z.boolean(),
      /** Whether the caller may see who has booked at a unit (预约名单). */
      canSeeBookings: z.boolean(),
      /** Whether the caller may set a unit's appointment hours (预约时间). */
      canSetSchedule: z.boolean(),
      /** Whether the caller may read the audit log (操作记录): supervisors and admins. */
      canSeeAuditLog: z.boolean(),
    }),
    access: WORKERS,
    write: false,
    refusals: {},
  }),
};
