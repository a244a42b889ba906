import * as z from 'zod/mini';
import { action } from '../api/action';
import { RETURN_VISIT_REFUSALS } from './return-visit';

const returnVisitSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseCode: z.string(),
  orgId: z.string(),
  kind: z.enum(['dissatisfied', 'sample']),
  satisfaction: z.number(),
  dueAt: z.string(),
  overdue: z.boolean(),
  status: z.enum(['open', 'done']),
  outcome: z.nullable(z.object({ reached: z.boolean(), text: z.string(), rectified: z.nullable(z.boolean()), at: z.string(), by: z.string() })),
});

const SUPERVISORS = { supervisor: ['subtree'], admin: ['any'] } as const;

export const evaluationContracts = {
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
};
