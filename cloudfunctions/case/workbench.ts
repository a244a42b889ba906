import {
  bookingContracts,
  CASE_STATUSES,
  caseContracts,
  dueSoonWindow,
  identityContracts,
  mayCall,
  OPEN_STATUSES,
  statsContracts,
  TERMINAL_STATUSES,
  toSummary,
  urgentFirst,
  type Queue,
} from '@core';
import { loadCalendar } from '../_runtime/calendar';
import { _, db } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { actingOrgIds, reachFilter, within } from './reach';
import type { CaseDoc } from './store';

type Contracts = typeof caseContracts;

/**
 * Cases one queue lists: more than a day's screenful for the busiest desk; the tile's count is
 * always the whole queue, so nothing is hidden without the count saying so.
 */
const QUEUE_SHOWN = 200;

/** 工作台: every queue's count in the caller's reach, one queue's cases, and which doors the caller has. */
export const workbench: Handler<Contracts['workbench']> = async (input, ctx) => {
  const now = ctx.now();
  const me = ctx.actor.openid;
  const reach = reachFilter(ctx);
  const open = _.in([...OPEN_STATUSES]);
  const { calendar } = await loadCalendar(now);
  const transferOrgs = await actingOrgIds(ctx);
  // Exactly the deadlines the clock calls 即将到期, so the count is one indexed query like the rest.
  const soon = dueSoonWindow(now, calendar);
  // A complaint about the caller is in none of their queues (core refuses them every command on it too).
  const notAboutMe = { 'complaint.parties': _.neq(me) };
  const filters: Record<Queue, object> = {
    new: within(reach, { status: 'received', ...notAboutMe }),
    mine: { 'handler.openid': me, status: open },
    pendingTransfers: ctx.actor.roles.includes('admin') ? { status: 'transferPending', ...notAboutMe } : { 'transfer.toOrgId': _.in(transferOrgs), ...notAboutMe },
    awaitingMaterials: within(reach, { status: 'awaitingMaterials', ...notAboutMe }),
    dueSoon: within(reach, { status: open, dueAt: _.gte(soon.from).and(_.lte(soon.until)), ...notAboutMe }),
    overdue: within(reach, { status: open, dueAt: _.lt(now), ...notAboutMe }),
    // Until rated (首办 follows the case to its evaluation); $in keeps the whole index in use.
    followUps: { 'firstHandler.openid': me, status: _.in(CASE_STATUSES.filter((s) => !(TERMINAL_STATUSES as readonly string[]).includes(s))) },
  };
  const list = async (queue: Queue): Promise<CaseDoc[]> =>
    (await db.collection<CaseDoc>('cases').where(filters[queue]).orderBy('lastEventAt', 'desc').limit(QUEUE_SHOWN).get()).data;
  const entries = await Promise.all(
    (Object.keys(filters) as Queue[]).map(async (q) => [q, (await db.collection('cases').where(filters[q]).count()).total] as const),
  );
  return {
    counts: Object.fromEntries(entries) as Record<Queue, number>,
    // A request whose own statutory window closes soon leads its queue.
    cases: urgentFirst((await list(input.queue)).map((doc) => toSummary(doc, { now }))),
    canRegister: mayCall(ctx.actor, caseContracts.register.access),
    canExportLedger: mayCall(ctx.actor, caseContracts.ledger.access),
    canSeeStats: mayCall(ctx.actor, statsContracts.board.access),
    canSeeBookings: mayCall(ctx.actor, bookingContracts.dayBookings.access),
    canSetSchedule: mayCall(ctx.actor, bookingContracts.saveSchedule.access),
    canSeeAuditLog: mayCall(ctx.actor, identityContracts.auditLog.access),
  };
};
