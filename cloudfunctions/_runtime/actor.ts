import { grantsOfLegacyMember, rolesOfGrants, unitsOf, type Grant, type RedeemedInvite, type Role } from '@core';
import { db } from './cloud';

/** Who is calling, resolved from the platform's OPENID and the members collection only. */
export interface Actor {
  openid: string;
  roles: Role[];
  /** Which role on which unit: every scope check reads these (core/policy). */
  grants: Grant[];
  /** Every unit of the grants, for display and defaults; never a scope. */
  orgIds: string[];
  displayName: string | null;
}

/** A members document as stored: `grants` is the truth; `roles` and `orgIds` are derived for the index and display. */
export interface MemberDoc {
  _id: string;
  grants?: Grant[];
  roles: Role[];
  orgIds: string[];
  displayName: string;
  phone: string;
  active: boolean;
  createdAt?: Date;
  updatedAt?: Date;
}

/** A member's grants as stored; a record from before grants reads as what it granted (every role on every unit). */
export function grantsOfMember(doc: Pick<MemberDoc, 'grants' | 'roles' | 'orgIds'>): Grant[] {
  return doc.grants ?? grantsOfLegacyMember(doc, []);
}

/** The derived fields stored beside grants, so the `orgIds` index keeps serving unit queries. */
export function membership(grants: readonly Grant[]): { grants: Grant[]; roles: Role[]; orgIds: string[] } {
  return { grants: [...grants], roles: rolesOfGrants(grants), orgIds: unitsOf(grants) };
}

/** The first admins come from the function environment, so a new deployment can bootstrap itself. */
function bootstrapAdmins(): Set<string> {
  return new Set(
    (process.env.ADMIN_OPENIDS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** Invites redeemed reach back to 2026: a member has redeemed a handful. */
const INVITES_PER_MEMBER = 100;

/**
 * A member stored before grants existed gets them once, from the invites they redeemed
 * (core's grantsOfLegacyMember), and keeps them: the next call reads grants as stored.
 */
async function migrated(member: MemberDoc): Promise<Grant[]> {
  if (member.grants) return member.grants;
  const { data } = await db.collection<RedeemedInvite & { _id: string }>('invites').where({ usedBy: member._id }).limit(INVITES_PER_MEMBER).get();
  const grants = grantsOfLegacyMember(member, data);
  await db.collection('members').doc(member._id).update({ data: membership(grants) });
  return grants;
}

export async function loadActor(openid: string): Promise<Actor> {
  const res = await db.collection<MemberDoc>('members').where({ _id: openid }).limit(1).get();
  return actorOf(openid, res.data[0]);
}

/** The caller from their member record as just read (none for a resident); an inactive member acts as nobody's member. */
export async function actorOf(openid: string, record: MemberDoc | null | undefined): Promise<Actor> {
  const member = record?.active ? record : undefined;
  const grants = member ? await migrated(member) : [];
  const roles = new Set<Role>(rolesOfGrants(grants));
  if (bootstrapAdmins().has(openid)) roles.add('admin');
  if (roles.size === 0) roles.add('resident');
  return { openid, roles: [...roles], grants, orgIds: unitsOf(grants), displayName: member?.displayName ?? null };
}
