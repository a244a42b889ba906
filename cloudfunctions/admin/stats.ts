import { AppError, dayEnd, dayStart, foldBoard, mayAccess, OPEN_STATUSES, RESOLVED_STATUSES, type Board, type DayKey, type TallyField } from '@core';
import { _, db, type Aggregate } from '../_runtime/cloud';
import type { ActionContext } from '../_runtime/function';
import { loadOrgs, type OrgDoc } from '../_runtime/orgs';

/** Aggregates answer 20 rows unless told otherwise; one row per unit stays far below this. */
const ROWS = 10000;

/** The unit a board is for: the one asked, if the caller reaches it; else the caller's own, or the county. */
async function scopeUnit(ctx: ActionContext, orgId: string | undefined): Promise<OrgDoc> {
  const wanted = orgId ?? ctx.actor.orgIds[0];
  const [org] = wanted
    ? await loadOrgs([wanted])
    : (await db.collection<OrgDoc>('orgs').where({ parentId: null }).limit(1).get()).data;
  if (!org) throw new AppError('NOT_FOUND', '所选单位不存在');
  if (!mayAccess(ctx.actor, ctx.access, { orgId: org._id, orgPath: org.path })) throw new AppError('FORBIDDEN', '只能统计本单位或下属单位');
  return org;
}

/**
 * One tally per owning unit in a single $group. Null-safe by construction ($ifNull) rather than
 * by comparing with null: MongoDB orders null below every date and number, mingo refuses to
 * compare across types, and the board must count the same on CloudBase and devcloud.
 */
function tallyGroup(now: Date): Record<TallyField | '_id', unknown> {
  const $ = _.aggregate;
  const count = (condition: unknown) => $.sum($.cond({ if: condition, then: 1, else: 0 }));
  const score = $.ifNull(['$evaluation.satisfaction', 0]);
  const open = $.in(['$status', [...OPEN_STATUSES]]);
  return {
    _id: '$orgId',
    received: $.sum(1),
    resolved: count($.in(['$status', [...RESOLVED_STATUSES]])),
    onTime: count($.eq(['$closedInTime', true])),
    rejected: count($.eq(['$status', 'rejected'])),
    withdrawn: count($.eq(['$status', 'withdrawn'])),
    open: count(open),
    // A paused clock stores no deadline: it is not overdue while the applicant owes materials.
    overdue: count($.and([open, $.lt([$.ifNull(['$dueAt', new Date(8.64e15)]), now])])),
    evaluated: count($.gt([score, 0])),
    satisfied: count($.gte([score, 4])),
    dissatisfied: count($.and([$.gt([score, 0]), $.lte([score, 2])])),
    scoreSum: $.sum(score),
    priority: count($.gt([$.size($.ifNull(['$priorityGroups', []])), 0])),
  };
}

type Row = Record<string, unknown> & { _id?: unknown };

async function aggregate(match: object, then: (pipeline: Aggregate) => Aggregate): Promise<Row[]> {
  const { list } = await then(db.collection('cases').aggregate().match(match)).limit(ROWS).end();
  // A cut answer would be a wrong board, not a shorter one.
  if (list.length >= ROWS) throw new AppError('PAYLOAD_TOO_LARGE', '统计数据太多，请缩短时间段');
  return list;
}

/** The statistics board: three indexed aggregates over the cases received in the period, folded by core. */
export async function statsBoard(ctx: ActionContext, input: { from: DayKey; to: DayKey; orgId?: string }): Promise<Board> {
  const now = ctx.now();
  const scope = await scopeUnit(ctx, input.orgId);
  const received = { receivedAt: _.gte(dayStart(input.from)).and(_.lte(dayEnd(input.to))) };
  const match = _.or([{ orgId: scope._id, ...received }, { orgPath: scope._id, ...received }]);
  const [orgs, perUnit, mix, groups] = await Promise.all([
    db.collection<OrgDoc>('orgs').where({ path: scope._id }).orderBy('_id', 'asc').limit(1000).get(),
    aggregate(match, (p) => p.group(tallyGroup(now))),
    aggregate(match, (p) => p.group({ _id: { channel: '$channel', category: '$category' }, count: _.aggregate.sum(1) })),
    aggregate(match, (p) => p.unwind('$priorityGroups').group({ _id: '$priorityGroups', count: _.aggregate.sum(1) })),
  ]);
  const asOrg = (o: OrgDoc) => ({ id: o._id, name: o.name, parentId: o.parentId, path: o.path });
  return foldBoard({
    scope: asOrg(scope),
    orgs: orgs.data.map(asOrg),
    perUnit: perUnit.map(({ _id, ...t }) => ({ ...(t as Record<TallyField, number>), orgId: String(_id) })),
    mix: mix.map((m) => ({ ...(m._id as { channel: string; category: string }), count: Number(m.count) })),
    groups: groups.map((g) => ({ group: String(g._id), count: Number(g.count) })),
  });
}
