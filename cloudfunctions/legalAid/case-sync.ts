import { AppError, type AidActor, type AidCommand, type WorkCalendar } from '@core';
import { log } from '../_runtime/log';
import { pathOf } from '../_runtime/orgs';
import { runCommand } from '../case/store';
import type { AidDoc } from './store';

const SYSTEM = { openid: 'system', role: 'system', name: '系统', orgIds: [] as string[] } as const;

/**
 * The steps after which the case may have something to record: the decision (grant, refuse), a
 * withdrawal (by the applicant, or deemed when materials are late), and dispatch, which records
 * a decision whose first recording was lost.
 */
const SYNCED: ReadonlySet<AidCommand['type']> = new Set(['grant', 'refuse', 'withdraw', 'expireMaterials', 'dispatch']);

/**
 * What the case (one code, one 台账 row) records of its legal-aid record: the post's decision as
 * its 办结, so the center's 7-day clock (Art 43) stops there and 工作台/统计 stop counting it as
 * open; a withdrawal as its withdrawal. The lawyer's work after a grant is followed on the
 * legal-aid record. It runs after the legal-aid step commits, as its own case command: a case
 * that already records it refuses (INVALID_STATE) and stays as it is; any other failure is
 * logged, and the next dispatch records it.
 */
export async function syncCase(doc: AidDoc, step: AidCommand['type'], at: Date, calendar: WorkCalendar, by?: AidActor): Promise<void> {
  if (!SYNCED.has(step)) return;
  // The applicant's own withdrawal is theirs on the case too; a deemed one (materials late) is the timer's.
  const actor = step === 'withdraw' && by ? { openid: by.openid, role: by.role, name: by.name, orgIds: [...by.orgIds] } : SYSTEM;
  const command =
    doc.status === 'withdrawn'
      ? ({ type: 'withdraw', reason: step === 'withdraw' ? '申请人撤回法律援助申请' : '逾期未补齐材料，法律援助申请视为撤回' } as const)
      : doc.decision
        ? ({
            type: 'recordAidDecision',
            granted: doc.decision.granted,
            result: doc.decision.granted ? '决定给予法律援助，由法律援助机构指派律师承办，承办进展见"法律援助"。' : `决定不予法律援助：${doc.decision.reasons}`,
          } as const)
        : null;
  if (!command) return;
  try {
    await runCommand(doc.caseId, command, at, { calendar, actorFor: () => actor, pathOf });
  } catch (err) {
    if (err instanceof AppError && err.code === 'INVALID_STATE') return;
    log('error', 'legal-aid decision not recorded on its case', { caseId: doc.caseId, step, error: String(err) });
  }
}
