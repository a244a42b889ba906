// 转交受理机构: the handler hands the matter to the outside body that decides it (公证处, 仲裁委,
// 复议机关 …). The center's own clock stops here: its commitment was to refer in time; whatever
// the body takes after is the body's statutory period, shown to the resident, never judged.
import { CATEGORY_INFO } from '../categories';
import { stay } from '../ledger';
import { badInput } from '../refusals';
import type { Applier, Decider } from '../types';

export const decideRefer: Decider<'refer'> = (state, command, base) => {
  if (!CATEGORY_INFO[state.category].bodies.includes(command.body)) {
    throw badInput(`${CATEGORY_INFO[state.category].label}不能转交给这个机构`, 'body_not_for_category');
  }
  // The resident is told who has the matter now (and the body's period, in the view).
  return { ...base, type: 'referred', visibility: 'applicant', data: { body: command.body } };
};

export const applyReferred: Applier<'referred'> = (state, event) => {
  stay(state, event, 'refer');
  return { ...state, referral: { body: event.data.body, referredAt: event.at, acceptedOn: null, simplified: false } };
};
