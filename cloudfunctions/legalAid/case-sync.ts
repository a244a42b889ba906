import { AppError, caseStepFor, type AidActor, type AidCommand, type WorkCalendar } from '@core';
import { log } from '../_runtime/log';
import { pathOf } from '../_runtime/orgs';
import { runCommand } from '../case/store';
import type { AidDoc } from './store';

const SYSTEM = { openid: 'system', role: 'system', name: '系统', orgIds: [] as string[] } as const;

/**
 * Records on the case what its legal-aid record now says (core caseStepFor). It runs after the
 * legal-aid step commits, as its own case command: a case that already records it refuses
 * (INVALID_STATE) and stays as it is; any other failure is logged, and the next dispatch records it.
 */
export async function syncCase(doc: AidDoc, step: AidCommand['type'], at: Date, calendar: WorkCalendar, by?: AidActor): Promise<void> {
  const command = caseStepFor(doc, step);
  if (!command) return;
  // The applicant's own withdrawal is theirs on the case too; a deemed one (materials late) is the timer's.
  const actor = step === 'withdraw' && by ? { openid: by.openid, role: by.role, name: by.name, orgIds: [...by.orgIds] } : SYSTEM;
  try {
    await runCommand(doc.caseId, command, at, { calendar, actorFor: () => actor, pathOf });
  } catch (err) {
    if (err instanceof AppError && err.code === 'INVALID_STATE') return;
    log('error', 'legal-aid decision not recorded on its case', { caseId: doc.caseId, step, error: String(err) });
  }
}
