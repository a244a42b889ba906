import * as z from 'zod/mini';
import { action } from '../api/action';
import { daysBetween, isDayKey } from '../clock';
import type { Access } from '../policy/policy';
import { TIERS } from '../org/tiers';
import { GRANT_ROLES, grantSchema } from './grants';
import { profileContracts } from './profile';
import { roleSchema, whoamiOutput } from './whoami';

export { roleSchema, whoamiOutput };
/** Roles an invite can grant: residents need none, they simply use the app. */
export const INVITABLE_ROLES = GRANT_ROLES;

const EVERYONE: Access = { resident: ['any'], advisor: ['any'], staff: ['any'], supervisor: ['any'], admin: ['any'] };
const ADMIN_OR_SUPERVISOR: Access = { admin: ['any'], supervisor: ['subtree'] };

/** Refusals shared by the actions that reach units and members (reason → code, and when). */
const IN_SCOPE = {
  unit_not_found: { code: 'NOT_FOUND', when: 'a unit named does not exist' },
  out_of_reach: { code: 'FORBIDDEN', when: 'a supervisor names a unit outside their subtree' },
} as const;
const MANAGES = {
  ...IN_SCOPE,
  member_not_found: { code: 'NOT_FOUND', when: 'no member has that openid' },
  lead_account: { code: 'FORBIDDEN', when: 'a supervisor acts on a supervisor, an admin or a member serving no unit: only admins may' },
  grant_out_of_reach: { code: 'FORBIDDEN', when: 'a supervisor adds or removes a grant on a unit outside their subtree' },
  role_not_grantable: { code: 'FORBIDDEN', when: 'a supervisor grants or removes a supervisor or admin role: only admins may' },
} as const;

const displayName = z.string().check(z.trim(), z.minLength(1, '请填写姓名'), z.maxLength(20, '姓名太长了'));
/** A mainland mobile number, as a member's phone is entered (invites, the import's people sheet). */
export const mobileSchema = z.string().check(z.trim(), z.regex(/^1\d{10}$/, '请填写11位手机号'));
const mobile = mobileSchema;
/** No 0/O/1/I/L: codes are read aloud and typed by people. */
export const INVITE_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** 31^8 ≈ 850 billion codes: unguessable for a week's validity, still short enough to type. */
export const INVITE_CODE_LENGTH = 8;
const orgId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '请选择单位'));
const openid = z.string().check(z.minLength(1), z.maxLength(64));

export const memberSchema = z.object({
  openid,
  /** Which role on which unit: what every scope is checked against. */
  grants: z.array(grantSchema),
  /** The roles and units of the grants, for display. */
  roles: z.array(roleSchema),
  orgIds: z.array(z.string()),
  displayName: z.string(),
  phone: z.string(),
  active: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;

/** Where an invite stands: waiting to be redeemed, redeemed, past its validity, or withdrawn by a manager. */
export const INVITE_STATES = ['pending', 'used', 'expired', 'revoked'] as const;
export type InviteState = (typeof INVITE_STATES)[number];

export const inviteSchema = z.object({
  code: z.string(),
  role: z.enum(GRANT_ROLES),
  orgIds: z.array(z.string()),
  note: z.string(),
  state: z.enum(INVITE_STATES),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Invite = z.infer<typeof inviteSchema>;

/** A unit the caller manages (an admin: every unit; a supervisor: her subtrees), for the pages' unit choices. */
export const unitRefSchema = z.object({ id: z.string(), name: z.string(), tier: z.enum(TIERS), parentId: z.nullable(z.string()) });
export type UnitRef = z.infer<typeof unitRefSchema>;

/** An invite's state at `now`: a revocation or a redemption settles it; otherwise its validity does. */
export function inviteState(invite: { usedBy: string | null; revokedAt?: Date | string | null; expiresAt: Date | string }, now: Date): InviteState {
  if (invite.usedBy) return 'used';
  if (invite.revokedAt) return 'revoked';
  return new Date(invite.expiresAt).getTime() < now.getTime() ? 'expired' : 'pending';
}

/** The audit log's filters: reads of personal data, member changes, refused calls. */
export const AUDIT_KINDS = ['personalData', 'members', 'refused'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
/** About a quarter: what a supervisor reviews at once; a longer look is several pages of quarters. */
export const MAX_AUDIT_DAYS = 92;
const auditDay = (what: string) => z.string().check(z.refine(isDayKey, `${what}不对，应为 YYYY-MM-DD`));

export const auditEntrySchema = z.object({
  id: z.string(),
  /** ISO time, and the same in Beijing time as people read it. */
  at: z.string(),
  when: z.string(),
  /** Name and role, e.g. 周明远（负责人）. */
  who: z.string(),
  what: z.string(),
  /** The case (by its code), member, unit or invite acted on. */
  subject: z.string(),
  /** Why, or what exactly: a reason given, a change made, a refusal's cause; phone numbers masked. */
  detail: z.string(),
  refused: z.boolean(),
  /** The same entry for machines: the act recorded (e.g. `case.contact.read`) and who did it. */
  act: z.string(),
  actor: z.string(),
  /** For a refused call: the action asked and the real cause (a refusal reason); else null. */
  refusal: z.nullable(z.object({ action: z.string(), cause: z.string() })),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const identityContracts = {
  whoami: action({
    summary: "The caller's openid, roles and the org units they serve.",
    input: z.strictObject({}),
    output: whoamiOutput,
    access: EVERYONE,
    write: false,
    refusals: {},
  }),
  createInvite: action({
    summary: 'Create a one-time invite code that makes its redeemer a member with a role in given org units.',
    input: z.strictObject({
      role: z.enum(INVITABLE_ROLES),
      orgIds: z.array(orgId).check(z.minLength(1, '请选择所属单位'), z.maxLength(10, '单位太多了')),
      note: z.optional(z.string().check(z.maxLength(50, '备注太长了'))),
      validDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(30, '邀请码最长30天有效')), 7),
    }),
    output: z.object({ code: z.string(), expiresAt: z.string() }),
    access: ADMIN_OR_SUPERVISOR,
    write: true,
    refusals: {
      ...IN_SCOPE,
      role_not_grantable: { code: 'FORBIDDEN', when: 'a supervisor invites a supervisor or an admin: only admins appoint them' },
      no_free_code: { code: 'CONFLICT', when: 'every fresh code drawn was taken (practically never): try again' },
    },
  }),
  redeemInvite: action({
    summary: 'Redeem an invite code: the caller becomes (or extends their membership as) the invited role.',
    input: z.strictObject({
      code: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9]{8}$/, '邀请码是8位字母或数字')),
      displayName,
      phone: mobile,
    }),
    output: whoamiOutput,
    access: EVERYONE,
    write: true,
    refusals: {
      invite_invalid: { code: 'NOT_FOUND', when: 'no invite has that code, or it was redeemed already, or it is past its validity: all three answer alike, so guessing learns nothing' },
    },
    // A person types one code, perhaps mistyped a few times; 31^8 codes stay unguessable at 20 a day.
    rateLimit: { bucket: 'invite', perMinute: 5, perDay: 20 },
  }),
  listInvites: action({
    summary: 'Invites still waiting to be redeemed (with includeDone, also the used, expired and revoked ones) for units in the caller’s reach, newest first.',
    input: z.strictObject({ orgId: z.optional(orgId), includeDone: z._default(z.boolean(), false) }),
    output: z.object({ invites: z.array(inviteSchema), units: z.array(unitRefSchema) }),
    access: ADMIN_OR_SUPERVISOR,
    write: false,
    refusals: IN_SCOPE,
  }),
  revokeInvite: action({
    summary: 'Withdraw an invite nobody has redeemed yet: its code stops working at once.',
    input: z.strictObject({ code: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9]{8}$/, '邀请码是8位字母或数字')) }),
    output: inviteSchema,
    access: ADMIN_OR_SUPERVISOR,
    write: true,
    refusals: {
      invite_not_found: { code: 'NOT_FOUND', when: 'no invite has that code, or it names a unit outside a supervisor’s subtree' },
      invite_not_pending: { code: 'INVALID_STATE', when: 'the invite was redeemed, has expired or was revoked already' },
    },
  }),
  listMembers: action({
    summary: 'Members serving an org unit or its subtree (admins: all), and the units the caller manages.',
    input: z.strictObject({ orgId: z.optional(orgId), includeInactive: z._default(z.boolean(), false) }),
    output: z.object({ members: z.array(memberSchema), units: z.array(unitRefSchema) }),
    access: ADMIN_OR_SUPERVISOR,
    write: false,
    refusals: IN_SCOPE,
  }),
  updateMember: action({
    summary: "Change a member's grants (role × unit), name or phone; a supervisor changes only advisor and staff grants in their subtree.",
    input: z.strictObject({
      openid,
      /** The member's whole new list of grants. */
      grants: z.optional(z.array(grantSchema).check(z.minLength(1, '请至少保留一项授权'), z.maxLength(30, '授权太多了'))),
      displayName: z.optional(displayName),
      phone: z.optional(mobile),
    }),
    output: memberSchema,
    access: ADMIN_OR_SUPERVISOR,
    write: true,
    refusals: MANAGES,
  }),
  deactivateMember: action({
    summary: 'End a membership (the person becomes a resident again); history keeps their name.',
    input: z.strictObject({ openid, reason: z.string().check(z.trim(), z.minLength(1, '请填写原因'), z.maxLength(100)) }),
    output: memberSchema,
    access: ADMIN_OR_SUPERVISOR,
    write: true,
    refusals: { ...MANAGES, self_deactivation: { code: 'INVALID_STATE', when: 'the caller tries to end their own membership' } },
  }),
  auditLog: action({
    summary:
      'The audit log, newest first, a page at a time: who saw personal data, changed members or was refused, when and why. A supervisor sees the entries of units in their subtree (the acting member’s units, the units a change or refused call named, the unit of a case looked at or reached for); admins see all. Entries written before units were recorded are the admins’ only.',
    input: z
      .strictObject({
        from: auditDay('开始日期'),
        to: auditDay('结束日期'),
        /** A unit in the caller's reach and those under it; without it, all the caller reaches. */
        orgId: z.optional(orgId),
        what: z.optional(z.enum(AUDIT_KINDS)),
        /** The previous page's nextCursor. */
        cursor: z.optional(z.string().check(z.regex(/^\d{1,15}_[A-Za-z0-9_-]{1,64}$/, '翻页位置不对'))),
      })
      .check(
        z.refine((v) => v.from <= v.to, { message: '开始日期不能晚于结束日期', params: { rule: 'from_after_to' } }),
        z.refine((v) => !isDayKey(v.from) || !isDayKey(v.to) || v.from > v.to || daysBetween(v.from, v.to) < MAX_AUDIT_DAYS, {
          message: '一次最多查看92天，请缩短时间段',
          params: { rule: 'period_too_long' },
        }),
      ),
    output: z.object({ entries: z.array(auditEntrySchema), nextCursor: z.nullable(z.string()) }),
    access: ADMIN_OR_SUPERVISOR,
    write: false,
    refusals: IN_SCOPE,
  }),
  // 我的 and 首页 of a resident (U1): core/identity/profile.ts.
  ...profileContracts,
};
