import * as z from 'zod/mini';
import { action } from '../api/action';
import type { Access } from '../policy/policy';
import { SUBSCRIBE_ANSWERS } from './delivery';
import { NOTICE_EVENTS } from './policy';
import { TEMPLATE_NAMES } from './templates';

/** Everyone reads and keeps their own notices and consents; nobody reaches anyone else's. */
const OWN: Access = { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] };

const templateStatus = z.object({
  name: z.enum(TEMPLATE_NAMES),
  /** The id to pass to wx.requestSubscribeMessage. */
  id: z.string(),
  title: z.string(),
  longTerm: z.boolean(),
  /** A send is possible now: a one-time consent unused, or long-term on, and no stop. */
  on: z.boolean(),
  credits: z.number(),
  /** WeChat refused a send (43101) or banned it: nothing goes until the person allows it again. */
  stopped: z.boolean(),
});

const entry = z.object({
  id: z.string(),
  event: z.enum(NOTICE_EVENTS),
  phrase: z.string(),
  title: z.string(),
  body: z.string(),
  at: z.date(),
  read: z.boolean(),
  link: z.object({ kind: z.enum(['case', 'booking']), id: z.string(), page: z.string() }),
});

const cursor = z.string().check(z.regex(/^\d{1,15}_[A-Za-z0-9:_.-]{1,200}$/, '翻页位置不对'));

export const NOTIFY_REFUSALS = {
  unknown_template: { code: 'VALIDATION_FAILED', when: 'a consent answer for a template id this deployment does not use' },
} as const;

/** notify: the consent ledger, the 消息 inbox and what is switched on; delivery itself runs on the timer. */
export const notifyContracts = {
  recordConsent: action({
    summary: "Record what wx.requestSubscribeMessage answered for each template (accept adds one send, or turns a long-term template on; ban stops it); answers the caller's templates.",
    input: z.strictObject({
      answers: z.record(z.string().check(z.minLength(1), z.maxLength(64)), z.enum(SUBSCRIBE_ANSWERS)).check(
        z.refine((v) => Object.keys(v).length >= 1 && Object.keys(v).length <= 5, { message: '一次最多记录5个模板', params: { rule: 'answers_count' } }),
      ),
    }),
    output: z.object({ templates: z.array(templateStatus) }),
    access: OWN,
    write: true,
    refusals: NOTIFY_REFUSALS,
  }),
  inbox: action({
    summary: "The caller's 消息, newest first, 30 a page by an (at, id) cursor, with the unread count.",
    input: z.strictObject({ cursor: z.optional(cursor) }),
    output: z.object({ entries: z.array(entry), unread: z.number(), nextCursor: z.nullable(z.string()) }),
    access: OWN,
    write: false,
    refusals: {},
  }),
  unread: action({
    summary: "How many of the caller's 消息 are unread (the tab bar's badge).",
    input: z.strictObject({}),
    output: z.object({ unread: z.number() }),
    access: OWN,
    write: false,
    refusals: {},
  }),
  markRead: action({
    summary: "Mark some of the caller's 消息 read (or all of them); answers the unread count left.",
    input: z.strictObject({
      ids: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(50, '一次最多50条'))),
      all: z.optional(z.boolean()),
    }),
    output: z.object({ unread: z.number() }),
    access: OWN,
    write: true,
    idempotentBy: 'marking read twice leaves the entries read',
    refusals: {},
  }),
  settings: action({
    summary: "Which notices can reach the caller now, per template, with the ids to ask consent for again.",
    input: z.strictObject({}),
    output: z.object({ templates: z.array(templateStatus) }),
    access: OWN,
    write: false,
    refusals: {},
  }),
  alerts: action({
    summary: 'Sends WeChat refused for our data or setup (47003, 40037, 41030, quota, repeated failure), newest first: for supervisors and admins to fix.',
    input: z.strictObject({}),
    output: z.object({ alerts: z.array(z.object({ id: z.string(), at: z.date(), errcode: z.number(), errmsg: z.string(), template: z.string(), event: z.string() })) }),
    access: { supervisor: ['any'], admin: ['any'] },
    write: false,
    refusals: {},
  }),
};
