// 操作记录 as people read it: each audit row's act, actor, subject and detail in plain Chinese.
import { formatShanghai } from '../clock';
import { maskNumbersIn } from '../privacy/mask';
import { RETENTION, type RetentionCategory } from '../privacy/retention';
import type { AuditEntry, AuditKind } from './contracts';
import { unitsOf, type Grant } from './grants';
import { ROLE_LABELS, workingRole, type Role } from './roles';

/** Each `what` filter, as the audit rows name the acts (cloudfunctions' audit() calls). */
export const AUDIT_KIND_ACTS: Record<AuditKind, readonly string[]> = {
  personalData: ['case.contact.read', 'case.file.read', 'case.legalAid.read', 'ledger.export', 'privacy.deletion.done', 'privacy.deletion.declined'],
  members: ['invite.create', 'invite.redeem', 'invite.revoke', 'member.update', 'member.deactivate'],
  refused: ['call.refused'],
};

const ACT_LABELS: Record<string, string> = {
  'case.contact.read': '查看联系电话',
  'case.file.read': '查看材料照片',
  'case.legalAid.read': '查看法律援助申请内容',
  'ledger.export': '导出台账',
  'invite.create': '发放邀请码',
  'invite.redeem': '使用邀请码',
  'invite.revoke': '作废邀请码',
  'member.update': '调整授权',
  'member.deactivate': '停用账号',
  'call.refused': '被拒绝的访问',
  'org.save': '修改单位信息',
  'calendar.saveYear': '设置节假日',
  'privacy.deletion.done': '办理删除申请',
  'privacy.deletion.declined': '不予删除',
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
  'identity.listInvites': '查看邀请码',
  'identity.revokeInvite': '作废邀请码',
  'identity.listMembers': '查看人员',
  'identity.updateMember': '调整授权',
  'identity.deactivateMember': '停用账号',
  'identity.auditLog': '查看操作记录',
  'org.save': '修改单位信息',
  'calendar.saveYear': '设置节假日',
  'privacy.processDeletion': '办理删除申请',
  'privacy.deletionRequests': '查看删除申请',
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


/** An `audit_log` row as `cloudfunctions/_runtime/audit.ts` writes it. */
export interface AuditRow {
  _id: string;
  actor: string;
  roles?: Role[];
  orgIds?: string[];
  what: string;
  subject: string | null;
  detail?: Record<string, unknown>;
  at: Date;
}


function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function grantsIn(v: unknown): Grant[] {
  return Array.isArray(v) ? v.filter((g): g is Grant => typeof g === 'object' && g !== null && typeof (g as Grant).orgId === 'string') : [];
}

/** AuditNames the detail needs looked up: units of grants and invites. */
export function auditUnitsNamed(row: AuditRow): string[] {
  const d = row.detail ?? {};
  const before = (d.before ?? {}) as Record<string, unknown>;
  const after = (d.after ?? {}) as Record<string, unknown>;
  const orgIds = Array.isArray(d.orgIds) ? d.orgIds.filter((o): o is string => typeof o === 'string') : [];
  return [...orgIds, ...unitsOf(grantsIn(d.grants)), ...unitsOf(grantsIn(before.grants)), ...unitsOf(grantsIn(after.grants))];
}

/** The names an entry is told with, looked up by the handler. */
export interface AuditNames {
  orgs: Map<string, string>;
  members: Map<string, string>;
  cases: Map<string, string>;
}

const grantsText = (grants: Grant[], names: AuditNames) =>
  grants.map((g) => `${names.orgs.get(g.orgId) ?? g.orgId}的${ROLE_LABELS[g.role as Role] ?? g.role}`).join('、') || '无';

const categoryLabel = (c: string) => RETENTION.find((r) => r.category === (c as RetentionCategory))?.label ?? c;

/** The why or what-exactly of an entry, in a sentence a supervisor reads. */
function detailText(row: AuditRow, names: AuditNames): string {
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
    case 'invite.revoke':
      return '邀请码已作废，不能再使用';
    case 'member.update': {
      const before = (d.before ?? {}) as Record<string, unknown>;
      const after = (d.after ?? {}) as Record<string, unknown>;
      const changes: string[] = [];
      const was = grantsText(grantsIn(before.grants), names);
      const now = grantsText(grantsIn(after.grants), names);
      if (was !== now) changes.push(`授权由 ${was} 改为 ${now}`);
      if (str(before.displayName) !== str(after.displayName)) changes.push(`姓名由 ${str(before.displayName)} 改为 ${str(after.displayName)}`);
      if (str(before.phone) !== str(after.phone)) changes.push(`电话由 ${maskNumbersIn(str(before.phone))} 改为 ${maskNumbersIn(str(after.phone))}`);
      return changes.join('；') || '未作改动';
    }
    case 'member.deactivate':
      return `原因：${maskNumbersIn(str(d.reason))}`;
    case 'call.refused': {
      const action = ACTION_LABELS[str(d.action)] ?? '其他操作';
      return `${action}，${CAUSE_LABELS[str(d.cause)] ?? '没有权限'}`;
    }
    case 'org.save':
      return '保存了单位信息';
    case 'calendar.saveYear':
      return `调整了 ${str(d.days) || '0'} 天`;
    case 'privacy.deletion.done': {
      const deleted = Object.entries((d.deleted ?? {}) as Record<string, unknown>).map(([c, n]) => `${categoryLabel(c)}${Number(n) || 0}条`);
      return deleted.length > 0 ? `已删除：${deleted.join('、')}` : '没有可删除的内容';
    }
    case 'privacy.deletion.declined':
      return `原因：${maskNumbersIn(str(d.reason))}`;
    default:
      return '';
  }
}

/** The case (by code), person, unit or invite an entry is about. */
function subjectText(row: AuditRow, names: AuditNames): string {
  const s = row.subject ?? '';
  if (!s) return '—';
  if (row.what.startsWith('invite.')) return `邀请码 ${s.slice(0, 2)}******`;
  if (row.what === 'calendar.saveYear') return `${s}年节假日`;
  if (row.what.startsWith('privacy.deletion.')) return '一位群众的删除申请';
  if (s === 'reach') return '所辖范围';
  const code = names.cases.get(s);
  if (code) return `案件 ${code}`;
  return names.members.get(s) ?? names.orgs.get(s) ?? (row.what.startsWith('case.') ? '案件' : '—');
}

function whoText(row: AuditRow, names: AuditNames): string {
  // Roles are the actor's when they acted; one redeeming an invite is named by what it made them.
  const roles = row.what === 'invite.redeem' ? grantsIn(row.detail?.grants).map((g) => g.role as Role) : (row.roles ?? []);
  const role = workingRole(roles);
  const name = names.members.get(row.actor);
  return name ? `${name}（${ROLE_LABELS[role]}）` : ROLE_LABELS[role];
}

/** One row of 操作记录: in plain Chinese for people, and by its keys for machines. */
export function auditEntry(row: AuditRow, names: AuditNames): AuditEntry {
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
    act: row.what,
    actor: row.actor,
    refusal: row.what === 'call.refused' ? { action: str(row.detail?.action), cause: str(row.detail?.cause) } : null,
  };
}
