// 分流: change category, priority or unit before anyone has signed for the case.
import { CATEGORY_INFO, priorityFor } from '../categories';
import { text } from '../input';
import { stay } from '../ledger';
import { badInput } from '../refusals';
import type { Applier, Decider, EventData } from '../types';

export const decideTriage: Decider<'triage'> = (state, command, base) => {
  const data: EventData['triaged'] = {};
  if (command.category !== undefined && command.category !== state.category) {
    data.category = command.category;
    data.limit = command.limit ?? CATEGORY_INFO[command.category].limit;
  }
  if (command.priorityGroups !== undefined) {
    data.priorityGroups = [...new Set(command.priorityGroups)];
    data.priority = priorityFor(data.priorityGroups);
  }
  if (command.orgId !== undefined && command.orgId !== state.orgId) data.orgId = text(command.orgId, '承办单位', 40);
  if (Object.keys(data).length === 0) throw badInput('这件事已经在这个单位了，请选另一个单位', 'triage_unchanged');
  // Seed 002 §(五): the resident is told of progress at every step, routing included.
  return { ...base, type: 'triaged', visibility: 'applicant', data };
};

/** Only what the event names changes; a new category brings its own time limit. */
export const applyTriaged: Applier<'triaged'> = (state, event) => {
  stay(state, event, 'triage');
  const d = event.data;
  return {
    ...state,
    ...(d.category !== undefined ? { category: d.category } : {}),
    ...(d.limit !== undefined ? { clock: { ...state.clock, limit: d.limit } } : {}),
    ...(d.priorityGroups !== undefined ? { priorityGroups: d.priorityGroups } : {}),
    ...(d.priority !== undefined ? { priority: d.priority } : {}),
    ...(d.orgId !== undefined ? { orgId: d.orgId } : {}),
  };
};
