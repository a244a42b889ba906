import {
  AppError,
  bookingContracts,
  CASE_STATUSES,
  dayEnd,
  dayStart,
  formatShanghai,
  LEDGER_COLUMNS,
  ledgerRow,
  mayAccess,
  toDetail,
  toSummary,
  mayCall,
  OPEN_STATUSES,
  caseContracts,
  statsContracts,
  dueSoonWindow,
  ROLE_LABELS,
  TERMINAL_STATUSES,
  unitsMentioned,
  type LedgerRow,
  type Member,
  type Queue,
} from '@core';
import { audit } from '../_runtime/audit';
import { loadCalendar } from '../_runtime/calendar';
import { _, db } from '../_runtime/cloud';
import { tempFileUrl } from '../_runtime/files';
import { defineFunction, type ActionContext } from '../_runtime/function';
import { loadOrgs, pathOf, subtreeIds, unitNames } from '../_runtime/orgs';
import { actingOrgIds, assertReach, caseActor, reachFilter, seesAsWorker, within } from './reach';
import { loadCase, loadEvents, loadEventsOf, runCommand, type CaseDoc } from './store';
import { mine, register, submit } from './intake';

const TRANSFER_COMMANDS = new Set(['acceptTransfer', 'declineTransfer']);

async function detail(ctx: ActionContext, doc: CaseDoc) {
  const actor = caseActor(ctx, doc, await actingOrgIds(ctx)); // refuses a caller who does not reach the case
  const events = await loadEvents(doc._id);
  return toDetail(doc, events, actor, seesAsWorker(ctx, doc), await unitNames(unitsMentioned(events)));
}

type MemberDoc = Member & { _id: string };

/** Who may handle a case: active advisors and staff serving its unit or a unit under it. */
async function handlerCandidates(doc: CaseDoc): Promise<MemberDoc[]> {
  const units = await subtreeIds([doc.orgId]);
  const { data } = await db
    .collection<MemberDoc>('members')
    .where({ orgIds: _.in(units), active: true })
    .orderBy('displayName', 'asc')
    .limit(200)
    .get();
  return data.filter((m) => m.roles.some((r) => r === 'advisor' || r === 'staff'));
}

/** The handler of an assign comes from the member records, never from the payload's say-so. */
async function eligibleHandler(ctx: ActionContext, caseId: string, openid: string): Promise<{ openid: string; name: string }> {
  const doc = await loadCase(caseId);
  assertReach(ctx, doc);
  const member = (await handlerCandidates(doc)).find((m) => m._id === openid);
  if (!member) throw new AppError('VALIDATION_FAILED', '只能指派给本单位或下属单位的工作人员、法律顾问');
  return { openid: member._id, name: member.displayName };
}

export const main = defineFunction('case', caseContracts, {
  submit,
  register,
  mine,

  async get(input, ctx) {
    return detail(ctx, await loadCase(input.caseId));
  },

  async findByCode(input, ctx) {
    const { data } = await db.collection<CaseDoc>('cases').where({ code: input.code }).limit(1).get();
    if (!data[0]) throw new AppError('NOT_FOUND', '没有这个编号的案件，请核对后再输入');
    return detail(ctx, data[0]);
  },

  async act(input, ctx) {
    const now = ctx.now();
    const { calendar } = await loadCalendar(now);
    const orgIds = TRANSFER_COMMANDS.has(input.command.type) ? await actingOrgIds(ctx) : ctx.actor.orgIds;
    const command =
      input.command.type === 'assign'
        ? { ...input.command, handler: await eligibleHandler(ctx, input.caseId, input.command.handler.openid) }
        : input.command;
    const { doc, actor } = await runCommand(input.caseId, command, now, { calendar, actorFor: (d) => caseActor(ctx, d, orgIds), pathOf });
    const events = await loadEvents(doc._id);
    return toDetail(doc, events, actor, seesAsWorker(ctx, doc), await unitNames(unitsMentioned(events)));
  },

  async contact(input, ctx) {
    const doc = await loadCase(input.caseId);
    // The contract grants no `own` scope: only a worker who reaches the case as a worker gets past.
    caseActor(ctx, doc, await actingOrgIds(ctx));
    await audit(ctx, 'case.contact.read', doc._id, {});
    return { phone: doc.applicant.phone, proxyPhone: doc.proxy?.phone ?? null };
  },

  async fileUrl(input, ctx) {
    const doc = await loadCase(input.caseId);
    caseActor(ctx, doc, await actingOrgIds(ctx)); // refuses a caller who does not reach the case
    const asWorker = seesAsWorker(ctx, doc);
    const workersOnly = [...(doc.internalFiles ?? []), ...(doc.signature ? [doc.signature] : [])];
    const onCase = (doc.files ?? []).some((f) => f.fileID === input.fileID) || (asWorker && workersOnly.some((f) => f.fileID === input.fileID));
    // A file of another case answers the same as a missing one: nothing to learn by probing.
    if (!onCase) throw new AppError('NOT_FOUND', '文件不存在或已被删除');
    const link = await tempFileUrl(input.fileID, ctx.now());
    // Photos of ID cards and contracts are personal information: a worker's look is on record.
    if (asWorker) await audit(ctx, 'case.file.read', doc._id, { fileID: input.fileID });
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  },

  async ledger(input, ctx) {
    const MAX_CASES = 500;
    let scope: object | null = reachFilter(ctx);
    if (input.orgId) {
      const [org] = await loadOrgs([input.orgId]);
      if (!org) throw new AppError('NOT_FOUND', '所选单位不存在');
      if (!mayAccess(ctx.actor, ctx.access, { orgId: org._id, orgPath: org.path })) throw new AppError('FORBIDDEN', '只能导出本单位或下属单位的台账');
      scope = _.or([{ orgId: input.orgId }, { orgPath: input.orgId }]);
    }
    const received = { receivedAt: _.gte(dayStart(input.from)).and(_.lte(dayEnd(input.to))) };
    const { data } = await db
      .collection<CaseDoc>('cases')
      .where(within(scope, received))
      .orderBy('receivedAt', 'asc')
      .limit(MAX_CASES + 1)
      .get();
    const cases = data.slice(0, MAX_CASES);
    const events = await loadEventsOf(cases.map((c) => c._id));
    const unitName = await unitNames(unitsMentioned([...events.values()].flat()));
    // The ledger holds names and phone numbers: every export is on record.
    await audit(ctx, 'ledger.export', input.orgId ?? 'reach', { from: input.from, to: input.to, rows: cases.length });
    const text = (row: LedgerRow): Record<string, string> =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, v instanceof Date ? formatShanghai(v, 'YYYY-MM-DD HH:mm') : String(v)]),
      );
    return {
      columns: Object.entries(LEDGER_COLUMNS).map(([key, label]) => ({ key, label })),
      rows: cases.map((c) => text(ledgerRow(c, events.get(c._id) ?? [], unitName))),
      truncated: data.length > MAX_CASES,
    };
  },

  async handlers(input, ctx) {
    const doc = await loadCase(input.caseId);
    assertReach(ctx, doc);
    return {
      handlers: (await handlerCandidates(doc)).map((m) => ({
        openid: m._id,
        name: m.displayName,
        roleLabel: m.roles.includes('advisor') ? ROLE_LABELS.advisor : ROLE_LABELS.staff,
      })),
    };
  },

  async workbench(input, ctx) {
    const now = ctx.now();
    const me = ctx.actor.openid;
    const reach = reachFilter(ctx);
    const open = _.in([...OPEN_STATUSES]);
    const { calendar } = await loadCalendar(now);
    const transferOrgs = await actingOrgIds(ctx);
    // Exactly the deadlines the clock calls 即将到期, so the count is one indexed query like the rest.
    const soon = dueSoonWindow(now, calendar);
    const filters: Record<Queue, object> = {
      new: within(reach, { status: 'received' }),
      mine: { 'handler.openid': me, status: open },
      pendingTransfers: ctx.actor.roles.includes('admin') ? { status: 'transferPending' } : { 'transfer.toOrgId': _.in(transferOrgs) },
      awaitingMaterials: within(reach, { status: 'awaitingMaterials' }),
      dueSoon: within(reach, { status: open, dueAt: _.gte(soon.from).and(_.lte(soon.until)) }),
      overdue: within(reach, { status: open, dueAt: _.lt(now) }),
      // Until rated (首办 follows the case to its evaluation); $in keeps the whole index in use.
      followUps: { 'firstHandler.openid': me, status: _.in(CASE_STATUSES.filter((s) => !(TERMINAL_STATUSES as readonly string[]).includes(s))) },
    };
    const list = async (queue: Queue): Promise<CaseDoc[]> =>
      (await db.collection<CaseDoc>('cases').where(filters[queue]).orderBy('lastEventAt', 'desc').limit(200).get()).data;
    const entries = await Promise.all(
      (Object.keys(filters) as Queue[]).map(async (q) => [q, (await db.collection('cases').where(filters[q]).count()).total] as const),
    );
    return {
      counts: Object.fromEntries(entries) as Record<Queue, number>,
      cases: (await list(input.queue)).map(toSummary),
      canRegister: mayCall(ctx.actor, caseContracts.register.access),
      canExportLedger: mayCall(ctx.actor, caseContracts.ledger.access),
      canSeeStats: mayCall(ctx.actor, statsContracts.board.access),
      canSeeBookings: mayCall(ctx.actor, bookingContracts.dayBookings.access),
      canSetSchedule: mayCall(ctx.actor, bookingContracts.saveSchedule.access),
    };
  },
});
