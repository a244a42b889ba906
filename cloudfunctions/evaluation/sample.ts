import {
  CATEGORY_INFO,
  dayEnd,
  dayStart,
  DEFAULT_SAMPLE_SIZE,
  drawSample,
  formatShanghai,
  maskPhone,
  RATING_LEVEL_LABELS,
  RESOLVED_STATUSES,
  SAMPLE_DAYS,
  shanghaiDay,
  type CaseCategory,
  type RatingLevel,
  type evaluationContracts,
} from '@core';
import { _, db } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { unitNames } from '../_runtime/orgs';
import { scopeUnit } from './scope';

type Contracts = typeof evaluationContracts;

/** Closed cases a draw considers: a county's quarter, read as ids only, a page at a time. */
const POOL_MAX = 5000;
const PAGE = 1000;

interface Person {
  name: string;
  phone: string;
}
interface SampledCase {
  _id: string;
  code: string;
  orgId: string;
  category: CaseCategory;
  closedAt: Date | null;
  applicant: Person;
  proxy: (Person & { relation: string }) | null;
  evaluation: { satisfaction: number; enteredBy?: string } | null;
}

/**
 * 第三方评价's sample: closed cases under the unit drawn at random, with the callback contact as
 * the ledger shows it (phones masked; the full number only through case.contact, which audits).
 */
export const thirdPartySample: Handler<Contracts['thirdPartySample']> = async (input, ctx) => {
  const scope = await scopeUnit(ctx, input.orgId);
  const to = input.to ?? shanghaiDay(ctx.now());
  const from = input.from ?? shanghaiDay(new Date(dayStart(to).getTime() - SAMPLE_DAYS * 86_400_000));
  const more = { receivedAt: _.gte(dayStart(from)).and(_.lte(dayEnd(to))), status: _.in([...RESOLVED_STATUSES]) };
  const where = _.or([{ orgId: scope._id, ...more }, { orgPath: scope._id, ...more }]);
  const pool: string[] = [];
  while (pool.length < POOL_MAX) {
    const { data } = await db.collection('cases').where(where).field({ _id: true }).skip(pool.length).limit(PAGE).get();
    pool.push(...data.map((d) => String(d._id)));
    if (data.length < PAGE) break;
  }
  const drawn = drawSample(pool, input.size ?? DEFAULT_SAMPLE_SIZE);
  if (drawn.length === 0) return { pool: 0, cases: [] };
  const { data } = await db.collection<SampledCase>('cases').where({ _id: _.in(drawn) }).limit(drawn.length).get();
  const name = await unitNames(data.map((c) => c.orgId));
  const order = new Map(drawn.map((id, i) => [id, i]));
  const cases = [...data]
    .sort((a, b) => (order.get(a._id) ?? 0) - (order.get(b._id) ?? 0))
    .map((c) => ({
      caseId: c._id,
      code: c.code,
      unitName: name(c.orgId),
      categoryLabel: CATEGORY_INFO[c.category]?.label ?? '',
      closedOn: c.closedAt ? formatShanghai(new Date(c.closedAt), 'YYYY-MM-DD') : '',
      name: c.applicant.name,
      // Stored masked already (X1); masked again so an old plain record never leaks here.
      phone: c.applicant.phone ? maskPhone(c.applicant.phone) : '',
      proxy: c.proxy ? { name: c.proxy.name, relation: c.proxy.relation, phone: c.proxy.phone ? maskPhone(c.proxy.phone) : '' } : null,
      rating: c.evaluation ? `${RATING_LEVEL_LABELS[c.evaluation.satisfaction as RatingLevel] ?? ''}${c.evaluation.enteredBy === 'worker' ? '（工作人员代录）' : ''}` : '未评价',
    }));
  return { pool: pool.length, cases };
};
