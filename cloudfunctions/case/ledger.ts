import { dayEnd, dayStart, formatShanghai, LEDGER_COLUMNS, ledgerRow, mayAccess, refuse, unitsMentioned, type caseContracts, type LedgerRow } from '@core';
import { audit } from '../_runtime/audit';
import { _, cloud, db } from '../_runtime/cloud';
import { tempFileUrl } from '../_runtime/files';
import { writeXlsx } from './xlsx';
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

/** Cases one file holds: a county's busiest year is far below; beyond it the office splits by unit or month. */
const LEDGER_FILE_MAX_CASES = 20000;
const CASES_PAGE = 1000;
/** Case ids per audit row: each exported case is findable on the log, in a few rows per export. */
const AUDIT_CHUNK = 500;

/** The seed's nine columns first, in the 接待登记表's order, then the case code and the unit. */
const FILE_COLUMNS: Array<{ key: keyof LedgerRow | 'unit'; label: string; width: number }> = [
  { key: 'visitorName', label: LEDGER_COLUMNS.visitorName, width: 12 },
  { key: 'contact', label: LEDGER_COLUMNS.contact, width: 16 },
  { key: 'visitedAt', label: LEDGER_COLUMNS.visitedAt, width: 18 },
  { key: 'receptionist', label: LEDGER_COLUMNS.receptionist, width: 12 },
  { key: 'matter', label: LEDGER_COLUMNS.matter, width: 30 },
  { key: 'processAndResult', label: LEDGER_COLUMNS.processAndResult, width: 60 },
  { key: 'receptionistSignature', label: LEDGER_COLUMNS.receptionistSignature, width: 16 },
  { key: 'satisfaction', label: LEDGER_COLUMNS.satisfaction, width: 24 },
  { key: 'caseCode', label: LEDGER_COLUMNS.caseCode, width: 18 },
  { key: 'unit', label: '办理单位', width: 24 },
];

/** 台账 as a file to file: every case in the range (no 500 cap), phones masked, a 10-minute private link. */
export const ledgerFile: Handler<Contracts['ledgerFile']> = async (input, ctx) => {
  let scope: object | null = reachFilter(ctx);
  if (input.orgId) {
    const [org] = await loadOrgs([input.orgId]);
    if (!org) throw refuse('NOT_FOUND', 'unit_not_found', '所选单位不存在');
    if (!mayAccess(ctx.actor, ctx.access, { orgId: org._id, orgPath: org.path })) throw refuse('FORBIDDEN', 'out_of_reach', '只能导出本单位或下属单位的台账');
    scope = _.or([{ orgId: input.orgId }, { orgPath: input.orgId }]);
  }
  const received = { receivedAt: _.gte(dayStart(input.from)).and(_.lte(dayEnd(input.to))) };
  const cases: CaseDoc[] = [];
  for (let skip = 0; ; skip += CASES_PAGE) {
    const { data } = await db.collection<CaseDoc>('cases').where(within(scope, received)).orderBy('receivedAt', 'asc').skip(skip).limit(CASES_PAGE).get();
    cases.push(...data);
    if (cases.length > LEDGER_FILE_MAX_CASES) throw refuse('PAYLOAD_TOO_LARGE', 'too_many_rows', '一次导出的案件太多，请按月或按单位分开导出');
    if (data.length < CASES_PAGE) break;
  }
  const events = await loadEventsOf(cases.map((c) => c._id));
  const unitName = await unitNames([...new Set([...unitsMentioned([...events.values()].flat()), ...cases.map((c) => c.orgId)])]);
  const cell = (v: unknown) => (v instanceof Date ? formatShanghai(v, 'YYYY-MM-DD HH:mm') : String(v ?? ''));
  const rows = cases.map((c) => {
    const row = ledgerRow(c, events.get(c._id) ?? [], unitName);
    return FILE_COLUMNS.map((col) => (col.key === 'unit' ? unitName(c.orgId) : cell(row[col.key])));
  });
  const bytes = writeXlsx('服务台账', [FILE_COLUMNS.map((c) => c.label), ...rows], FILE_COLUMNS.map((c) => c.width));
  const now = ctx.now();
  // Private storage (the bucket's rule reads nothing); the caller gets a short-lived link only.
  const stamp = ctx.requestId ? ctx.requestId.replace(/[^A-Za-z0-9_-]/g, '') : String(now.getTime());
  const cloudPath = `exports/ledger/${ctx.actor.openid}/${input.from}_${input.to}_${stamp}.xlsx`;
  const { fileID } = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(bytes) });
  // The file holds names and (masked) phones: every case in it is on the log.
  const ids = cases.map((c) => c._id);
  for (let i = 0; i === 0 || i < ids.length; i += AUDIT_CHUNK) {
    await audit(ctx, 'ledger.exportFile', input.orgId ?? 'reach', { from: input.from, to: input.to, rows: cases.length, caseIds: ids.slice(i, i + AUDIT_CHUNK), fileID });
  }
  const link = await tempFileUrl(fileID, now);
  return { fileID, url: link.url, expiresAt: link.expiresAt.toISOString(), rows: rows.length, name: `服务台账_${input.from}_${input.to}.xlsx` };
};
