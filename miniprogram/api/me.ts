import { isWorker, ROLE_LABELS, type Role } from '@core';

/** Whether this person works here, remembered from their last whoami so the tab bar can show 管理 at once. */
const WORKER_KEY = 'me.worker';
/** The roles 管理 last read, so a staff page can leave out a link its reader may not follow (core mayOpen). */
const ROLES_KEY = 'me.roles';

export function rememberRoles(roles: readonly Role[]): void {
  wx.setStorageSync(ROLES_KEY, [...roles]);
}

export function rememberedRoles(): Role[] {
  const roles: unknown = wx.getStorageSync(ROLES_KEY);
  return Array.isArray(roles) ? (roles as Role[]) : [];
}

export function rememberWorker(worker: boolean): boolean {
  wx.setStorageSync(WORKER_KEY, worker);
  return worker;
}

export function isRememberedWorker(): boolean {
  return wx.getStorageSync(WORKER_KEY) === true;
}

/** What 首页 and 我的 show of the caller: their roles in plain words, and whether they work here (remembered for the tab bar). */
export function describeRoles(roles: readonly Role[]): { roleText: string; worker: boolean } {
  return { roleText: roles.map((r) => ROLE_LABELS[r]).join('、'), worker: rememberWorker(isWorker(roles)) };
}
