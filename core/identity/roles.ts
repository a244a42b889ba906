/** The five roles the access rules speak of; a resident is anyone without a membership. */
export const ROLES = ['resident', 'advisor', 'staff', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '群众',
  advisor: '法律顾问',
  staff: '工作人员',
  supervisor: '负责人',
  admin: '管理员',
};

/** Roles that see the 管理 tab. */
export const WORKER_ROLES: readonly Role[] = ['advisor', 'staff', 'supervisor', 'admin'];

export function isWorker(roles: readonly Role[]): boolean {
  return roles.some((r) => WORKER_ROLES.includes(r));
}

/** Working roles, highest first: the one a person is named and acts by when several apply. */
export const WORKING_ROLE_RANK: readonly Role[] = ['admin', 'supervisor', 'staff', 'advisor'];

/** The caller's highest working role, or resident: what the ledger and 操作记录 name a person by. */
export function workingRole(roles: readonly Role[]): Role {
  return WORKING_ROLE_RANK.find((r) => roles.includes(r)) ?? 'resident';
}
