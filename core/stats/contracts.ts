import * as z from 'zod/mini';
import { action } from '../api/action';
import { daysBetween, isDayKey } from '../clock';
import { TALLY_FIELDS, type TallyField } from './board';

/** A county year is the widest period one board covers: the 司法局 asks for months, quarters and years. */
export const MAX_STATS_DAYS = 366;

const day = (what: string) => z.string().check(z.refine(isDayKey, `${what}不对，应为 YYYY-MM-DD`));
const rate = z.nullable(z.number());
const tallyShape = Object.fromEntries(TALLY_FIELDS.map((f) => [f, z.number()])) as Record<TallyField, z.ZodMiniNumber>;
const tallyWithRates = {
  ...tallyShape,
  resolvedRate: rate,
  onTimeRate: rate,
  evaluatedRate: rate,
  satisfiedRate: rate,
  averageScore: rate,
};
const share = z.object({ key: z.string(), label: z.string(), count: z.number() });
const bars = z.array(z.object({ label: z.string(), count: z.number() }));
const rated = z.object({ rateable: z.nullable(z.number()), rated: z.number(), satisfied: z.number(), satisfiedRate: rate });

export const statsContracts = {
  board: action({
    summary:
      'The statistics board (统计) of cases received in a period by a unit and those under it: 受理, 办结率, 按期办结率, 超期, 评价率, 满意率, per unit below it and by service, channel and 重点群体; and the services block: 指引服务转化率, median handling days, legal aid (granted, refused, decision days, verification), bookings (no-show rate) and group questions (median first-answer hours), medians from binned counts. 评价率 and 满意率 count the residents’ own ratings; those a worker recorded for a visitor with no WeChat are counted apart (evaluatedByWorker, satisfiedByWorker); a legal-aid case counts by the 受援人’s rating of the lawyer’s work, once that work closed (rateable). satisfaction: 满意率 by what was rated (cases, worker-recorded, legal aid, bookings, group questions).',
    input: z
      .strictObject({
        from: day('开始日期'),
        to: day('结束日期'),
        /** A unit in the caller's reach; without it, the caller's own unit (an admin's: the county). */
        orgId: z.optional(z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位'))),
      })
      .check(
        z.refine((v) => v.from <= v.to, { message: '开始日期不能晚于结束日期', params: { rule: 'from_after_to' } }),
        z.refine((v) => !isDayKey(v.from) || !isDayKey(v.to) || v.from > v.to || daysBetween(v.from, v.to) < MAX_STATS_DAYS, {
          message: '一次最多统计一年，请缩短时间段',
          params: { rule: 'period_too_long' },
        }),
      ),
    output: z.object({
      orgId: z.string(),
      name: z.string(),
      from: z.string(),
      to: z.string(),
      totals: z.object(tallyWithRates),
      units: z.array(z.object({ ...tallyWithRates, orgId: z.string(), name: z.string(), own: z.boolean() })),
      byCategory: z.array(share),
      byChannel: z.array(share),
      byGroup: z.array(share),
      priority: z.number(),
      /** 调解成功率, 回访 completion and 差评整改率 (core/stats/quality). */
      quality: z.object({
        mediationRecorded: z.number(),
        mediationSucceeded: z.number(),
        mediationSuccessRate: rate,
        returnVisits: z.number(),
        returnVisitsDone: z.number(),
        returnVisitsDoneRate: rate,
        dissatisfiedVisited: z.number(),
        rectified: z.number(),
        rectifiedRate: rate,
        sampled: z.number(),
      }),
      /**
       * 满意率 by what was rated: cases (the applicant side's own; a worker's entry for a walk-in
       * apart), legal aid (the lawyer's work), bookings and group questions (ratings given in the period).
       */
      satisfaction: z.object({ cases: rated, casesByWorker: rated, legalAid: rated, bookings: rated, questions: rated }),
      /** 指引服务转化率, median handling days, legal aid, bookings and group questions (core/stats/services). */
      services: z.object({
        guidance: z.number(),
        guidanceConverted: z.number(),
        conversionRate: rate,
        handled: z.number(),
        medianHandlingDays: rate,
        handlingBars: bars,
        aidApplications: z.number(),
        aidGranted: z.number(),
        aidRefused: z.number(),
        aidMedianDecisionDays: rate,
        verificationPending: z.number(),
        verificationConfirmed: z.number(),
        verificationFalse: z.number(),
        booked: z.number(),
        bookingsCancelled: z.number(),
        bookingsUpcoming: z.number(),
        attended: z.number(),
        missed: z.number(),
        noShowRate: rate,
        questionsAsked: z.number(),
        questionsAnswered: z.number(),
        medianAnswerHours: rate,
        answerBars: bars,
      }),
    }),
    access: { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
    write: false,
    refusals: {
      unit_not_found: { code: 'NOT_FOUND', when: 'the unit asked for (or the county root) does not exist' },
      out_of_reach: { code: 'FORBIDDEN', when: 'the unit asked for is outside the caller’s subtree' },
      too_many_rows: { code: 'PAYLOAD_TOO_LARGE', when: 'an aggregate would answer more rows than one board folds: shorten the period' },
    },
  }),
};
