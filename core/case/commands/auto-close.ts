// 结案: a resolved case nobody rated within AUTO_CLOSE_DAYS is closed by the timer, unrated (never
// a default rating: 评价率 counts it as resolved and not rated, 满意率 does not see it at all).
import { moveTo } from '../ledger';
import type { Applier, Decider } from '../types';

/**
 * Days after 办结 a case waits for its rating: the invitation comes a day after and its one
 * reminder a week after (core/notify SURVEY_ROUNDS), so a resident has another week after the
 * reminder. A county commitment, not a statute.
 */
export const AUTO_CLOSE_DAYS = 15;
export const AUTO_CLOSE_MS = AUTO_CLOSE_DAYS * 86_400_000;

export const decideAutoClose: Decider<'autoClose'> = (_state, _command, base) => ({ ...base, type: 'autoClosed', visibility: 'applicant', data: { days: AUTO_CLOSE_DAYS } });

export const applyAutoClosed: Applier<'autoClosed'> = (state, event) => ({ ...state, status: moveTo(state, event, 'autoClose', 'closed') });
