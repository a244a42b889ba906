// 签收: the handler takes the case on; the signer becomes its handler.
import { moveTo } from '../ledger';
import type { Applier, Decider } from '../types';

export const decideAccept: Decider<'accept'> = (_state, _command, base) => ({
  ...base,
  type: 'accepted',
  visibility: 'applicant',
  data: { handler: { openid: base.actor.openid, name: base.actor.name } },
});

export const applyAccepted: Applier<'accepted'> = (state, event) => ({
  ...state,
  status: moveTo(state, event, 'accept', 'accepted'),
  handler: event.data.handler,
  firstHandler: state.firstHandler ?? event.data.handler,
});
