import * as z from 'zod/mini';
import { action } from '../api/action';
import type { Refusals } from '../api/errors';
import { isDayKey } from '../clock/shanghai';
import type { Access } from '../policy/policy';
import { CONSENT_PURPOSES, GUARDIAN_RELATIONS, NOTICE_TOPICS } from './consent';
import { RETENTION_CATEGORIES } from './retention';

/** Texts anyone may read. */
const EVERYONE: Access = { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] };
/** Everyone about their own data; admins as anyone else (their own data, no reach over others here). */
const EVERYONE_OWN: Access = { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] };
/** Deletion requests are processed by the county's supervisors and admins (any requester: residents belong to no unit). */
export const DELETION_PROCESSORS: Access = { supervisor: ['any'], admin: ['any'] };

/** Answers to consents are rare: a person reads a text and taps; more than this is a script. */
const CONSENT_LIMIT = { bucket: 'privacy_consent', perMinute: 10, perDay: 100 } as const;
const DELETION_LIMIT = { bucket: 'privacy_deletion', perMinute: 3, perDay: 10 } as const;

/** The privacy function's own refusals: each action lists those it gives. */
export const PRIVACY_REFUSALS = {
  consent_text_outdated: { code: 'CONFLICT', when: 'the version answered is not the current text: show the current one (notice) and ask again' },
  guardian_required: { code: 'VALIDATION_FAILED', when: 'a consent for a child under 14 without the guardian’s relation' },
  not_under_14: { code: 'VALIDATION_FAILED', when: 'a guardian answering for a person of 14 or more, who answers for themselves' },
  not_consented: { code: 'INVALID_STATE', when: 'no consent of that purpose (for that child, that matter) is in force' },
  deletion_pending: { code: 'CONFLICT', when: 'the caller already has a request the office has not processed' },
  deletion_not_found: { code: 'NOT_FOUND', when: 'no deletion request of that id' },
  deletion_closed: { code: 'INVALID_STATE', when: 'the request was already processed' },
} as const satisfies Refusals;
const { consent_text_outdated, guardian_required, not_under_14, not_consented, deletion_pending, deletion_not_found, deletion_closed } = PRIVACY_REFUSALS;

const text = (max: number, label: string) => z.string().check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}太长了`));
const minor = z.strictObject({
  name: text(20, '孩子的姓名'),
  birthDate: z.string().check(z.refine(isDayKey, { message: '出生日期不对', params: { rule: 'day_key' } })),
});
const ref = z.optional(z.string().check(z.regex(/^[A-Za-z0-9:_-]{1,64}$/, '编号不对')));

const textOutput = z.object({
  topic: z.string(),
  kind: z.enum(['notice', 'consent']),
  version: z.string(),
  effectiveFrom: z.string(),
  title: z.string(),
  paragraphs: z.array(z.string()),
});

const consentView = z.object({
  purpose: z.enum(CONSENT_PURPOSES),
  title: z.string(),
  given: z.boolean(),
  version: z.string(),
  /** The text now asked for: a consent to an older version is shown as needing a new answer. */
  currentVersion: z.string(),
  at: z.string(),
  minorName: z.nullable(z.string()),
  minorBirthDate: z.nullable(z.string()),
  guardianRelation: z.nullable(z.string()),
  ref: z.nullable(z.string()),
});

const deletionItem = z.object({
  category: z.enum(RETENTION_CATEGORIES),
  label: z.string(),
  outcome: z.enum(['queued', 'kept_by_rule', 'nothing_held', 'deleted', 'declined']),
  /** Why it is kept (the rule) or what was done, in plain Chinese. */
  note: z.string(),
  count: z.optional(z.number()),
});

const deletionView = z.object({
  id: z.string(),
  at: z.string(),
  status: z.enum(['pending', 'done', 'declined', 'closed']),
  items: z.array(deletionItem),
  reason: z.nullable(z.string()),
  processedAt: z.nullable(z.string()),
});

/** 我的信息与授权: notices, separate consents, what is held about a person and deletion requests (PIPL Art 15, 17, 29–31, 44–47, 50). */
export const privacyContracts = {
  notice: action({
    summary: 'A notice (processing on a statutory duty: PIPL Art 17/30, e.g. legal aid) or a consent text, in its current version, as the app must show it before it collects.',
    input: z.strictObject({ topic: z.enum([...NOTICE_TOPICS, ...CONSENT_PURPOSES]) }),
    output: textOutput,
    access: EVERYONE,
    write: false,
    refusals: {},
  }),
  myData: action({
    summary: "What is held about the caller (membership, the profile of 我的, cases, bookings, legal-aid applications, consents, deletion requests; phones masked) and how long each kind is kept.",
    input: z.strictObject({}),
    output: z.object({
      profile: z.nullable(z.object({ displayName: z.string(), phone: z.string(), active: z.boolean(), units: z.array(z.object({ role: z.string(), orgId: z.string() })) })),
      /** The caller's own profile of 我的 (identity.saveProfile), the phone masked. */
      residentProfile: z.nullable(z.object({ name: z.string(), phone: z.string(), village: z.nullable(z.string()), birthDate: z.nullable(z.string()) })),
      cases: z.array(z.object({ id: z.string(), code: z.string(), category: z.string(), status: z.string(), as: z.enum(['applicant', 'proxy']), name: z.string(), phone: z.string(), receivedAt: z.string() })),
      bookings: z.array(z.object({ id: z.string(), orgId: z.string(), day: z.string(), time: z.string(), status: z.string(), name: z.string(), phone: z.string() })),
      /** Legal-aid applications the caller applied for or speaks for (filed as 法律援助案卷: kept by rule). */
      legalAid: z.array(z.object({ id: z.string(), code: z.string(), status: z.string(), name: z.string() })),
      consents: z.array(consentView),
      deletionRequests: z.array(deletionView),
      retention: z.array(z.object({ category: z.enum(RETENTION_CATEGORIES), label: z.string(), periodLabel: z.string(), deletable: z.boolean() })),
      /** More cases, bookings or applications than one screen lists. */
      truncated: z.boolean(),
      /** The caller may process deletion requests (privacy.deletionRequests / processDeletion): the page offers it. */
      canProcessDeletions: z.boolean(),
    }),
    access: EVERYONE_OWN,
    write: false,
    refusals: {},
  }),
  consent: action({
    summary: 'Give a separate consent (PIPL Art 29) to the current text of a purpose; a guardian gives it for a child under 14, saying how they are related (Art 31).',
    input: z.strictObject({
      purpose: z.enum(CONSENT_PURPOSES),
      version: z.string().check(z.minLength(1), z.maxLength(64)),
      minor: z.optional(minor),
      guardianRelation: z.optional(z.enum(GUARDIAN_RELATIONS)),
      ref,
    }),
    output: consentView,
    access: EVERYONE_OWN,
    write: true,
    rateLimit: CONSENT_LIMIT,
    refusals: { consent_text_outdated, guardian_required, not_under_14 },
  }),
  withdraw: action({
    summary: 'Withdraw a consent in force (PIPL Art 15); what was done before stays lawful.',
    input: z.strictObject({ purpose: z.enum(CONSENT_PURPOSES), minor: z.optional(minor), ref }),
    output: consentView,
    access: EVERYONE_OWN,
    write: true,
    rateLimit: CONSENT_LIMIT,
    refusals: { not_consented, not_under_14 },
  }),
  requestDeletion: action({
    summary: 'Ask for deletion (PIPL Art 47): kinds no statute keeps are queued for the office, the others are answered at once with the rule that keeps them (Art 50).',
    input: z.strictObject({
      categories: z.array(z.enum(RETENTION_CATEGORIES)).check(z.minLength(1, '请选择要删除的内容'), z.maxLength(RETENTION_CATEGORIES.length)),
    }),
    output: deletionView,
    access: EVERYONE_OWN,
    write: true,
    rateLimit: DELETION_LIMIT,
    refusals: { deletion_pending },
  }),
  deletionRequests: action({
    summary: 'Deletion requests for the office to process, oldest pending first (supervisors and admins).',
    input: z.strictObject({ status: z._default(z.enum(['pending', 'done', 'declined', 'closed']), 'pending') }),
    output: z.object({ requests: z.array(z.extend(deletionView, { requester: z.string() })) }),
    access: DELETION_PROCESSORS,
    write: false,
    refusals: {},
  }),
  processDeletion: action({
    summary: 'Carry out (delete what the request queued) or decline (with a reason the resident reads) a deletion request; audited.',
    input: z
      .strictObject({ id: z.string().check(z.minLength(1), z.maxLength(80)), decision: z.enum(['carry_out', 'decline']), reason: z.optional(text(200, '理由')) })
      .check(z.refine((v) => v.decision === 'carry_out' || !!v.reason, { message: '请说明不予删除的理由', path: ['reason'], params: { rule: 'reason_required' } })),
    output: deletionView,
    access: DELETION_PROCESSORS,
    write: true,
    refusals: { deletion_not_found, deletion_closed },
  }),
};
