import { dayEnd, dayStart, formatShanghai, LEDGER_COLUMNS, ledgerRow, mayAccess, refuse, unitsMentioned, type caseContracts, type LedgerRow } from '@core';
import { audit } from '../_runtime/audit';
import { _, db } from '../_runtime/cloud';
import type { Handler } from '../_runtime/function';
import { loadOrgs, unitNames } from '../_runtime/orgs';
import { reachFilter, within } from './reach';
import { loadEventsOf, type CaseDoc } from './store';

type Contracts = typeof caseContracts;

/**
 * Cases one export holds: a township's month is a few dozen, the county's busiest month a few
 * hundred; beyond this the answer says `truncated` and the office narrows the range, rather than
 * one call reading thousands of timelines.
 */
const LEDGER_MAX_CASES = 500;

/** 台账 (the 接待登记表 of the 实体平台建设指导意见 §(九)3): one row per case received in the range, in the unit asked or the caller's reach. */
export const ledger: Handler<Contracts['ledger']> = async (input, ctx) => {
  let scope: object | null = reachFilter(ctx);
  if (input.orgId) {
    const [org] = await loadOrgs([input.orgId]);
    if (!org) throw refuse('NOT_FOUND', 'unit_not_found', '所选单位不存在');
    if (!mayAccess(ctx.actor, ctx.access, { orgId: org._id, orgPath: org.path })) throw refuse('FORBIDDEN', 'out_of_reach', '只能导出本单位或下属单位的台账');
    scope = _.or([{ orgId: input.orgId }, { orgPath: input.orgId }]);
  }
  const received = { receivedAt: _.gte(dayStart(input.from)).and(_.lte(dayEnd(input.to))) };
  const { data } = await db
    .collection<CaseDoc>('cases')
    .where(within(scope, received))
    .orderBy('receivedAt', 'asc')
    .limit(LEDGER_MAX_CASES + 1)
    .get();
  const cases = data.slice(0, LEDGER_MAX_CASES);
  const events = await loadEventsOf(cases.map((c) => c._id));
  const unitName = await unitNames(unitsMentioned([...events.values()].flat()));
  // The ledger holds names and phone numbers: every export is on record.
  await audit(ctx, 'ledger.export', input.orgId ?? 'reach', { from: input.from, to: input.to, rows: cases.length });
  const text = (row: LedgerRow): Record<string, string> =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? formatShanghai(v, 'YYYY-MM-DD HH:mm') : String(v)]));
  return {
    columns: Object.entries(LEDGER_COLUMNS).map(([key, label]) => ({ key, label })),
    rows: cases.map((c) => text(ledgerRow(c, events.get(c._id) ?? [], unitName))),
    truncated: data.length > LEDGER_MAX_CASES,
  };
};
