import { recordOutcome, mayVisit, refuse, returnVisitFor, returnVisitNotices, unitsOf, DEFAULT_SAMPLE_SHARE, type ReturnVisitTask, type Visitor, type WorkCalendar, type evaluationContracts, type OutputOf } from '@core';
import { _, db } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { noticeWrites } from '../_runtime/outbox';
import { transaction } from '../_runtime/transaction';
import type { ExtraWrites } from '../case/store';

type Contracts = typeof evaluationContracts;
type VisitOut = OutputOf<Contracts['recordReturnVisit']>;

/** The share of satisfied ratings sampled for a return visit: the county's setting, else 10%. */
export function sampleShare(): number {
  const raw = Number(process.env.RETURN_VISIT_SAMPLE_SHARE);
  return Number.isFinite(raw) && raw >= 0 && raw <= 1 && process.env.RETURN_VISIT_SAMPLE_SHARE !== undefined ? raw : DEFAULT_SAMPLE_SHARE;
}

/**
 * For the case store: the 回访 task a rating gives, written in the rating's own transaction, so a
 * 差评 and its task cannot half-happen and a retried rating (same event id) writes it once.
 */
export function returnVisitWrites(calendar: WorkCalendar): ExtraWrites {
  return ({ doc, events }) =>
    events.flatMap((e) => {
      if (e.type !== 'evaluated') return [];
      const task = returnVisitFor(
        { caseId: doc._id, code: doc.code, orgId: doc.orgId, orgPath: doc.orgPath, handler: doc.handler, firstHandler: doc.firstHandler, applicant: doc.applicant, proxy: doc.proxy },
        { satisfaction: e.data.satisfaction, at: e.at, eventId: e._id },
        calendar,
        sampleShare(),
      );
      return task ? [{ collection: 'return_visits', doc: task as unknown as { _id: string } & Record<string, unknown> }] : [];
    });
}

function visitorOf(ctx: ActionContext): Visitor {
  return {
    openid: ctx.actor.openid,
    name: ctx.actor.displayName ?? '',
    supervisorOf: unitsOf(ctx.actor.grants, 'supervisor'),
    admin: ctx.actor.roles.includes('admin') || unitsOf(ctx.actor.grants, 'admin').length > 0,
  };
}

function out(t: ReturnVisitTask, now: Date): VisitOut {
  return {
    id: t._id,
    caseId: t.caseId,
    caseCode: t.caseCode,
    orgId: t.orgId,
    subject: t.subject?.kind ?? 'case',
    kind: t.kind,
    satisfaction: t.satisfaction,
    dueAt: new Date(t.dueAt).toISOString(),
    overdue: t.status === 'open' && new Date(t.dueAt).getTime() < now.getTime(),
    status: t.status,
    outcome: t.outcome && { reached: t.outcome.reached, text: t.outcome.text, rectified: t.outcome.rectified, at: new Date(t.outcome.at).toISOString(), by: t.outcome.by.name },
  };
}

const LIST_LIMIT = 200;

export const returnVisits: Handler<Contracts['returnVisits']> = async (input, ctx) => {
  const who = visitorOf(ctx);
  const status = input.status ?? 'open';
  const where = who.admin ? { status } : { orgPath: _.in(who.supervisorOf), status };
  const { data } = await db.collection<ReturnVisitTask>('return_visits').where(where).orderBy('dueAt', 'asc').limit(LIST_LIMIT).get();
  const now = ctx.now();
  // The rated handler is left out even when they supervise the unit: they never see who rated them.
  return { visits: data.filter((t) => mayVisit(t, who)).map((t) => out(t, now)) };
};

export const recordReturnVisit: Handler<Contracts['recordReturnVisit']> = async (input, ctx) => {
  const who = visitorOf(ctx);
  const now = ctx.now();
  const done = await transaction(async (tx) => {
    const found = await tx.collection('return_visits').doc(input.id).get().catch(() => ({ data: null }));
    const task = found.data as ReturnVisitTask | null;
    if (!task) throw refuse('NOT_FOUND', 'return_visit_not_found', '没有找到这条回访');
    const next = recordOutcome(task, { reached: input.reached, text: input.text, ...(input.rectified !== undefined && { rectified: input.rectified }) }, who, now);
    await tx.collection('return_visits').doc(input.id).update({ data: { status: next.status, outcome: next.outcome } });
    for (const w of noticeWrites(returnVisitNotices(next), now)) await tx.collection(w.collection).add({ data: w.doc });
    return next;
  });
  return out(done, now);
};
