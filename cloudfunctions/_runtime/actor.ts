import type { Role } from '@core';
import { db } from './cloud';

/** Who is calling, resolved from the platform's OPENID and the members collection only. */
export interface Actor {
  openid: string;
  roles: Role[];
  orgIds: string[];
  displayName: string | null;
}

interface MemberDoc {
  _id: string;
  roles: Role[];
  orgIds: string[];
  displayName: string;
  active: boolean;
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

export async function loadActor(openid: string): Promise<Actor> {
  const res = await db.collection<MemberDoc>('members').where({ _id: openid }).limit(1).get();
  const member = res.data[0];
  const roles = new Set<Role>(member?.active ? member.roles : []);
  if (bootstrapAdmins().has(openid)) roles.add('admin');
  if (roles.size === 0) roles.add('resident');
  return {
    openid,
    roles: [...roles],
    orgIds: member?.active ? member.orgIds : [],
    displayName: member?.active ? member.displayName : null,
  };
}
