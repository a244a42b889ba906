import { dayEnd, dayStart, selfAssessment, shanghaiDay, type evaluationContracts, type Tier } from '@core';
import { _, db } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { statsBoard } from '../stats/board';
import { loadOrgs } from '../_runtime/orgs';

type Contracts = typeof evaluationContracts;

/** Services the standard expects a unit of each tier to offer (seed 002: a village room's three, a station's and the center's fuller lists). */
const SERVICES_EXPECTED: Record<Tier, number> = { room: 3, station: 5, center: 7, bureau: 1 };
const NOTICE_FIELDS = ['duty', 'contactPerson', 'contactPhone', 'officeHours', 'supervisionPhone'] as const;

/** The 示范点 score of a unit: its own 统计 (same reach, same period) plus its 公示栏, services and people. */
export const assessment: Handler<Contracts['selfAssessment']> = async (input, ctx) => {
  const today = shanghaiDay(ctx.now());
  const from = input.from ?? `${today.slice(0, 4)}-01-01`;
  const to = input.to ?? today;
  const board = await statsBoard(ctx, { from, to, ...(input.orgId && { orgId: input.orgId }) });
  const [org] = await loadOrgs([board.orgId]);
  const received = { receivedAt: _.gte(dayStart(from)).and(_.lte(dayEnd(to))) };
  const inScope = (more: object) => _.or([{ orgId: board.orgId, ...received, ...more }, { orgPath: board.orgId, ...received, ...more }]);
  const [untouched, workers] = await Promise.all([
    // A case nobody has signed for has no 接待人员 on its ledger line yet.
    db.collection('cases').where(inScope({ status: 'received' })).count(),
    db.collection('members').where({ orgIds: board.orgId, active: true }).count(),
  ]);
  const notice = (org?.notice ?? {}) as Record<string, string | undefined>;
  const t = board.totals;
  const result = selfAssessment({
    services: org?.services.length ?? 0,
    servicesExpected: SERVICES_EXPECTED[org?.tier ?? 'room'],
    workers: workers.total,
    noticeFilled: NOTICE_FIELDS.filter((f) => (notice[f] ?? '').trim() !== '').length,
    noticeFields: NOTICE_FIELDS.length,
    received: t.received,
    ledgerComplete: t.received - untouched.total,
    resolved: t.resolved,
    onTime: t.onTime,
    overdue: t.overdue,
    rated: t.evaluated,
    satisfied: t.satisfied,
  });
  return { orgId: board.orgId, name: board.name, from, to, ...result };
};
