import { refuse, standing, toDetail, unitsMentioned, type caseContracts } from '@core';
import { loadCalendar } from '../_runtime/calendar';
import { auditedRefusal } from '../_runtime/audit';
import { db } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { unitNames } from '../_runtime/orgs';
import { actingOrgIds, caseActor, seesAsWorker } from './reach';
import { loadCase, loadCaseWithEvents, type CaseDoc } from './store';

type Contracts = typeof caseContracts;

/** One case as this caller may see it; refuses a caller who does not reach it. */
async function detail(ctx: ActionContext, found: CaseDoc) {
  const now = ctx.now();
  // The case with its events: a step a dead writer left half-written is finished first.
  const [{ doc: settled, events }, { calendar }] = await Promise.all([loadCaseWithEvents(found._id), loadCalendar(now)]);
  const doc = settled ?? found;
  const actor = caseActor(ctx, doc, await actingOrgIds(ctx));
  return toDetail(doc, events, actor, seesAsWorker(ctx, doc), await unitNames(unitsMentioned(events)), { now, calendar });
}

/** 案件详情: the timeline and the buttons the caller may press now. */
export const get: Handler<Contracts['get']> = async (input, ctx) => detail(ctx, await loadCase(input.caseId));

/** One answer for a code nobody has and a code of a case the caller does not reach. */
const noSuchCode = () => refuse('NOT_FOUND', 'case_not_found', '没有这个编号的案件，请核对后再输入');

/**
 * A code typed at the counter or scanned from the resident's QR. Codes are short and sequential
 * (category, day, number), so an answer that told "someone else's" from "nobody's" would let anyone
 * map the county's cases by trying codes: both answer alike (and the rate limit bounds the trying),
 * and both are audited, with the real cause, so the log shows who probed for what.
 */
export const findByCode: Handler<Contracts['findByCode']> = async (input, ctx) => {
  const { data } = await db.collection<CaseDoc>('cases').where({ code: input.code }).limit(1).get();
  const doc = data[0];
  if (!doc) throw auditedRefusal(noSuchCode(), { cause: 'case_not_found' });
  if (standing(ctx.actor, ctx.access, doc) === null) throw auditedRefusal(noSuchCode(), { cause: 'out_of_reach', subject: doc._id });
  return detail(ctx, doc);
};
