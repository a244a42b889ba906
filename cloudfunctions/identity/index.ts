import crypto from 'node:crypto';
import {
  grantChangeRefusal,
  identityContracts,
  INVITE_CODE_ALPHABET,
  INVITE_CODE_LENGTH,
  inviteState,
  isWorker,
  managesRefusal,
  maskPhone,
  mayAccess,
  mergeGrants,
  OPEN_STATUSES,
  refuse,
  SUPERVISOR_GRANTS,
  unitsOf,
  type Grant,
  type GrantRole,
  type InReach,
  type Invite,
  type Member,
  type UnitRef,
} from '@core';
import { grantsOfMember, membership, type MemberDoc } from '../_runtime/actor';
import { audit } from '../_runtime/audit';
import { auditLog } from './audit-log';
import { deleteProfile, home, profile, saveProfile } from './profile';
import { calendarNotices, loadCalendar } from '../_runtime/calendar';
import { _, db, getOrNull } from '../_runtime/cloud';
import { transaction } from '../_runtime/transaction';
import { defineFunction, type ActionContext } from '../_runtime/function';
import { protectPhone } from '../_runtime/protect';
import { loadOrgs, subtreeIds, type OrgDoc } from '../_runtime/orgs';

interface InviteDoc {
  _id: string;
  role: GrantRole;
  orgIds: string[];
  note: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedBy: string | null;
  usedAt: Date | null;
  revokedAt?: Date | null;
  revokedBy?: string | null;
}

/** Fresh draws after an _id collision; with so few live codes a second draw practically never collides. */
const CODE_ATTEMPTS = 5;
const DAY_MS = 86_400_000;
/**
 * Members one list shows: a county has a few dozen staff and a few hundred advisors at most, so the
 * whole county fits one read (CloudBase answers at most 1,000 documents).
 */
const MAX_MEMBERS = 500;
/** Invites one list shows: a county's managers issue a few dozen a season. */
const MAX_INVITES = 300;

function newCode(): string {
  return Array.from({ length: INVITE_CODE_LENGTH }, () => INVITE_CODE_ALPHABET[crypto.randomInt(INVITE_CODE_ALPHABET.length)]).join('');
}

function toInvite(doc: InviteDoc, now: Date): Invite {
  return {
    code: doc._id,
    role: doc.role,
    orgIds: doc.orgIds,
    note: doc.note,
    state: inviteState(doc, now),
    createdAt: new Date(doc.createdAt).toISOString(),
    expiresAt: new Date(doc.expiresAt).toISOString(),
  };
}

/** The units a caller's invite lists cover: all for an admin (null), a supervisor's subtrees otherwise. */
async function inviteReach(ctx: ActionContext, orgId: string | undefined): Promise<string[] | null> {
  if (orgId) {
    await assertOrgsInScope(ctx, [orgId]);
    return subtreeIds([orgId]);
  }
  return ctx.actor.roles.includes('admin') ? null : subtreeIds(unitsOf(ctx.actor.grants, 'supervisor'));
}

/** A county has one center, a dozen or two stations and a few hundred village rooms. */
const MAX_UNITS = 1000;

/** The units the caller manages, tree order (center, stations, rooms), for the pages' unit choices. */
async function unitsInReach(ctx: ActionContext): Promise<UnitRef[]> {
  const orgs = ctx.actor.roles.includes('admin')
    ? (await db.collection<OrgDoc>('orgs').where({ active: true }).limit(MAX_UNITS).get()).data
    : (await loadOrgs(await subtreeIds(unitsOf(ctx.actor.grants, 'supervisor')))).filter((o) => o.active);
  const rank = { center: 0, station: 1, bureau: 1, room: 2 } as const;
  return orgs
    .sort((a, b) => rank[a.tier] - rank[b.tier] || a._id.localeCompare(b._id))
    .map((o) => ({ id: o._id, name: o.name, tier: o.tier, parentId: o.parentId }));
}

function toMember(doc: MemberDoc): Member {
  return {
    openid: doc._id,
    ...membership(grantsOfMember(doc)),
    displayName: doc.displayName,
    // Masked, as stored (members stored before protection too): a manager recognises the number, never copies it.
    phone: maskPhone(doc.phone),
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


/** The units of these grants the caller reaches (core's rules ask per unit), each unit loaded once. */
async function reachOf(ctx: ActionContext, grants: readonly Grant[]): Promise<InReach> {
  const orgs = await loadOrgs(unitsOf(grants));
  const reached = new Set(orgs.filter((o) => mayAccess(ctx.actor, ctx.access, { orgId: o._id, orgPath: o.path })).map((o) => o._id));
  return (orgId) => reached.has(orgId);
}

const GRANT_REFUSALS = {
  lead_account: '负责人和管理员的账号只能由管理员调整',
  grant_out_of_reach: '只能调整本单位或下属单位的授权，其他单位的授权请由那里的负责人或管理员调整',
  role_not_grantable: '负责人和管理员的身份只能由管理员授予或取消',
} as const;

function refuseGrant(reason: keyof typeof GRANT_REFUSALS | null): void {
  if (reason) throw refuse('FORBIDDEN', reason, GRANT_REFUSALS[reason]);
}

/** A supervisor manages the members core's managesRefusal lets her; an admin, everyone. */
async function assertManages(ctx: ActionContext, target: MemberDoc, whole: boolean): Promise<void> {
  if (ctx.actor.roles.includes('admin')) return;
  const grants = grantsOfMember(target);
  refuseGrant(managesRefusal(grants, await reachOf(ctx, grants), whole));
}

/** A supervisor changes the grants core's grantChangeRefusal lets her; an admin, any. */
async function assertMayChangeGrants(ctx: ActionContext, before: readonly Grant[], next: readonly Grant[]): Promise<void> {
  if (ctx.actor.roles.includes('admin')) return;
  refuseGrant(grantChangeRefusal(before, next, await reachOf(ctx, [...before, ...next])));
}

/** What an audit row keeps of a member: grants and name; the phone masked. */
function auditView(doc: Pick<MemberDoc, 'displayName' | 'phone'> & { grants: readonly Grant[] }) {
  return { grants: doc.grants, displayName: doc.displayName, phone: maskPhone(doc.phone) };
}

/** Every unit a grant names exists. */
async function assertOrgsExist(grants: readonly Grant[]): Promise<void> {
  const units = unitsOf(grants);
  if ((await loadOrgs(units)).length !== units.length) throw refuse('NOT_FOUND', 'unit_not_found', '所选单位不存在');
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
  auditLog,
  profile,
  saveProfile,
  deleteProfile,
  home,
  async whoami(_input, ctx) {
    const { actor } = ctx;
    let notices: string[] = [];
    if (isWorker(actor.roles)) {
      const now = ctx.now();
      notices = calendarNotices((await loadCalendar(now)).calendar, now);
    }
    return {
      openid: actor.openid,
      roles: actor.roles,
      grants: actor.grants,
      displayName: actor.displayName,
      orgIds: actor.orgIds,
      notices,
      openCases: await openCasesOf(actor.openid),
    };
  },

  async createInvite(input, ctx) {
    await assertOrgsInScope(ctx, input.orgIds);
    if (!ctx.actor.roles.includes('admin') && !SUPERVISOR_GRANTS.includes(input.role)) {
      throw refuse('FORBIDDEN', 'role_not_grantable', '负责人和管理员只能由管理员邀请');
    }
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
    // transaction(): a second redemption of the code conflicts at its write and is retried into invite_invalid.
    const member = await transaction(async (tx) => {
      const invite = (await getOrNull(tx.collection('invites').doc(code))) as InviteDoc | null;
      // Missing, used and expired answer alike, so guessing learns nothing of which codes were issued.
      // The cost: a person whose own code expired is not told that it did; the message sends them to
      // the administrator, who sees the invite's state and issues a new one.
      if (!invite || inviteState(invite, now) !== 'pending') throw refuse('NOT_FOUND', 'invite_invalid', '邀请码无效或已过期，请联系管理员');
      const existing = (await getOrNull(tx.collection('members').doc(openid))) as MemberDoc | null;
      const kept = existing?.active ? grantsOfMember(existing) : [];
      // One grant per unit of the invite: the invited role applies there and nowhere else.
      const grants = mergeGrants(kept, invite.orgIds.map((orgId) => ({ role: invite.role, orgId })));
      const next: Omit<MemberDoc, '_id'> = {
        ...membership(grants),
        displayName: input.displayName,
        ...protectPhone(input.phone),
        active: true,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      await tx.collection('members').doc(openid).set({ data: next });
      await tx.collection('invites').doc(code).update({ data: { usedBy: openid, usedAt: now } });
      return next;
    });
    await audit(ctx, 'invite.redeem', code, { grants: member.grants });
    return {
      openid,
      roles: member.roles,
      grants: member.grants ?? [],
      displayName: member.displayName,
      orgIds: member.orgIds,
      notices: [],
      openCases: await openCasesOf(openid),
    };
  },

  async listInvites(input, ctx) {
    const reach = await inviteReach(ctx, input.orgId);
    const now = ctx.now();
    // Pending ones are unused and unexpired; revoked ones expire at revocation, so this leaves them out too.
    const filter: Record<string, unknown> = input.includeDone ? { createdAt: _.lte(now) } : { usedBy: null, expiresAt: _.gt(now) };
    if (reach) filter.orgIds = _.in(reach);
    const { data } = await db.collection<InviteDoc>('invites').where(filter).orderBy('createdAt', 'desc').limit(MAX_INVITES).get();
    // An invite naming several units shows to a supervisor only when every one is hers: she could not revoke it otherwise.
    const mine = reach ? data.filter((d) => d.orgIds.every((o) => reach.includes(o))) : data;
    return { invites: mine.map((d) => toInvite(d, now)), units: await unitsInReach(ctx) };
  },

  async revokeInvite(input, ctx) {
    const code = input.code.toUpperCase();
    const now = ctx.now();
    const invite = (await getOrNull(db.collection('invites').doc(code))) as InviteDoc | null;
    const reach = await inviteReach(ctx, undefined);
    // Out of reach answers as missing, as for a code nobody issued.
    if (!invite || (reach && !invite.orgIds.every((o) => reach.includes(o)))) throw refuse('NOT_FOUND', 'invite_not_found', '没有这个邀请码');
    if (inviteState(invite, now) !== 'pending') throw refuse('INVALID_STATE', 'invite_not_pending', '邀请码已使用、已过期或已作废');
    // Expiring it at once also takes it out of the pending list's index range.
    const patch = { revokedAt: now, revokedBy: ctx.actor.openid, expiresAt: now };
    await db.collection('invites').doc(code).update({ data: patch });
    await audit(ctx, 'invite.revoke', code, { role: invite.role, orgIds: invite.orgIds }, invite.orgIds);
    return toInvite({ ...invite, ...patch }, now);
  },

  async listMembers(input, ctx) {
    const admin = ctx.actor.roles.includes('admin');
    const roots = input.orgId ? [input.orgId] : admin ? [] : unitsOf(ctx.actor.grants, 'supervisor');
    if (input.orgId) await assertOrgsInScope(ctx, [input.orgId]);
    const filter: Record<string, unknown> = input.includeInactive ? {} : { active: true };
    if (roots.length > 0) filter.orgIds = _.in(await subtreeIds(roots));
    else if (!admin) return { members: [], units: [] };
    const { data } = await db.collection<MemberDoc>('members').where(filter).orderBy('displayName', 'asc').limit(MAX_MEMBERS).get();
    return { members: data.map(toMember), units: await unitsInReach(ctx) };
  },

  async updateMember(input, ctx) {
    const doc = await loadMember(input.openid);
    await assertManages(ctx, doc, false);
    const before = grantsOfMember(doc);
    if (input.grants) {
      await assertOrgsExist(input.grants);
      await assertMayChangeGrants(ctx, before, input.grants);
    }
    const patch = {
      ...(input.grants && membership(mergeGrants(input.grants))),
      ...(input.displayName && { displayName: input.displayName }),
      ...(input.phone && protectPhone(input.phone)),
      updatedAt: ctx.now(),
    };
    await db.collection('members').doc(input.openid).update({ data: patch });
    const after = { ...doc, ...patch };
    await audit(ctx, 'member.update', input.openid, { before: auditView({ ...doc, grants: before }), after: auditView({ ...after, grants: grantsOfMember(after) }) });
    return toMember(after);
  },

  async deactivateMember(input, ctx) {
    const doc = await loadMember(input.openid);
    await assertManages(ctx, doc, true);
    if (input.openid === ctx.actor.openid) throw refuse('INVALID_STATE', 'self_deactivation', '不能停用自己的账号');
    await db.collection('members').doc(input.openid).update({ data: { active: false, updatedAt: ctx.now() } });
    await audit(ctx, 'member.deactivate', input.openid, { reason: input.reason, before: auditView({ ...doc, grants: grantsOfMember(doc) }) });
    return toMember({ ...doc, active: false });
  },
});
