import { refuse, toDetail, unitsMentioned, type caseContracts } from '@core';
import { db } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { unitNames } from '../_runtime/orgs';
import { actingOrgIds, caseActor, seesAsWorker } from './reach';
import { loadCase, loadEvents, type CaseDoc } from './store';

type Contracts = typeof caseContracts;

/** One case as this caller may see it; refuses a caller who does not reach it. */
async function detail(ctx: ActionContext, doc: CaseDoc) {
  const actor = caseActor(ctx, doc, await actingOrgIds(ctx));
  const events = await loadEvents(doc._id);
  return toDetail(doc, events, actor, seesAsWorker(ctx, doc), await unitNames(unitsMentioned(events)));
}

/** 案件详情: the timeline and the buttons the caller may press now. */
export const get: Handler<Contracts['get']> = async (input, ctx) => detail(ctx, await loadCase(input.caseId));

/** A code typed at the counter or scanned from the resident's QR. */
export const findByCode: Handler<Contracts['findByCode']> = async (input, ctx) => {
  const { data } = await db.collection<CaseDoc>('cases').where({ code: input.code }).limit(1).get();
  if (!data[0]) throw refuse('NOT_FOUND', 'case_not_found', '没有这个编号的案件，请核对后再输入');
  return detail(ctx, data[0]);
};
