// Contracts of S1's additions to case (ledger file, complaint `about`, mediation outcomes), kept
// apart so core/case/contracts.ts stays within the shape limits.
import * as z from 'zod/mini';
import { action } from '../api/action';
import { isDayKey } from '../clock';
import { RATING_DIMENSIONS } from '../evaluation/rating';

const orgId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位'));
const shortText = (what: string, max: number) => z.string().check(z.trim(), z.minLength(1, `请填写${what}`), z.maxLength(max, `${what}太长了`));

export const complaintAboutInput = z.strictObject({
  kind: z.enum(['case', 'person', 'unit']),
  caseCode: z.optional(z.string().check(z.maxLength(40))),
  openid: z.optional(z.string().check(z.maxLength(64))),
  orgId: z.optional(orgId),
});

/** 调解结果 and 履行情况 as commands of case.act. */
export function mediationCommandSchemas<N extends z.ZodMiniType>(note: N) {
  return [
    z.strictObject({
      type: z.literal('recordMediation'),
      outcome: z.enum(['success', 'failure']),
      agreement: z.optional(z.strictObject({ form: z.enum(['written', 'oral']), content: shortText('协议内容', 2000) })),
      note,
    }),
    z.strictObject({ type: z.literal('recordPerformance'), performed: z.enum(['full', 'partial', 'none']), text: z.optional(z.string().check(z.maxLength(500, '履行情况太长了'))), note }),
  ] as const;
}

export const ledgerFileAction = action({
    summary:
      'The service ledger as an XLSX file: the 接待登记表 columns (来访人姓名、联系方式、来访时间、接待人员、办理事项、办理过程及结果、接待人签名、满意度调查) plus case code and unit, one row per case received in the range, never truncated; phones masked (X1); stored privately and handed out as a 10-minute link; every case exported is on the audit log.',
    input: z
      .strictObject({
        from: z.string().check(z.refine(isDayKey, '开始日期不对，应为 YYYY-MM-DD')),
        to: z.string().check(z.refine(isDayKey, '结束日期不对，应为 YYYY-MM-DD')),
        orgId: z.optional(orgId),
      })
      .check(z.refine((v) => v.from <= v.to, { message: '开始日期不能晚于结束日期' })),
    output: z.object({ fileID: z.string(), url: z.string(), expiresAt: z.string(), rows: z.number(), name: z.string() }),
    access: { staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] },
    write: true,
    idempotentBy: 'nothing to repeat: a retry writes a fresh file under the same requestId path and logs the export again',
    refusals: {
      unit_not_found: { code: 'NOT_FOUND', when: 'the unit named does not exist' },
      out_of_reach: { code: 'FORBIDDEN', when: 'the unit named is outside the caller’s subtree' },
      too_many_rows: { code: 'PAYLOAD_TOO_LARGE', when: 'more than 20,000 cases in the range: one file per month or unit' },
    },
  });

export const COMPLAINT_INTAKE_REFUSALS = {
  about_not_complaint: { code: 'VALIDATION_FAILED', when: 'an `about` on a request that is not a complaint' },
  about_not_found: { code: 'NOT_FOUND', when: 'the case, person or unit a complaint is about does not exist' },
} as const;

/** 评价 with 好差评's dimensions and 问题解决了吗 (core/evaluation). */
export function evaluateCommandSchema<N extends z.ZodMiniType>(note: N) {
  return (
    z.strictObject({
      type: z.literal('evaluate'),
      satisfaction: z.number({ error: '请选择满意程度' }).check(z.int('请选择满意程度'), z.minimum(1, '请选择满意程度'), z.maximum(5, '请选择满意程度')),
      comment: z.optional(z.string().check(z.maxLength(200, '评价太长了'))),
      // 好差评's dimensions and 问题解决了吗 (core/evaluation): each optional, checked by core.
      dimensions: z.optional(z.partialRecord(z.enum(RATING_DIMENSIONS), z.number())),
      solved: z.optional(z.boolean()),
      note,
    })
  );
}

/** case.register's followOf: the code of the earlier case (a 咨询) the request follows on from, for 指引服务转化率 (core/case/follow-on). */
export const followOfInput = z.optional(z.string().check(z.trim(), z.regex(/^[A-Z]{2}\d{12,14}$/, '案件编号格式不对')));
export const FOLLOW_OF_REFUSALS = { follow_of_not_found: { code: 'NOT_FOUND', when: 'followOf names no case the caller reaches' } } as const;
