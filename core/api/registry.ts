import type { Contracts } from './action';
import { bookingContracts } from '../booking/contracts';
import { calendarContracts } from '../calendar/contracts';
import { caseContracts } from '../case/contracts';
import { groupContracts } from '../group/contracts';
import { guideContracts } from '../guide/contracts';
import { identityContracts } from '../identity/contracts';
import { notifyContracts } from '../notify/contracts';
import { legalAidContracts } from '../legal-aid/contracts';
import { orgContracts } from '../org/contracts';
import { privacyContracts } from '../privacy/contracts';
import { statsContracts } from '../stats/contracts';
import { evaluationContracts } from '../evaluation/contracts';
import { timerContracts } from '../timer';

/**
 * Every cloud function and its actions: the single source for the functions' dispatch, the client
 * and docs/api.md. A key here is a feature's one name: its core folder, its function, its page
 * folder and its test folder (test/repo/naming.repo.test.ts holds them to it).
 */
export const FUNCTIONS = {
  identity: identityContracts,
  org: orgContracts,
  case: caseContracts,
  booking: bookingContracts,
  stats: statsContracts,
  calendar: calendarContracts,
  privacy: privacyContracts,
  legalAid: legalAidContracts,
  notify: notifyContracts,
  timer: timerContracts,
  group: groupContracts,
  guide: guideContracts,
  evaluation: evaluationContracts,
} as const satisfies Record<string, Contracts>;

export type FunctionName = keyof typeof FUNCTIONS;
