import * as z from 'zod/mini';
import { action } from '../api/action';
import { isDayKey } from '../clock';
import { RETURN_VISIT_REFUSALS } from './return-visit';
import { surveyContracts } from './survey-contracts';

const returnVisitSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseCode: z.string(),
  orgId: z.string(),
  kind: z.enum(['dissatisfied', 'sample']),
  /** What was rated: a case (caseCode is its code), a booking or a group question (caseCode names it). */
  subject: z.enum(['case', 'booking', 'question']),
  satisfaction: z.number(),
  dueAt: z.string(),
  overdue: z.boolean(),
  status: z.enum(['open', 'done']),
  outcome: z.nullable(z.object({ reached: z.boolean(), text: z.string(), rectified: z.nullable(z.boolean()), at: z.string(), by: z.string() })),
});

const SUPERVISORS = { supervisor: ['subtree'], admin: ['any'] } as const;

const day = z.string().check(z.refine(isDayKey, '日期不对，应为 YYYY-MM-DD'));

export const evaluationContracts = {
  selfAssessment: action({
    summary:
      '示范点 self-assessment: a unit’s 百分制 score from live data (services, staffing, 公示栏, 台账, 按期办结, 满意度) over a period (this year by default), each criterion with its points and what is missing, and whether it reaches the province (≥ 95) or city (≥ 90) level.',
    input: z.strictObject({ orgId: z.optional(z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位'))), from: z.optional(day), to: z.optional(day) }),
    output: z.object({
      orgId: z.string(),
      name: z.string(),
      from: z.string(),
      to: z.string(),
      score: z.number(),
      level: z.enum(['province', 'city', 'below']),
      levelLabel: z.string(),
      items: z.array(z.object({ criterion: z.string(), label: z.string(), points: z.number(), max: z.number(), missing: z.array(z.string()) })),
    }),
    access: { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
    write: false,
    refusals: {
      unit_not_found: { code: 'NOT_FOUND', when: 'the unit asked for (or the county root) does not exist' },
      out_of_reach: { code: 'FORBIDDEN', when: 'the unit asked for is outside the caller’s subtree' },
      too_many_rows: { code: 'PAYLOAD_TOO_LARGE', when: 'an aggregate would answer more rows than one board folds' },
    },
  }),
  returnVisits: action({
    summary:
      '回访 tasks the caller is to make: 差评 (不满意 or worse, due in 15 working days) and sampled satisfied ratings, for supervisors of the handling unit or above; never those of a case the caller handled (the rated party does not see who rated them). Open ones first, soonest due first.',
    input: z.strictObject({ status: z.optional(z.enum(['open', 'done'])) }),
    output: z.object({ visits: z.array(returnVisitSchema) }),
    access: SUPERVISORS,
    write: false,
  }),
  recordReturnVisit: action({
    summary: 'Record a 回访’s outcome (reached or not, what was said, for a 差评 whether it was put right: 差评整改); the resident is told in 消息.',
    input: z.strictObject({
      id: z.string().check(z.minLength(1), z.maxLength(80)),
      reached: z.boolean(),
      text: z.string().check(z.minLength(1, '请填写回访情况'), z.maxLength(500, '回访情况太长了')),
      rectified: z.optional(z.boolean()),
    }),
    output: returnVisitSchema,
    access: SUPERVISORS,
    write: true,
    idempotentBy: 'the task: a second record is refused already_recorded',
    refusals: RETURN_VISIT_REFUSALS,
  }),
  ...surveyContracts,
};
