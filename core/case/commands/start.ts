// 开始办理.
import { moveTo } from '../ledger';
import type { Applier, Decider } from '../types';

export const decideStart: Decider<'start'> = (_state, _command, base) => ({ ...base, type: 'started', visibility: 'applicant', data: {} });

export const applyStarted: Applier<'started'> = (state, event) => ({ ...state, status: moveTo(state, event, 'start', 'inProgress') });
