import {
  addDays,
  AUDIT_KIND_ACTS,
  auditEntry,
  auditUnitsNamed,
  dayStart,
  mayAccess,
  refuse,
  unitsOf,
  type AuditNames,
  type AuditRow,
  type identityContracts,
} from '@core';
import { _, db } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { loadOrgs, subtreeIds } from '../_runtime/orgs';

type Contracts = typeof identityContracts;

/** What a screen of the log shows before 加载更多: a day's entries of a busy station. */
const PAGE = 30;

async function lookUp(rows: AuditRow[]): Promise<AuditNames> {
  const people = [...new Set(rows.flatMap((r) => [r.actor, ...(r.subject ? [r.subject] : [])]))];
  const units = [...new Set(rows.flatMap((r) => [...auditUnitsNamed(r), ...(r.subject ? [r.subject] : [])]))];
  const caseIds = [...new Set(rows.filter((r) => r.subject && (r.what.startsWith('case.') || r.what === 'call.refused')).map((r) => r.subject as string))];
  const [members, orgs, cases] = await Promise.all([
    people.length ? db.collection<{ _id: string; displayName: string }>('members').where({ _id: _.in(people) }).field({ displayName: true }).limit(people.length).get() : { data: [] },
    loadOrgs(units),
    caseIds.length ? db.collection<{ _id: string; code: string }>('cases').where({ _id: _.in(caseIds) }).field({ code: true }).limit(caseIds.length).get() : { data: [] },
  ]);
  return {
    members: new Map(members.data.map((m) => [m._id, m.displayName])),
    orgs: new Map(orgs.map((o) => [o._id, o.name])),
    cases: new Map(cases.data.map((c) => [c._id, c.code])),
  };
}

/** The units whose entries the caller sees: null for all (an admin without a unit chosen). */
async function scopeOf(ctx: ActionContext, orgId: string | undefined): Promise<string[] | null> {
  const admin = ctx.actor.roles.includes('admin');
  if (orgId) {
    const [org] = await loadOrgs([orgId]);
    if (!org) throw refuse('NOT_FOUND', 'unit_not_found', '所选单位不存在');
    if (!mayAccess(ctx.actor, ctx.access, { orgId: org._id, orgPath: org.path })) throw refuse('FORBIDDEN', 'out_of_reach');
    return subtreeIds([orgId]);
  }
  if (admin) return null;
  return subtreeIds(unitsOf(ctx.actor.grants, 'supervisor'));
}

/** 操作记录: who saw or changed what, when and why, in the caller's subtree, newest first. */
export const auditLog: Handler<Contracts['auditLog']> = async (input, ctx) => {
  const units = await scopeOf(ctx, input.orgId);
  if (units && units.length === 0) return { entries: [], nextCursor: null };
  const base: Record<string, unknown> = { at: _.gte(dayStart(input.from)).and(_.lt(dayStart(addDays(input.to, 1)))) };
  if (units) base.orgIds = _.in(units);
  if (input.what) base.what = _.in([...AUDIT_KIND_ACTS[input.what]]);
  let filter: object = base;
  if (input.cursor) {
    const [ms, id] = [Number(input.cursor.slice(0, input.cursor.indexOf('_'))), input.cursor.slice(input.cursor.indexOf('_') + 1)];
    const at = new Date(ms);
    filter = _.and([base, _.or([{ at: _.lt(at) }, { at, _id: _.lt(id) }])]);
  }
  const { data } = await db.collection<AuditRow>('audit_log').where(filter).orderBy('at', 'desc').orderBy('_id', 'desc').limit(PAGE + 1).get();
  const rows = data.slice(0, PAGE);
  const names = await lookUp(rows);
  const entries = rows.map((row) => auditEntry(row, names));
  const last = rows[rows.length - 1];
  return { entries, nextCursor: data.length > PAGE && last ? `${new Date(last.at).getTime()}_${last._id}` : null };
};
