import {
  unitsOf,
  dayEnd,
  refuse,
  dayStart,
  foldBoard,
  foldQuality,
  mayAccess,
  OPEN_STATUSES,
  type AidOutcomeCount,
  type Board,
  type DayKey,
  type OutcomeCount,
  type Quality,
  type QualityInput,
  type ServiceRatingCount,
} from '@core';
import { _, db, type Aggregate } from '../_runtime/cloud';
import type { ActionContext } from '../_runtime/function';
import { loadOrgs, type OrgDoc } from '../_runtime/orgs';

/** Aggregates answer 20 rows unless told otherwise; one row per unit stays far below this. */
const ROWS = 10000;
/** Units under one board: the whole county (a center, a dozen or two stations, a few hundred rooms) fits one read. */
const MAX_UNITS = 1000;

/**
 * The unit a board is for: the one asked, if the caller reaches it; else the first unit of the
 * caller's supervisor or staff grants (an advisor grant gives no board), or the county.
 */
export async function scopeUnit(ctx: ActionContext, orgId: string | undefined): Promise<OrgDoc> {
  const wanted = orgId ?? [...unitsOf(ctx.actor.grants, 'supervisor'), ...unitsOf(ctx.actor.grants, 'staff')][0];
  const [org] = wanted
    ? await loadOrgs([wanted])
    : (await db.collection<OrgDoc>('orgs').where({ parentId: null }).limit(1).get()).data;
  if (!org) throw refuse('NOT_FOUND', 'unit_not_found', '所选单位不存在');
  if (!mayAccess(ctx.actor, ctx.access, { orgId: org._id, orgPath: org.path })) throw refuse('FORBIDDEN', 'out_of_reach', '只能统计本单位或下属单位');
  return org;
}

type Row = Record<string, unknown> & { _id?: unknown };

/**
 * Documents of the unit and those under it (by `orgId` and `orgPath`). The county itself holds
 * everything (one county a deployment: scopeUnit's root), so its filter is the rest alone: over a
 * year of cases, matching one range instead of two branches per document is a third of the board.
 */
export function inUnit(scope: OrgDoc, more: object): object {
  return scope.parentId === null ? more : _.or([{ orgId: scope._id, ...more }, { orgPath: scope._id, ...more }]);
}

async function aggregate(match: object, then: (pipeline: Aggregate) => Aggregate): Promise<Row[]> {
  const { list } = await then(db.collection('cases').aggregate().match(match)).limit(ROWS).end();
  // A cut answer would be a wrong board, not a shorter one.
  if (list.length >= ROWS) throw refuse('PAYLOAD_TOO_LARGE', 'too_many_rows', '统计数据太多，请缩短时间段');
  return list;
}

/**
 * The statistics board: three indexed aggregates over the cases received in the period. Answers the
 * case outcomes and the fold, to be given the legal-aid records' ratings, which come with the
 * services' pass over legal aid (statsServices) rather than a pass of their own.
 */
export async function statsCases(
  ctx: ActionContext,
  input: { from: DayKey; to: DayKey; orgId?: string },
): Promise<{ outcomes: OutcomeCount[]; fold: (aid: readonly AidOutcomeCount[]) => Board }> {
  const now = ctx.now();
  const scope = await scopeUnit(ctx, input.orgId);
  const received = { receivedAt: _.gte(dayStart(input.from)).and(_.lte(dayEnd(input.to))) };
  const inScope = (more: object) => inUnit(scope, { ...received, ...more });
  const match = inScope({});
  const $ = _.aggregate;
  const counted = { count: $.sum(1) };
  // Each aggregate narrows to the fields it counts by ($project first), then groups by plain
  // fields: no per-document expressions, and at most ~20 rows per unit.
  const [orgs, outcomes, overdue, mix] = await Promise.all([
    db.collection<OrgDoc>('orgs').where({ path: scope._id }).orderBy('_id', 'asc').limit(MAX_UNITS).get(),
    aggregate(match, (p) =>
      p
        .project({ orgId: 1, status: 1, closedInTime: 1, satisfaction: '$evaluation.satisfaction', enteredBy: '$evaluation.enteredBy' })
        .group({
          _id: { orgId: '$orgId', status: '$status', closedInTime: '$closedInTime', satisfaction: '$satisfaction', enteredBy: '$enteredBy' },
          ...counted,
        }),
    ),
    // Overdue now: few cases, found through the (unit, status, deadline) indexes.
    aggregate(inScope({ status: _.in([...OPEN_STATUSES]), dueAt: _.lt(now) }), (p) => p.project({ orgId: 1 }).group({ _id: '$orgId', ...counted })),
    aggregate(match, (p) =>
      p
        .project({ channel: 1, category: 1, priorityGroups: 1 })
        .group({ _id: { channel: '$channel', category: '$category', priorityGroups: '$priorityGroups' }, ...counted }),
    ),
  ]);
  const asOrg = (o: OrgDoc) => ({ id: o._id, name: o.name, parentId: o.parentId, path: o.path, tier: o.tier });
  type Keyed<K> = { _id: K; count: number };
  const counts: OutcomeCount[] = (
    outcomes as Array<Keyed<{ orgId: string; status: string; closedInTime?: boolean | null; satisfaction?: number | null; enteredBy?: string | null }>>
  ).map(({ _id, count }) => ({
    orgId: _id.orgId,
    status: _id.status,
    closedInTime: _id.closedInTime ?? null,
    satisfaction: _id.satisfaction ?? null,
    enteredBy: _id.enteredBy ?? null,
    count,
  }));
  const fold = (aid: readonly AidOutcomeCount[]) => foldBoard({
    scope: asOrg(scope),
    orgs: orgs.data.map(asOrg),
    outcomes: counts,
    aid,
    overdue: (overdue as Array<Keyed<string>>).map(({ _id, count }) => ({ orgId: _id, count })),
    mix: (mix as Array<Keyed<{ channel: string; category: string; priorityGroups?: string[] }>>).map(({ _id, count }) => ({
      channel: _id.channel,
      category: _id.category,
      priorityGroups: _id.priorityGroups ?? [],
      count,
    })),
  });
  return { outcomes: counts, fold };
}

/** The board alone, legal aid counted on its cases as they stand (the 示范点 score's reading). */
export async function statsBoard(ctx: ActionContext, input: { from: DayKey; to: DayKey; orgId?: string }): Promise<Board> {
  return (await statsCases(ctx, input)).fold([]);
}

/**
 * 回访 completion and 差评整改率 over the return visits of ratings given in the period: one grouped
 * aggregate by plain fields. Answers the fold, to be given the mediation outcomes, which come with
 * the services' pass over the period's cases (statsServices) rather than a pass of their own.
 */
export async function statsQuality(
  ctx: ActionContext,
  input: { from: DayKey; to: DayKey; orgId?: string },
): Promise<{ ratings: ServiceRatingCount[]; fold: (mediation: QualityInput['mediation']) => Quality }> {
  const scope = await scopeUnit(ctx, input.orgId);
  const period = _.gte(dayStart(input.from)).and(_.lte(dayEnd(input.to)));
  const $ = _.aggregate;
  // return_visits and service_ratings keep the unit with its ancestors in orgPath.
  const [visited, rated] = await Promise.all([
    db
      .collection('return_visits')
      .aggregate()
      .match({ orgPath: scope._id, createdAt: period })
      .project({ kind: 1, status: 1, rectified: '$outcome.rectified' })
      .group({ _id: { kind: '$kind', status: '$status', rectified: '$rectified' }, count: $.sum(1) })
      .limit(ROWS)
      .end(),
    // Bookings and group questions rated in the period (满意率 by what was rated): by kind and level.
    db
      .collection('service_ratings')
      .aggregate()
      .match({ orgPath: scope._id, at: period })
      .project({ kind: 1, satisfaction: 1 })
      .group({ _id: { kind: '$kind', satisfaction: '$satisfaction' }, count: $.sum(1) })
      .limit(ROWS)
      .end(),
  ]);
  const visits = visited.list as unknown as Array<{ _id: { kind: string; status: string; rectified?: boolean | null }; count: number }>;
  const ratings = (rated.list as unknown as Array<{ _id: { kind: string; satisfaction: number }; count: number }>).map(({ _id, count }) => ({ ..._id, count }));
  return {
    ratings,
    fold: (mediation) =>
      foldQuality({
        mediation,
        returnVisits: visits.map((v) => ({ kind: v._id.kind, status: v._id.status, rectified: v._id.rectified ?? null, count: v.count })),
      }),
  };
}
