import * as z from 'zod/mini';
import { action } from '../api/action';
import type { Refusals } from '../api/errors';
import { CASE_CATEGORIES } from '../case/categories';
import { isDayKey } from '../clock';
import type { Access } from '../policy/policy';
import { GROUP_ROLES, LECTURE_STATUSES, MESSAGE_KINDS, MODERATIONS, QUESTION_STATUSES } from './rules';

/** Everyone may call; each handler checks membership or the caller's grants on the village. */
const ALL: Access = { resident: ['own'], advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] };
/** The village's workers: its advisors, and staff or supervisors of its station or the center. */
const WORKERS: Access = { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] };

const id = (what: string) => z.string().check(z.regex(/^[A-Za-z0-9:_.-]{2,120}$/, `${what}不对`));
const groupId = id('群编号');
const orgId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位'));
const text = (what: string, max: number) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}太长了`));
/** A photo in the caller's own upload folder (the function checks the folder is the caller's). */
const fileId = z.string().check(z.regex(/^cloud:\/\/[^\s]{3,400}$/, '图片地址不对'));
const dayKey = z.string().check(z.refine(isDayKey, '日期不对，应为 YYYY-MM-DD'));
const cursor = z.string().check(z.regex(/^[A-Za-z0-9_-]{10,600}$/, '刷新位置不对'));

/** One refusal table for the group function; each action lists the reasons its handler can give. */
export const GROUP_REFUSALS = {
  group_not_found: { code: 'NOT_FOUND', when: 'no village room with that id, or a group the caller may not read (a non-member): answered alike' },
  code_invalid: { code: 'NOT_FOUND', when: 'no village group has that join code' },
  card_invalid: { code: 'FORBIDDEN', when: 'the shared card’s token is not (or no longer) the group’s' },
  card_expired: { code: 'VALIDATION_FAILED', when: 'the group-entry cloudID could not be decoded (expired after 5 minutes, or not the caller’s)' },
  not_from_group: { code: 'VALIDATION_FAILED', when: 'the card was opened from a one-to-one chat, not from a WeChat group' },
  group_bound_elsewhere: { code: 'CONFLICT', when: 'that WeChat group is already bound to another village’s group' },
  workers_need_no_join: { code: 'INVALID_STATE', when: 'an advisor or staff member tried to join: they see their villages’ groups by their grants' },
  content_risky: { code: 'VALIDATION_FAILED', when: 'the content check judged the text or an image risky: nothing is stored or shown to anyone' },
  not_a_member: { code: 'FORBIDDEN', when: 'posting in (or acting on) a group the caller has not joined' },
  workers_only: { code: 'FORBIDDEN', when: 'an answer, approval, conversion or role change by someone who is not one of the village’s advisors or staff' },
  question_not_found: { code: 'NOT_FOUND', when: 'no such question in a group the caller reaches' },
  message_not_found: { code: 'NOT_FOUND', when: 'no such message the caller may see' },
  not_held: { code: 'INVALID_STATE', when: 'approving or rejecting a message that is not waiting for review' },
  not_asker: { code: 'FORBIDDEN', when: 'closing a question someone else asked' },
  question_not_answered: { code: 'INVALID_STATE', when: 'closing a question nobody has answered yet' },
  question_held: { code: 'INVALID_STATE', when: 'answering or converting a question still waiting for review' },
  contact_missing: { code: 'VALIDATION_FAILED', when: 'converting to a case without the asker’s name and phone' },
  foreign_file: { code: 'FORBIDDEN', when: 'an image not in the caller’s own upload folder' },
  file_not_found: { code: 'NOT_FOUND', when: 'no such image on a message the caller may see' },
  unit_out_of_reach: { code: 'FORBIDDEN', when: 'a 法治宣传 notice for a unit the caller does not serve' },
  member_not_found: { code: 'NOT_FOUND', when: 'setting the role of someone who is not in the group' },
  cadres_only: { code: 'FORBIDDEN', when: 'a lecture requested by a member who is not the village’s cadre' },
  lecture_not_found: { code: 'NOT_FOUND', when: 'no such lecture request the caller reaches' },
  lecture_step: { code: 'INVALID_STATE', when: 'a lecture moved to a status its current one does not lead to' },
  date_past: { code: 'VALIDATION_FAILED', when: 'a lecture wanted on a day already past' },
} as const satisfies Refusals;
type GroupReason = keyof typeof GROUP_REFUSALS;
const refusals = (...reasons: GroupReason[]) => Object.fromEntries(reasons.map((r) => [r, GROUP_REFUSALS[r]])) as Refusals;

const messageView = z.object({
  id: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  text: z.string(),
  imageCount: z.number(),
  authorName: z.string(),
  authorRole: z.string(),
  mine: z.boolean(),
  at: z.date(),
  private: z.boolean(),
  moderation: z.enum(MODERATIONS),
  /** An answer's question. */
  questionId: z.nullable(z.string()),
  // A question's tracking.
  status: z.nullable(z.enum(QUESTION_STATUSES)),
  statusLabel: z.string(),
  dueAt: z.nullable(z.date()),
  answeredAt: z.nullable(z.date()),
  answerSeconds: z.nullable(z.number()),
  caseId: z.nullable(z.string()),
  caseCode: z.nullable(z.string()),
  /** Whether this version replaces one the page already holds (same id, later change). */
  version: z.number(),
});
export type GroupMessageView = z.infer<typeof messageView>;

const noticeView = z.object({ id: z.string(), orgId: z.string(), orgName: z.string(), title: z.string(), text: z.string(), at: z.date(), authorName: z.string() });
export type GroupNoticeView = z.infer<typeof noticeView>;

const groupSummary = z.object({ groupId: z.string(), name: z.string(), role: z.string(), unanswered: z.number() });
const lectureView = z.object({
  id: z.string(),
  groupId: z.string(),
  villageName: z.string(),
  topic: z.string(),
  date: z.string(),
  status: z.enum(LECTURE_STATUSES),
  statusLabel: z.string(),
  note: z.string(),
  requestedBy: z.string(),
  at: z.date(),
});

const groupView = z.object({
  groupId: z.string(),
  name: z.string(),
  /** The caller's place: a group role, or 法律顾问/工作人员 by grant. */
  role: z.string(),
  worker: z.boolean(),
  member: z.boolean(),
  /** The join code and the share card's path: for workers and cadres, who invite people. */
  joinCode: z.nullable(z.string()),
  sharePath: z.nullable(z.string()),
  officeHours: z.string(),
  advisors: z.array(z.string()),
  memberCount: z.number(),
  notices: z.array(noticeView),
  messages: z.array(messageView),
  cursor: z.string(),
  lectures: z.array(lectureView),
});

const summaryOut = z.object({ groups: z.array(groupSummary), worker: z.boolean(), home: z.nullable(z.object({ groupId: z.string(), name: z.string() })) });

export const groupContracts = {
  mine: action({
    summary: 'The groups the caller sees: a resident’s joined groups, an advisor’s villages, a station’s villages (微信矩阵), with unanswered counts; and the home village.',
    input: z.strictObject({}),
    output: summaryOut,
    access: ALL,
    write: false,
    refusals: {},
  }),
  open: action({
    summary: 'A group as the caller may see it: officeHours (驻点时间), 法治宣传 notices, the latest 50 messages and a cursor for poll. Workers also get the join code and share card path.',
    input: z.strictObject({ groupId }),
    output: groupView,
    access: ALL,
    write: false,
    refusals: refusals('group_not_found'),
  }),
  poll: action({
    summary: 'Only what changed since the cursor (one indexed query); the cursor is signed by open and lasts 10 minutes (then open again).',
    input: z.strictObject({ groupId, cursor }),
    output: z.object({ messages: z.array(messageView), cursor: z.string(), expired: z.boolean() }),
    access: ALL,
    write: false,
    refusals: refusals('group_not_found'),
  }),
  join: action({
    summary: 'Join a village group by its code, or by the card shared into the real WeChat group (cloudID of wx.getGroupEnterInfo, decoded in the function; binds that WeChat group to the village). Sets the caller’s home village.',
    input: z.strictObject({
      code: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9]{6}$/, '请填写6位村群码'))),
      groupId: z.optional(groupId),
      token: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '卡片不对'))),
      cloudId: z.optional(z.string().check(z.minLength(4), z.maxLength(512))),
      name: z.optional(text('称呼', 20)),
    }),
    output: z.object({ groupId: z.string(), name: z.string() }),
    access: { resident: ['own'] },
    write: true,
    idempotentBy: 'one membership per person and group (its id); joining again changes nothing',
    refusals: refusals('code_invalid', 'group_not_found', 'card_invalid', 'card_expired', 'not_from_group', 'group_bound_elsewhere'),
    rateLimit: { bucket: 'groupJoin', perMinute: 5, perDay: 30 },
  }),
  post: action({
    summary: 'Post a question (optionally private), an answer to a question (village workers), or a plain message. Text and images pass the ContentGuard: risky is refused, review is held for the advisor.',
    input: z.strictObject({
      groupId,
      kind: z.enum(MESSAGE_KINDS),
      text: text('内容', 1000),
      images: z.optional(z.array(fileId).check(z.maxLength(3, '最多3张图片'))),
      private: z.optional(z.boolean()),
      questionId: z.optional(id('问题编号')),
      /** Given when asking: lets the advisor turn the question into a case without asking again. */
      contact: z.optional(z.strictObject({ name: text('姓名', 20), phone: z.string().check(z.trim(), z.regex(/^1\d{10}$/, '请填写11位手机号')) })),
    }),
    output: z.object({ message: messageView }),
    access: ALL,
    write: true,
    refusals: refusals('group_not_found', 'not_a_member', 'workers_only', 'content_risky', 'question_not_found', 'question_held', 'foreign_file'),
    rateLimit: { bucket: 'groupPost', perMinute: 6, perDay: 100 },
  }),
  moderate: action({
    summary: 'A village worker approves a held message (it then shows to everyone it is for) or rejects it (it is removed).',
    input: z.strictObject({ messageId: id('消息编号'), approve: z.boolean() }),
    output: z.object({ message: z.nullable(messageView) }),
    access: WORKERS,
    write: true,
    idempotentBy: 'the message’s moderation state: a second approval finds it visible',
    refusals: refusals('message_not_found', 'workers_only', 'not_held'),
  }),
  closeQuestion: action({
    summary: 'The asker closes an answered question (已解决).',
    input: z.strictObject({ questionId: id('问题编号') }),
    output: z.object({ message: messageView }),
    access: { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
    write: true,
    idempotentBy: 'closing a closed question changes nothing',
    refusals: refusals('question_not_found', 'not_asker', 'question_not_answered'),
  }),
  convert: action({
    summary: 'Turn a question into one case (channel groupChat) for 深度服务, linked both ways; the asker is told. A second tap answers the same case.',
    input: z.strictObject({
      questionId: id('问题编号'),
      category: z.optional(z.enum(CASE_CATEGORIES)),
      name: z.optional(text('姓名', 20)),
      phone: z.optional(z.string().check(z.trim(), z.regex(/^1\d{10}$/, '请填写11位手机号'))),
    }),
    output: z.object({ caseId: z.string(), caseCode: z.string() }),
    access: WORKERS,
    write: true,
    idempotentBy: 'the case id derives from the question: a repeat finds the case it opened',
    refusals: refusals('question_not_found', 'workers_only', 'question_held', 'contact_missing'),
  }),
  workspace: action({
    summary: 'An advisor’s (or station’s) desk: unanswered questions across all their villages, oldest first; messages held for review; saved quick replies; lecture requests still to give; the units they may post 法治宣传 for.',
    input: z.strictObject({}),
    output: z.object({
      questions: z.array(z.object({ groupId: z.string(), villageName: z.string(), message: messageView })),
      held: z.array(z.object({ groupId: z.string(), villageName: z.string(), message: messageView })),
      quickReplies: z.array(z.string()),
      /** 订单式普法 still to give across the caller's villages, soonest first. */
      lectures: z.array(lectureView),
      /** Where the caller may post 法治宣传: their villages, and the station or center they work at. */
      noticeUnits: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
    access: WORKERS,
    write: false,
    refusals: {},
  }),
  saveQuickReplies: action({
    summary: 'The caller’s saved quick replies (常用回复), replaced as a whole.',
    input: z.strictObject({ replies: z.array(text('常用回复', 300)).check(z.maxLength(20, '最多20条')) }),
    output: z.object({ quickReplies: z.array(z.string()) }),
    access: WORKERS,
    write: true,
    idempotentBy: 'the whole list is stored under the caller’s id',
  }),
  postNotice: action({
    summary: '法治宣传: a notice for a village, a township or the county; it shows pinned in every group under that unit and on the 首页 of residents whose home village is there.',
    input: z.strictObject({ orgId, title: text('标题', 40), text: text('内容', 2000) }),
    output: z.object({ notice: noticeView }),
    access: WORKERS,
    write: true,
    refusals: refusals('unit_out_of_reach', 'content_risky', 'group_not_found'),
  }),
  home: action({
    summary: 'The caller’s home village (set by joining its group) and the 法治宣传 notices for it, its township and the county, newest first.',
    input: z.strictObject({}),
    output: z.object({ home: z.nullable(z.object({ groupId: z.string(), name: z.string() })), notices: z.array(noticeView) }),
    access: ALL,
    write: false,
    refusals: {},
  }),
  setRole: action({
    summary: 'A village worker sets a member’s group role (cadre, mediator, 法律明白人, 网格员, resident). It is a label in the group: it gives no access to any case.',
    input: z.strictObject({ groupId, openid: id('成员'), role: z.enum(GROUP_ROLES) }),
    output: z.object({ openid: z.string(), role: z.enum(GROUP_ROLES) }),
    access: WORKERS,
    write: true,
    idempotentBy: 'the membership document',
    refusals: refusals('group_not_found', 'member_not_found'),
  }),
  fileUrl: action({
    summary: 'A 10-minute link to an image of a message the caller may see.',
    input: z.strictObject({ messageId: id('消息编号'), index: z.number().check(z.int(), z.gte(0), z.lt(3)) }),
    output: z.object({ url: z.string() }),
    access: ALL,
    write: false,
    refusals: refusals('message_not_found', 'file_not_found'),
  }),
  requestLecture: action({
    summary: '订单式普法: the village’s cadre orders a lecture on a topic for a day; the advisor and the station follow it to delivery.',
    input: z.strictObject({ groupId, topic: text('主题', 60), date: dayKey, note: z.optional(z.string().check(z.maxLength(200))) }),
    output: lectureView,
    access: { resident: ['own'] },
    write: true,
    refusals: refusals('group_not_found', 'cadres_only', 'date_past', 'content_risky'),
  }),
  updateLecture: action({
    summary: 'A village worker moves a lecture request: scheduled (with the day), delivered, or declined with a reason.',
    input: z.strictObject({ lectureId: id('普法申请编号'), status: z.enum(LECTURE_STATUSES), date: z.optional(dayKey), note: z.optional(z.string().check(z.maxLength(200))) }),
    output: lectureView,
    access: WORKERS,
    write: true,
    idempotentBy: 'the lecture’s status: a repeat of the same step is refused as lecture_step, nothing written twice',
    refusals: refusals('lecture_not_found', 'lecture_step'),
  }),
};
