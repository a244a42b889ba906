// 登记机构已受理: the handler records the day the outside body accepted the matter, as the body
// told them; the body's own statutory period starts that day (e.g. 公证法 Art. 30: 15 working days
// from acceptance), and the resident is told when to expect the outcome.
import { isDayKey, shanghaiDay } from '../../clock';
import { OUTSIDE_BODIES } from '../categories';
import { stay } from '../ledger';
import { badInput, corrupt } from '../refusals';
import type { Applier, Decider } from '../types';

export const decideRecordAcceptance: Decider<'recordAcceptance'> = (state, command, base) => {
  const referral = state.referral!; // the guard refuses a case not referred
  const day = command.acceptedOn;
  // Accepted after it was referred and not later than today: the handler records what happened.
  if (!isDayKey(day) || day < shanghaiDay(referral.referredAt) || day > shanghaiDay(base.at)) {
    throw badInput('受理日期应在转交之后、今天之前', 'acceptance_date');
  }
  const simplified = command.simplified === true && OUTSIDE_BODIES[referral.body].period?.simplified != null;
  return { ...base, type: 'outsideAccepted', visibility: 'applicant', data: { body: referral.body, acceptedOn: day, simplified } };
};

export const applyOutsideAccepted: Applier<'outsideAccepted'> = (state, event) => {
  stay(state, event, 'recordAcceptance');
  const referral = state.referral ?? null;
  if (!referral || referral.acceptedOn !== null || referral.body !== event.data.body) throw corrupt(event, state);
  return { ...state, referral: { ...referral, acceptedOn: event.data.acceptedOn, simplified: event.data.simplified } };
};
