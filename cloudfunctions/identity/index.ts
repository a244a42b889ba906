import crypto from 'node:crypto';
import { identityContracts, refuse, isWorker, mayAccess, OPEN_STATUSES, type Member, type Role } from '@core';
import { audit } from '../_runtime/audit';
import { calendarNotices, loadCalendar } from '../_runtime/calendar';
import { _, db, getOrNull } from '../_runtime/cloud';
import { defineFunction, type ActionContext } from '../_runtime/function';
import { loadOrgs, subtreeIds, type OrgDoc } from '../_runtime/orgs';

interface MemberDoc extends Member {
  _id: string;
  createdAt: Date;
  updatedAt: Date;
}

interface InviteDoc {
  _id: string;
  role: Role;
  orgIds: string[];
  note: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedBy: string | null;
  usedAt: Date | null;
}

/** No 0/O/1/I/L: codes are read aloud and typed by people. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 31^8 ≈ 850 billion codes: unguessable for a week's validity, still short enough to type. */
const CODE_LENGTH = 8;
/** Fresh draws after an _id collision; with so few live codes a second draw practically never collides. */
const CODE_ATTEMPTS = 5;
const DAY_MS = 86_400_000;
/**
 * Members one list shows: a county has a few dozen staff and a few hundred advisors at most, so the
 * whole county fits one read (CloudBase answers at most 1,000 documents).
 */
const MAX_MEMBERS = 500;

function newCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join('');
}

function toMember(doc: MemberDoc): Member {
  return {
    openid: doc._id,
    roles: doc.roles,
    orgIds: doc.orgIds,
    displayName: doc.displayName,
    phone: doc.phone,
    active: doc.active,
  };
}

/** A supervisor reaches an org unit only inside their own subtree; admins reach every unit. */
async function assertOrgsInScope(ctx: ActionContext, orgIds: readonly string[]): Promise<OrgDoc[]> {
  const orgs = await loadOrgs(orgIds);
  if (orgs.length !== new Set(orgIds).size) throw refuse('NOT_FOUND', 'unit_not_found', '所选单位不存在');
  for (const org of orgs) {
    if (!mayAccess(ctx.actor, ctx.access, { orgId: org._id, orgPath: org.path })) throw refuse('FORBIDDEN', 'out_of_reach');
  }
  return orgs;
}

/**
 * A supervisor manages the advisors and staff of their subtree; supervisors, admins and members
 * serving no unit are managed by admins only.
 */
async function assertManages(ctx: ActionContext, target: MemberDoc): Promise<void> {
  if (ctx.actor.roles.includes('admin')) return;
  if (target.orgIds.length === 0 || target.roles.some((r) => r === 'admin' || r === 'supervisor')) {
    throw refuse('FORBIDDEN', 'lead_account', '负责人和管理员的账号只能由管理员调整');
  }
  await assertOrgsInScope(ctx, target.orgIds);
}

async function loadMember(openid: string): Promise<MemberDoc> {
  const { data } = await db.collection<MemberDoc>('members').where({ _id: openid }).limit(1).get();
  if (!data[0]) throw refuse('NOT_FOUND', 'member_not_found', '没有这位工作人员');
  return data[0];
}

/** The person's own requests (as applicant or 代办) still being handled. */
async function openCasesOf(openid: string): Promise<number> {
  const mine = _.or([{ 'applicant.openid': openid }, { 'proxy.openid': openid }]);
  return (await db.collection('cases').where(_.and([mine, { status: _.in([...OPEN_STATUSES]) }])).count()).total;
}

export const main = defineFunction('identity', identityContracts, {
  async whoami(_input, ctx) {
    const { actor } = ctx;
    let notices: string[] = [];
    if (isWorker(actor.roles)) {
      const now = ctx.now();
      notices = calendarNotices((await loadCalendar(now)).calendar, now);
    }
    return { openid: actor.openid, roles: actor.roles, displayName: actor.displayName, orgIds: actor.orgIds, notices, openCases: await openCasesOf(actor.openid) };
  },

  async createInvite(input, ctx) {
    await assertOrgsInScope(ctx, input.orgIds);
    if (input.role === 'admin' && !ctx.actor.roles.includes('admin')) throw refuse('FORBIDDEN', 'admin_only', '只有管理员可以邀请管理员');
    const now = ctx.now();
    const expiresAt = new Date(now.getTime() + input.validDays * DAY_MS);
    for (let attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
      const code = newCode();
      try {
        await db.collection('invites').add({
          data: {
            _id: code,
            role: input.role,
            orgIds: input.orgIds,
            note: input.note ?? '',
            createdBy: ctx.actor.openid,
            createdAt: now,
            expiresAt,
            usedBy: null,
            usedAt: null,
          },
        });
        await audit(ctx, 'invite.create', code, { role: input.role, orgIds: input.orgIds });
        return { code, expiresAt: expiresAt.toISOString() };
      } catch {
        // _id collision with an existing code: draw again.
      }
    }
    throw refuse('CONFLICT', 'no_free_code', '生成邀请码失败，请重试');
  },

  async redeemInvite(input, ctx) {
    const code = input.code.toUpperCase();
    const now = ctx.now();
    const openid = ctx.actor.openid;
    const member = await db.runTransaction(async (tx) => {
      const invite = (await getOrNull(tx.collection('invites').doc(code))) as InviteDoc | null;
      // Missing, used and expired answer alike, so guessing learns nothing of which codes were issued.
      // The cost: a person whose own code expired is not told that it did; the message sends them to
      // the administrator, who sees the invite's state and issues a new one.
      if (!invite || invite.usedBy || new Date(invite.expiresAt).getTime() < now.getTime()) throw refuse('NOT_FOUND', 'invite_invalid', '邀请码无效或已过期，请联系管理员');
      const existing = (await getOrNull(tx.collection('members').doc(openid))) as MemberDoc | null;
      const keep = existing?.active ? existing : null;
      const next: Omit<MemberDoc, '_id'> = {
        openid,
        roles: [...new Set([...(keep?.roles ?? []), invite.role])],
        orgIds: [...new Set([...(keep?.orgIds ?? []), ...invite.orgIds])],
        displayName: input.displayName,
        phone: input.phone,
        active: true,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      await tx.collection('members').doc(openid).set({ data: next });
      await tx.collection('invites').doc(code).update({ data: { usedBy: openid, usedAt: now } });
      return next;
    });
    await audit(ctx, 'invite.redeem', code, { role: member.roles });
    return { openid, roles: member.roles, displayName: member.displayName, orgIds: member.orgIds, notices: [], openCases: await openCasesOf(openid) };
  },

  async listMembers(input, ctx) {
    const admin = ctx.actor.roles.includes('admin');
    const roots = input.orgId ? [input.orgId] : admin ? [] : ctx.actor.orgIds;
    if (input.orgId) await assertOrgsInScope(ctx, [input.orgId]);
    const filter: Record<string, unknown> = input.includeInactive ? {} : { active: true };
    if (roots.length > 0) filter.orgIds = _.in(await subtreeIds(roots));
    else if (!admin) return { members: [] };
    const { data } = await db.collection<MemberDoc>('members').where(filter).orderBy('displayName', 'asc').limit(MAX_MEMBERS).get();
    return { members: data.map(toMember) };
  },

  async updateMember(input, ctx) {
    const doc = await loadMember(input.openid);
    await assertManages(ctx, doc);
    if (input.orgIds) await assertOrgsInScope(ctx, input.orgIds);
    if (input.roles?.includes('admin') && !ctx.actor.roles.includes('admin')) throw refuse('FORBIDDEN', 'admin_only', '只有管理员可以授予管理员身份');
    const patch = {
      ...(input.roles && { roles: input.roles }),
      ...(input.orgIds && { orgIds: input.orgIds }),
      ...(input.displayName && { displayName: input.displayName }),
      ...(input.phone && { phone: input.phone }),
      updatedAt: ctx.now(),
    };
    await db.collection('members').doc(input.openid).update({ data: patch });
    await audit(ctx, 'member.update', input.openid, { fields: Object.keys(patch) });
    return toMember({ ...doc, ...patch });
  },

  async deactivateMember(input, ctx) {
    const doc = await loadMember(input.openid);
    await assertManages(ctx, doc);
    if (input.openid === ctx.actor.openid) throw refuse('INVALID_STATE', 'self_deactivation', '不能停用自己的账号');
    await db.collection('members').doc(input.openid).update({ data: { active: false, updatedAt: ctx.now() } });
    await audit(ctx, 'member.deactivate', input.openid, { reason: input.reason });
    return toMember({ ...doc, active: false });
  },
});
