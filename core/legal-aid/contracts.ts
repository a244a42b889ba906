import * as z from 'zod/mini';
import { action } from '../api/action';
import { PRIORITY_GROUPS } from '../case/categories';
import { RATING_DIMENSIONS, RATING_REFUSALS } from '../evaluation/rating';
import { GUARDIAN_RELATIONS } from '../privacy/consent';
import type { Access } from '../policy/policy';
import { aidRefusalsOf } from './refusals';
import { APPLICANT_KINDS, EXEMPTIONS, HELPER_KINDS, MATTERS, NO_TEST_GROUNDS, QUALITY_GRADES, ROUTES, TERMINATION_GROUNDS } from './rules';
import { AGE_BANDS } from './self-check';
import { AID_STATUSES, CLOCK_NAMES } from './state';
import { MANUAL_CAUSES } from './verification';

const caseId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '案件编号不对'));
const orgId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位'));
const text = (what: string, max: number) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}太长了`));
const optionalText = (what: string, max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max, `${what}太长了`)));
const phone = z.string().check(z.trim(), z.regex(/^[0-9-]{5,20}$/, '联系电话格式不对'));
const yuan = (what: string) => z.number({ error: `${what}应为数字` }).check(z.minimum(0, `${what}不能是负数`), z.maximum(100_000_000, `${what}太大了`));
const attachment = z.strictObject({ fileID: z.string().check(z.maxLength(300)), name: z.string().check(z.maxLength(60)) });
const person = z.strictObject({
  name: text('姓名', 20),
  openid: z.nullable(z.string().check(z.maxLength(64))),
  /** The 法律援助机构 or 律所 the lawyer works for, as the dispatch picker names it. */
  unit: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(40, '单位名称太长了')))),
});

/** The self-check's answers: everything optional, as it fills in one screen at a time. */
export const answersSchema = z.strictObject({
  local: z.optional(z.boolean()),
  matter: z.optional(z.enum(MATTERS)),
  noTestGround: z.optional(z.enum([...NO_TEST_GROUNDS, 'none'])),
  ageBand: z.optional(z.enum(AGE_BANDS)),
  groups: z.optional(z.array(z.enum(PRIORITY_GROUPS)).check(z.maxLength(10))),
  inHospital: z.optional(z.boolean()),
  exemption: z.optional(z.enum([...EXEMPTIONS, 'none'])),
  underStandard: z.optional(z.boolean()),
});

const helperSchema = z.strictObject({ name: text('协助人姓名', 20), kind: z.enum(HELPER_KINDS), openid: z.nullable(z.string().check(z.maxLength(64))) });

/**
 * What a draft keeps on the server, step by step: nothing from the household form or the ID card
 * until field protection (X1) exists, so those steps stay on the phone until submitted.
 */
export const draftSchema = z.strictObject({
  answers: answersSchema,
  applicantKind: z.optional(z.enum(APPLICANT_KINDS)),
  applicantName: optionalText('申请人姓名', 20),
  representativeName: optionalText('代理人姓名', 20),
  representativeRelation: optionalText('与申请人的关系', 20),
  helper: z.optional(z.nullable(helperSchema)),
  opponent: optionalText('对方', 60),
  facts: optionalText('事情经过', 500),
  urgent: z.optional(z.boolean()),
  route: z.optional(z.enum(ROUTES)),
  preferredLawyer: optionalText('希望的律师', 20),
  /** Where the person applies: their village room or station (初审 at the station), or null for the center. */
  orgId: z.optional(z.nullable(orgId)),
  attachments: z.optional(z.array(attachment).check(z.maxLength(9))),
});

const applicationSchema = z.strictObject({
  answers: answersSchema,
  applicantKind: z.enum(APPLICANT_KINDS),
  applicantName: text('申请人姓名', 20),
  phone,
  /** Sealed on arrival (X1); lets a false promise bar the person, not just the WeChat account. */
  idNumber: z.optional(z.nullable(z.string().check(z.trim(), z.regex(/^\d{17}[\dXx]$/, '身份证号码格式不对')))),
  /** A 法定代理人, guardian or close relative applying (Art 40): who they are and their relation. */
  representativeName: z.nullable(text('代理人姓名', 20)),
  representativeRelation: z.nullable(text('与申请人的关系', 20)),
  /** For a child under 14: the guardian's relation, for the consent they give for the child (PIPL Art 31). */
  guardianRelation: z.optional(z.nullable(z.enum(GUARDIAN_RELATIONS))),
  /** Someone helping fill it in; `openid` non-null means on the caller's own phone (the caller is the helper). */
  helper: z.nullable(helperSchema),
  matter: z.enum(MATTERS),
  opponent: text('对方', 60),
  facts: text('事情经过', 500),
  urgent: z.boolean(),
  route: z.enum(ROUTES),
  /** Only for the promise and documents routes; its incomes are measured, never stored (X1 pending). */
  household: z.nullable(
    z.array(z.strictObject({ relation: text('关系', 10), monthlyIncome: yuan('月收入'), assets: yuan('财产') })).check(z.minLength(1), z.maxLength(20)),
  ),
  promise: z.nullable(
    z.strictObject({
      noticeRead: z.boolean(),
      authorizeVerification: z.boolean(),
      signature: z.nullable(attachment),
      fingerprintWitness: z.nullable(text('见证人', 20)),
    }),
  ),
  preferredLawyer: z.nullable(text('希望的律师', 20)),
  orgId: z.nullable(orgId),
  attachments: z.array(attachment).check(z.maxLength(9)),
  /** A worker taking an application by phone (12348) or at the window records it so; residents apply in the app. */
  channel: z.optional(z.enum(['miniprogram', 'hotline12348', 'walkIn'])),
});

const command = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('forward'), note: optionalText('备注', 200) }),
  z.strictObject({ type: z.literal('requestMaterials'), items: z.array(z.string().check(z.trim(), z.maxLength(60))).check(z.maxLength(30)) }),
  z.strictObject({ type: z.literal('supplyMaterials'), note: optionalText('备注', 200) }),
  z.strictObject({ type: z.literal('grant'), note: optionalText('备注', 200), flagged: z.optional(z.boolean()) }),
  z.strictObject({ type: z.literal('refuse'), reasons: z.string().check(z.maxLength(500)) }),
  z.strictObject({ type: z.literal('dispatch'), lawyer: person }),
  z.strictObject({ type: z.literal('reportProgress'), text: z.string().check(z.maxLength(500)) }),
  z.strictObject({ type: z.literal('requestLawyerChange'), reason: z.string().check(z.maxLength(200)) }),
  z.strictObject({ type: z.literal('changeLawyer'), lawyer: person, reason: z.string().check(z.maxLength(200)) }),
  z.strictObject({ type: z.literal('close'), report: z.string().check(z.maxLength(2000)) }),
  z.strictObject({ type: z.literal('terminate'), ground: z.enum(TERMINATION_GROUNDS), reason: z.string().check(z.maxLength(500)) }),
  z.strictObject({ type: z.literal('object'), reason: z.string().check(z.maxLength(500)) }),
  z.strictObject({ type: z.literal('decideObjection'), upheld: z.boolean(), reasons: z.string().check(z.maxLength(500)) }),
  z.strictObject({ type: z.literal('verify'), result: z.enum(['confirmed', 'false']), note: optionalText('备注', 200) }),
  // 数据共享和在线核验: the function asks the registers itself; the caller only starts it.
  z.strictObject({ type: z.literal('checkSources') }),
  z.strictObject({
    type: z.literal('rate'),
    satisfaction: z.number({ error: '请选择满意程度' }).check(z.int('请选择满意程度'), z.minimum(1, '请选择满意程度'), z.maximum(5, '请选择满意程度')),
    dimensions: z.optional(z.partialRecord(z.enum(RATING_DIMENSIONS), z.number())),
    solved: z.optional(z.boolean()),
    comment: z.optional(z.string().check(z.maxLength(200, '评价太长了'))),
  }),
  z.strictObject({ type: z.literal('returnVisit'), grade: z.enum(QUALITY_GRADES), note: z.string().check(z.maxLength(200)) }),
  z.strictObject({ type: z.literal('withdraw'), note: optionalText('备注', 200) }),
]);

const clockView = z.object({ name: z.enum(CLOCK_NAMES), label: z.string(), kind: z.string(), dueAt: z.nullable(z.string()) });

export const aidViewSchema = z.object({
  caseId: z.string(),
  code: z.string(),
  status: z.enum(AID_STATUSES),
  statusLabel: z.string(),
  matter: z.enum(MATTERS),
  route: z.enum(ROUTES),
  urgent: z.boolean(),
  greenChannel: z.boolean(),
  homeVisit: z.boolean(),
  applicantName: z.string(),
  /** The facts as told: in full for the applicant and those deciding (an audited reading), else masked. */
  facts: z.string(),
  idNumber: z.nullable(z.string()),
  declaration: z.nullable(z.object({ members: z.number(), meetsStandard: z.boolean() })),
  helper: z.nullable(z.object({ name: z.string(), kind: z.enum(HELPER_KINDS) })),
  missing: z.array(z.string()),
  decision: z.nullable(z.object({ granted: z.boolean(), reasons: z.string(), provisional: z.boolean() })),
  lawyer: z.nullable(z.string()),
  lawyerUnit: z.optional(z.nullable(z.string())),
  preferredLawyer: z.nullable(z.string()),
  objection: z.nullable(z.object({ against: z.string(), reason: z.string(), upheld: z.nullable(z.boolean()), reasons: z.nullable(z.string()) })),
  verification: z.nullable(
    z.object({
      flagged: z.boolean(),
      result: z.string(),
      /** What each data source said (民政, 人社, 不动产, 车辆), once asked. */
      sources: z.optional(z.array(z.object({ source: z.string(), verdict: z.string(), text: z.string() }))),
      /** Why a person must finish it (a source did not answer), while it is theirs. */
      manualReason: z.optional(z.nullable(z.string())),
      /** The same, machine-readable: `sources_silent` or `consent_withdrawn` (the applicant withdrew the authorization to verify). */
      manualCause: z.optional(z.nullable(z.enum(MANUAL_CAUSES))),
    }),
  ),
  /** The 受援人's rating of the lawyer's work (好差评's level), once given. */
  rating: z.optional(z.nullable(z.object({ satisfaction: z.number(), comment: z.string() }))),
  clocks: z.array(clockView),
  /** The written decision to print or copy (不予/给予法律援助决定书), once decided. */
  decisionDoc: z.nullable(z.object({ title: z.string(), lines: z.array(z.string()) })),
  history: z.array(z.object({ type: z.string(), at: z.string(), by: z.string(), text: z.string() })),
  /** The steps this caller may take now. */
  steps: z.array(z.string()),
});
export type AidView = z.infer<typeof aidViewSchema>;

const settingsSchema = z.strictObject({
  coveredMatters: z.array(z.enum(MATTERS)),
  matterLimitLiftedFor: z.array(z.enum(PRIORITY_GROUPS)),
  standard: z.strictObject({ monthlyIncomePerHead: yuan('人均月收入标准'), householdAssets: yuan('家庭财产标准'), source: text('标准来源', 200) }),
  verificationShare: z.number().check(z.minimum(0), z.maximum(1)),
  countyName: text('县名', 20),
  /** The 法律援助岗 (who decides) and the 司法局 (who decides objections), by member openid. */
  aidPosts: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(50)),
  bureauPosts: z.array(z.string().check(z.maxLength(64))).check(z.maxLength(20)),
  /** The 司法局's unit: complaints about legal aid go there (Art 56), and its staff and supervisors decide objections beside the named posts (Art 49); absent or null: the county center takes the complaints. */
  bureauOrgId: z.optional(z.nullable(orgId)),
});

const EVERYONE: Access = { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] };
const EVERYONE_OWN: Access = { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] };
const ON_AID: Access = { resident: ['own'], advisor: ['own', 'assigned'], staff: ['own', 'subtree'], supervisor: ['own', 'subtree'], admin: ['any'] };
const OFFICE: Access = { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] };

export const legalAidContracts = {
  rules: action({
    summary: 'The self-check’s settings (covered matters, lifted limits, the hardship standard, where to apply) and the 告知书 text; public.',
    input: z.strictObject({}),
    output: z.object({ settings: z.unknown(), notice: z.object({ title: z.string(), lines: z.array(z.string()) }) }),
    access: EVERYONE,
    write: false,
    refusals: {},
  }),
  saveDraft: action({
    summary: 'Save the application draft at a step, on the server, so it resumes there on any device (no household or ID data is kept).',
    input: z.strictObject({ step: z.number().check(z.int(), z.minimum(0), z.maximum(20)), draft: draftSchema }),
    output: z.object({ step: z.number(), savedAt: z.string() }),
    access: EVERYONE_OWN,
    write: true,
    idempotentBy: 'the draft is one document per caller, overwritten',
    refusals: {},
  }),
  draft: action({
    summary: 'The caller’s saved draft and the step it stopped at (or null), with the 告知书 and the hardship standard the application shows.',
    input: z.strictObject({}),
    output: z.object({
      draft: z.nullable(z.object({ step: z.number(), draft: z.unknown(), savedAt: z.string() })),
      notice: z.object({ title: z.string(), lines: z.array(z.string()) }),
      standard: z.object({ monthlyIncomePerHead: z.number(), householdAssets: z.number(), source: z.string() }),
      /**
       * Where one may apply, as the tree it is: each township station followed by its villages (初审 is
       * the station's either way); the county center (no id) is the page's own first choice.
       */
      units: z.array(z.object({ id: z.string(), name: z.string(), tier: z.enum(['station', 'room']) })),
    }),
    access: EVERYONE_OWN,
    write: false,
    refusals: {},
  }),
  submit: action({
    summary: 'Apply for legal aid: one case (one code, one ledger row) plus its legal-aid record, at a station for 初审 or straight to the agency.',
    input: applicationSchema,
    output: aidViewSchema,
    access: EVERYONE_OWN,
    write: true,
    refusals: { ...aidRefusalsOf('not_covered', 'route_unproven', 'signature_missing', 'promise_barred', 'guardian_required'), unit_not_found: { code: 'NOT_FOUND', when: 'the station named does not exist' }, no_front_desk: { code: 'NOT_FOUND', when: 'no county center is set up' }, worker_channel: { code: 'FORBIDDEN', when: 'a resident records a phone or window application (workers do)' }, not_own_upload: { code: 'VALIDATION_FAILED', when: 'a file not under the caller’s upload prefix' } },
  }),
  get: action({
    summary: 'One legal-aid application: status, clocks, decision, lawyer, objection, timeline and the steps the caller may take.',
    input: z.strictObject({ caseId }),
    output: aidViewSchema,
    access: ON_AID,
    write: false,
    refusals: { case_not_found: { code: 'NOT_FOUND', when: 'no such application, or one out of the caller’s reach' } },
  }),
  queue: action({
    summary: 'The office’s legal-aid queue with its clocks, urgent and green channel first: 初审 at a station, review, objections (司法局), verifications, 回访受援人 of closed cases (Art 59).',
    input: z.strictObject({ which: z.enum(['station', 'review', 'objections', 'verification', 'dispatched', 'returnVisits']) }),
    output: z.object({ items: z.array(aidViewSchema) }),
    access: OFFICE,
    write: false,
    refusals: {},
  }),
  stats: action({
    summary: '按期 per named clock (decision, promise, dispatch, materials, objection) for the applications filed in a period (this month by default): met, late, open, overdue.',
    input: z.strictObject({
      from: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期不对'))),
      to: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期不对'))),
    }),
    output: z.object({
      from: z.string(),
      to: z.string(),
      applications: z.number(),
      clocks: z.array(z.object({ name: z.enum(CLOCK_NAMES), label: z.string(), met: z.number(), late: z.number(), open: z.number(), overdue: z.number() })),
    }),
    access: OFFICE,
    write: false,
    refusals: {},
  }),
  act: action({
    summary:
      'One legal-aid step (forward, request materials, grant, refuse, dispatch, report, change lawyer, close, terminate, object, decide an objection, verify by hand or through the data sources, 回访, the 受援人’s rating, withdraw). A sampled promise-route grant asks the data sources at once.',
    input: z.strictObject({ caseId, command }),
    output: aidViewSchema,
    access: ON_AID,
    write: true,
    refusals: {
      ...aidRefusalsOf(
        'wrong_status',
        'time_order',
        'already_requested',
        'objection_exists',
        'no_objection',
        'no_verification',
        'already_visited',
        'already_rated',
        'not_aid_post',
        'not_bureau',
        'not_station',
        'not_applicant',
        'not_lawyer',
        'reasons_required',
        'items_missing',
        'lawyer_missing',
        'report_missing',
      ),
      case_not_found: { code: 'NOT_FOUND', when: 'no such application, or one out of the caller’s reach' },
      concurrent_change: { code: 'CONFLICT', when: 'someone else changed the application first: reload and retry' },
      ...RATING_REFUSALS,
    },
  }),
  settings: action({
    summary: 'The county’s legal-aid settings as saved (posts included), with the center’s staff, supervisors and admins to pick the posts from, and the units taking complaints to name as the 司法局.',
    input: z.strictObject({}),
    output: z.object({
      settings: settingsSchema,
      candidates: z.array(z.object({ openid: z.string(), name: z.string() })),
      /** Units offering 投诉建议 (the center and the 司法局's own unit): the one named takes complaints about legal aid (Art 56) and its workers decide objections (Art 49). */
      units: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
    access: { admin: ['any'] },
    write: false,
    refusals: {},
  }),
  saveSettings: action({
    summary: 'The county’s legal-aid settings: covered matters, lifted limits, the provincial standard, the verification share, who holds the aid post and the 司法局 post.',
    input: settingsSchema,
    output: z.object({ savedAt: z.string() }),
    access: { admin: ['any'] },
    write: true,
    idempotentBy: 'one settings document, overwritten',
    refusals: { unit_not_found: { code: 'NOT_FOUND', when: 'the 司法局 unit named does not exist or is inactive' } },
  }),
};
