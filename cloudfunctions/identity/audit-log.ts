import {
  addDays,
  dayStart,
  formatShanghai,
  maskPhone,
  mayAccess,
  refuse,
  ROLE_LABELS,
  unitsOf,
  type AuditEntry,
  type AuditKind,
  type Grant,
  type identityContracts,
  type Role,
} from '@core';
import { _, db } from '../_runtime/cloud';
import type { ActionContext, Handler } from '../_runtime/function';
import { loadOrgs, subtreeIds } from '../_runtime/orgs';

type Contracts = typeof identityContracts;

/** What a screen of the log shows before 加载更多: a day's entries of a busy station. */
const PAGE = 30;

/** Each `what` filter, as the audit rows name the acts (cloudfunctions' audit() calls). */
const KIND_ACTS: Record<AuditKind, readonly string[]> = {
  personalData: ['case.contact.read', 'case.file.read', 'ledger.export'],
  members: ['invite.create', 'invite.redeem', 'member.update', 'member.deactivate'],
  refused: ['call.refused'],
};

const ACT_LABELS: Record<string, string> = {
  'case.contact.read': '查看联系电话',
  'case.file.read': '查看材料照片',
  'ledger.export': '导出台账',
  'invite.create': '发放邀请码',
  'invite.redeem': '使用邀请码',
  'member.update': '调整授权',
  'member.deactivate': '停用账号',
  'call.refused': '被拒绝的访问',
  'org.save': '修改单位信息',
  'calendar.saveYear': '设置节假日',
};

/** What a refused call was, by `<function>.<action>`; others read as 其他操作. */
const ACTION_LABELS: Record<string, string> = {
  'case.get': '查看案件',
  'case.contact': '查看联系电话',
  'case.fileUrl': '查看材料',
  'case.act': '办理案件',
  'case.findByCode': '按编号查找案件',
  'case.ledger': '导出台账',
  'case.register': '登记来访',
  'case.workbench': '打开工作台',
  'stats.board': '查看统计',
  'booking.dayBookings': '查看预约名单',
  'booking.saveSchedule': '设置预约时间',
  'booking.cancel': '取消预约',
  'identity.createInvite': '发放邀请码',
  'identity.listMembers': '查看人员',
  'identity.updateMember': '调整授权',
  'identity.deactivateMember': '停用账号',
  'identity.auditLog': '查看操作记录',
  'org.save': '修改单位信息',
  'calendar.saveYear': '设置节假日',
};

/** Why it was refused, by the real cause; others read as 没有权限. */
const CAUSE_LABELS: Record<string, string> = {
  role_not_allowed: '身份无权使用',
  out_of_reach: '不在管辖范围内',
  not_yours: '不是本人的事项',
  lead_account: '负责人和管理员的账号只能由管理员调整',
  grant_out_of_reach: '授权的单位不在管辖范围内',
  role_not_grantable: '无权授予负责人或管理员身份',
};

/** Highest role first: the one a person is named by. */
const ROLE_ORDER: readonly Role[] = ['admin', 'supervisor', 'staff', 'advisor', 'resident'];

interface AuditRow {
  _id: string;
  actor: string;
  roles?: Role[];
  orgIds?: string[];
  what: string;
  subject: string | null;
  detail?: Record<string, unknown>;
  at: Date;
}

/** Phone and ID numbers inside free text (a reason typed by a person) show masked, as everywhere else. */
function maskText(text: string): string {
  return text.replace(/\d{17}[\dXx]|\d{15}/g, (id) => `${id.slice(0, 3)}${'*'.repeat(id.length - 5)}${id.slice(-2)}`).replace(/1\d{10}/g, maskPhone);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function grantsIn(v: unknown): Grant[] {
  return Array.isArray(v) ? v.filter((g): g is Grant => typeof g === 'object' && g !== null && typeof (g as Grant).orgId === 'string') : [];
}

/** Names the detail needs looked up: units of grants and invites. */
function unitsOfDetail(row: AuditRow): string[] {
  const d = row.detail ?? {};
  const before = (d.before ?? {}) as Record<string, unknown>;
  const after = (d.after ?? {}) as Record<string, unknown>;
  const orgIds = Array.isArray(d.orgIds) ? d.orgIds.filter((o): o is string => typeof o === 'string') : [];
  return [...orgIds, ...unitsOf(grantsIn(d.grants)), ...unitsOf(grantsIn(before.grants)), ...unitsOf(grantsIn(after.grants))];
}

interface Names {
  orgs: Map<string, string>;
  members: Map<string, string>;
  cases: Map<string, string>;
}

const grantsText = (grants: Grant[], names: Names) =>
  grants.map((g) => `${names.orgs.get(g.orgId) ?? g.orgId}的${ROLE_LABELS[g.role as Role] ?? g.role}`).join('、') || '无';

/** The why or what-exactly of an entry, in a sentence a supervisor reads. */
function detailText(row: AuditRow, names: Names): string {
  const d = row.detail ?? {};
  switch (row.what) {
    case 'case.contact.read':
      return '查看了申请人的完整手机号';
    case 'case.file.read':
      return '查看了一份材料';
    case 'ledger.export':
      return `${str(d.from).slice(0, 10)} 至 ${str(d.to).slice(0, 10)}，共 ${str(d.rows) || '0'} 件`;
    case 'invite.create': {
      const units = (Array.isArray(d.orgIds) ? d.orgIds : []).map((o) => names.orgs.get(str(o)) ?? str(o)).join('、');
      return `邀请${ROLE_LABELS[d.role as Role] ?? ''}：${units}`;
    }
    case 'invite.redeem':
      return `获得授权：${grantsText(grantsIn(d.grants), names)}`;
    case 'member.update': {
      const before = (d.before ?? {}) as Record<string, unknown>;
      const after = (d.after ?? {}) as Record<string, unknown>;
      const changes: string[] = [];
      const was = grantsText(grantsIn(before.grants), names);
      const now = grantsText(grantsIn(after.grants), names);
      if (was !== now) changes.push(`授权由 ${was} 改为 ${now}`);
      if (str(before.displayName) !== str(after.displayName)) changes.push(`姓名由 ${str(before.displayName)} 改为 ${str(after.displayName)}`);
      if (str(before.phone) !== str(after.phone)) changes.push(`电话由 ${maskText(str(before.phone))} 改为 ${maskText(str(after.phone))}`);
      return changes.join('；') || '未作改动';
    }
    case 'member.deactivate':
      return `原因：${maskText(str(d.reason))}`;
    case 'call.refused': {
      const action = ACTION_LABELS[str(d.action)] ?? '其他操作';
      return `${action}，${CAUSE_LABELS[str(d.cause)] ?? '没有权限'}`;
    }
    case 'org.save':
      return '保存了单位信息';
    case 'calendar.saveYear':
      return `调整了 ${str(d.days) || '0'} 天`;
    default:
      return '';
  }
}

/** The case (by code), person, unit or invite an entry is about. */
function subjectText(row: AuditRow, names: Names): string {
  const s = row.subject ?? '';
  if (!s) return '—';
  if (row.what.startsWith('invite.')) return `邀请码 ${s.slice(0, 2)}******`;
  if (row.what === 'calendar.saveYear') return `${s}年节假日`;
  if (s === 'reach') return '所辖范围';
  const code = names.cases.get(s);
  if (code) return `案件 ${code}`;
  return names.members.get(s) ?? names.orgs.get(s) ?? (row.what.startsWith('case.') ? '案件' : '—');
}

function whoText(row: AuditRow, names: Names): string {
  // Roles are the actor's when they acted; one redeeming an invite is named by what it made them.
  const roles = row.what === 'invite.redeem' ? grantsIn(row.detail?.grants).map((g) => g.role as Role) : (row.roles ?? []);
  const role = ROLE_ORDER.find((r) => roles.includes(r)) ?? 'resident';
  const name = names.members.get(row.actor);
  return name ? `${name}（${ROLE_LABELS[role]}）` : ROLE_LABELS[role];
}

async function lookUp(rows: AuditRow[]): Promise<Names> {
  const people = [...new Set(rows.flatMap((r) => [r.actor, ...(r.subject ? [r.subject] : [])]))];
  const units = [...new Set(rows.flatMap((r) => [...unitsOfDetail(r), ...(r.subject ? [r.subject] : [])]))];
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
  if (input.what) base.what = _.in([...KIND_ACTS[input.what]]);
  let filter: object = base;
  if (input.cursor) {
    const [ms, id] = [Number(input.cursor.slice(0, input.cursor.indexOf('_'))), input.cursor.slice(input.cursor.indexOf('_') + 1)];
    const at = new Date(ms);
    filter = _.and([base, _.or([{ at: _.lt(at) }, { at, _id: _.lt(id) }])]);
  }
  const { data } = await db.collection<AuditRow>('audit_log').where(filter).orderBy('at', 'desc').orderBy('_id', 'desc').limit(PAGE + 1).get();
  const rows = data.slice(0, PAGE);
  const names = await lookUp(rows);
  const entries: AuditEntry[] = rows.map((row) => {
    const at = new Date(row.at);
    return {
      id: row._id,
      at: at.toISOString(),
      when: formatShanghai(at, 'YYYY-MM-DD HH:mm'),
      who: whoText(row, names),
      what: ACT_LABELS[row.what] ?? '其他操作',
      subject: subjectText(row, names),
      detail: detailText(row, names),
      refused: row.what === 'call.refused',
    };
  });
  const last = rows[rows.length - 1];
  return { entries, nextCursor: data.length > PAGE && last ? `${new Date(last.at).getTime()}_${last._id}` : null };
};
