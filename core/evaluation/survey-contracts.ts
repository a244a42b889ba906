import * as z from 'zod/mini';
import { action } from '../api/action';
import { isDayKey } from '../clock';
import type { Access } from '../policy/policy';
import { AWARENESS_REFUSALS, FIRST_CHOICES, isPeriod } from './awareness';
import { RATING_REFUSALS } from './rating';
import { RATED_SUBJECTS, SERVICE_RATING_REFUSALS } from './service-rating';

/** Anyone, for what is their own: the person served rates; a worker may have been served too. */
const OWN: Access = { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] };
const orgId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位'));
const day = z.string().check(z.refine(isDayKey, '日期不对，应为 YYYY-MM-DD'));
const subjectId = z.string().check(z.minLength(2, '编号不对'), z.maxLength(160, '编号不对'));

const ownRating = z.object({
  kind: z.enum(RATED_SUBJECTS),
  subjectId: z.string(),
  satisfaction: z.number(),
  dimensions: z.object({ attitude: z.optional(z.number()), speed: z.optional(z.number()), professionalism: z.optional(z.number()) }),
  solved: z.nullable(z.boolean()),
  comment: z.string(),
  /** What they said, in one line. */
  text: z.string(),
  at: z.string(),
});

const figures = z.object({
  respondents: z.number(),
  knowsAdvisor: z.number(),
  knowsService: z.number(),
  aware: z.number(),
  firstPublic: z.number(),
  awarenessRate: z.nullable(z.number()),
  advisorAwarenessRate: z.nullable(z.number()),
  firstChoiceRate: z.nullable(z.number()),
  byChoice: z.array(z.object({ choice: z.string(), label: z.string(), count: z.number() })),
});

const SCOPE_REFUSALS = {
  unit_not_found: { code: 'NOT_FOUND', when: 'the unit asked for (or the county root) does not exist' },
  out_of_reach: { code: 'FORBIDDEN', when: 'the unit asked for is outside the caller’s subtree' },
} as const;

export const surveyContracts = {
  rate: action({
    summary:
      '好差评 of an attended booking (its booker or claimed applicant, after check-in) or an answered group question (its asker): 5 levels, the three dimensions, 问题解决了吗 and a comment, once per event. 不满意 or worse gives the serving unit’s supervisors a 回访 task (never the worker who served).',
    input: z.strictObject({
      kind: z.enum(RATED_SUBJECTS),
      id: subjectId,
      satisfaction: z.number(),
      dimensions: z.optional(z.record(z.string(), z.number())),
      solved: z.optional(z.boolean()),
      comment: z.optional(z.string().check(z.maxLength(400))),
    }),
    output: ownRating,
    access: OWN,
    write: true,
    idempotentBy: 'the event: its rating’s id is kind:subject, and a second rating is refused already_rated',
    refusals: { ...SERVICE_RATING_REFUSALS, ...RATING_REFUSALS },
  }),
  myRatings: action({
    summary: 'What the caller said of the bookings or group questions named (only their own ratings; an event they did not rate is left out).',
    input: z.strictObject({ kind: z.enum(RATED_SUBJECTS), ids: z.array(subjectId).check(z.maxLength(100)) }),
    output: z.object({ ratings: z.array(ownRating) }),
    access: OWN,
    write: false,
  }),
  awarenessSurvey: action({
    summary:
      'This quarter’s 知晓率/首选率 questionnaire: the period, whether the caller has answered it and the villages to choose among, named with their township (the questions are core’s AWARENESS_QUESTIONS); the screen opens with this one call.',
    input: z.strictObject({}),
    output: z.object({ period: z.string(), answered: z.boolean(), villages: z.array(z.object({ id: z.string(), name: z.string() })) }),
    access: OWN,
    write: false,
  }),
  answerAwareness: action({
    summary:
      'Answer the questionnaire, anonymously: stored under a keyed hash of the quarter and the caller (no openid), with the unit they live in; once per quarter.',
    input: z.strictObject({ orgId, knowsAdvisor: z.boolean(), knowsService: z.boolean(), firstChoice: z.enum(FIRST_CHOICES, { error: '请选择您首先会找谁' }) }),
    output: z.object({ period: z.string(), answered: z.boolean() }),
    access: OWN,
    write: true,
    idempotentBy: 'the keyed hash of period and person: a second answer is refused already_answered',
    refusals: AWARENESS_REFUSALS,
  }),
  awareness: action({
    summary:
      '知晓率 (knew the village legal advisor or the public legal service), 法律顾问知晓率 and 首选率 (would go to the public legal service first) for a unit’s subtree over a quarter (this one by default), by one grouped aggregate; with each child unit’s figures.',
    input: z.strictObject({ orgId: z.optional(orgId), period: z.optional(z.string().check(z.refine(isPeriod, '季度不对，应为 2026Q4'))) }),
    output: z.object({
      orgId: z.string(),
      name: z.string(),
      period: z.string(),
      ...figures.shape,
      units: z.array(z.object({ orgId: z.string(), name: z.string(), ...figures.shape })),
    }),
    access: { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
    write: false,
    refusals: { ...SCOPE_REFUSALS, too_many_rows: { code: 'PAYLOAD_TOO_LARGE', when: 'an aggregate would answer more rows than one board folds' } },
  }),
  thirdPartySample: action({
    summary:
      'The third-party evaluation sample for supervisors: closed cases (办结) received in a period under a unit (the last 90 days by default), drawn at random, with their callback contact, the phone masked (the full number only through case.contact, audited).',
    input: z.strictObject({ orgId: z.optional(orgId), from: z.optional(day), to: z.optional(day), size: z.optional(z.number().check(z.int(), z.gte(1), z.lte(50, '一次最多抽50件'))) }),
    output: z.object({
      pool: z.number(),
      cases: z.array(
        z.object({
          caseId: z.string(),
          code: z.string(),
          unitName: z.string(),
          categoryLabel: z.string(),
          closedOn: z.string(),
          name: z.string(),
          phone: z.string(),
          proxy: z.nullable(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
          rating: z.string(),
        }),
      ),
    }),
    access: { supervisor: ['subtree'], admin: ['any'] },
    write: false,
    refusals: SCOPE_REFUSALS,
  }),
};
