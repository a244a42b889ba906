import { mayCall } from '../policy/policy';
import type { Role } from '../identity/roles';
import { FUNCTIONS, type FunctionName } from './registry';

type ActionOf<F extends FunctionName> = keyof (typeof FUNCTIONS)[F] & string;
type Door = { [F in FunctionName]: readonly [F, ActionOf<F>] }[FunctionName];

/**
 * Each staff page and the action without which it is a dead end: 管理 and 工作台 offer a page
 * only to a caller whose roles that action's contract admits, so nobody fills in a form to hear
 * "您没有权限" at the end. The function's own access rule is the one source; no page keeps a list.
 */
export const STAFF_DOORS = {
  '/admin/case/workbench/index': ['case', 'workbench'],
  '/admin/case/register/index': ['case', 'register'],
  '/admin/case/ledger/index': ['case', 'ledger'],
  '/admin/stats/index': ['stats', 'board'],
  '/admin/booking/appointments/index': ['booking', 'dayBookings'],
  '/admin/booking/schedule/index': ['booking', 'saveSchedule'],
  '/admin/identity/audit/index': ['identity', 'auditLog'],
  '/admin/identity/invites/index': ['identity', 'createInvite'],
  '/admin/identity/members/index': ['identity', 'listMembers'],
  '/admin/org/units/index': ['org', 'save'],
  '/admin/guide/edit/index': ['guide', 'saveEntry'],
  '/admin/calendar/index': ['calendar', 'saveYear'],
  '/admin/notify/alerts/index': ['notify', 'alerts'],
  '/admin/legal-aid/queue/index': ['legalAid', 'queue'],
  '/admin/legal-aid/settings/index': ['legalAid', 'settings'],
  '/admin/guide/providers/index': ['guide', 'providers'],
  '/admin/org/edit/index': ['org', 'save'],
  '/admin/evaluation/visits/index': ['evaluation', 'returnVisits'],
  '/admin/group/workspace/index': ['group', 'workspace'],
} as const satisfies Record<string, Door>;

export type StaffPage = keyof typeof STAFF_DOORS;

/** Whether a person with these roles gets anything but a refusal on the page. */
export function mayOpen(roles: readonly Role[], page: StaffPage): boolean {
  const [fn, action] = STAFF_DOORS[page] as Door;
  const contract = (FUNCTIONS[fn] as Record<string, { access: Parameters<typeof mayCall>[1] }>)[action];
  return contract !== undefined && mayCall({ openid: '', roles, grants: [] }, contract.access);
}
