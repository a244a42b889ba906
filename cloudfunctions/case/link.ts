import { apply, linkApplicant, refuse, toSummary, type caseContracts, type CaseState } from '@core';
import { audit, auditedRefusal } from '../_runtime/audit';
import { db } from '../_runtime/cloud';
import { isDuplicateKey, isTransactionConflict } from '../_runtime/db-errors';
import type { Handler } from '../_runtime/function';
import { lookupHash } from '../_runtime/protect';
import { actingActor } from './reach';
import type { CaseDoc, StoredEvent } from './store';

type Contracts = typeof caseContracts;

/** One answer for a code nobody has and a phone that is not the case's: a code reveals nothing. */
const noMatch = () => refuse('NOT_FOUND', 'no_match', '没有找到，请核对编号和办事时留的电话');

/** Whether the phone typed is the one the case was filed with: by keyed hash, or as stored before protection. */
function phoneMatches(doc: CaseDoc, phone: string): boolean {
  const { phoneHash, phone: stored } = doc.applicant;
  return phoneHash ? phoneHash === lookupHash('phone', phone) : stored === phone.replace(/[\s-]/g, '');
}

/**
 * 关联: a case filed for the caller without their WeChat (window, 12348, a 代办) becomes theirs to
 * follow in 办事进度, by its code and the phone it was filed with. The link is one ledger event
 * written beside the case in one transaction, its id the case's next version, so a command landing
 * at the same moment makes one of the two fail rather than both write.
 */
export const link: Handler<Contracts['link']> = async (input, ctx) => {
  const { data } = await db.collection<CaseDoc>('cases').where({ code: input.code }).limit(1).get();
  const doc = data[0];
  if (!doc) throw auditedRefusal(noMatch(), { cause: 'case_not_found' });
  if (!phoneMatches(doc, input.phone)) throw auditedRefusal(noMatch(), { cause: 'phone_mismatch', subject: doc._id, units: [doc.orgId] });
  const now = ctx.now();
  const state = doc as unknown as CaseState;
  const event = linkApplicant(state, { ...actingActor(ctx, doc.applicant.name), role: 'resident', name: doc.applicant.name }, now);
  if (event === 'already_linked') {
    throw auditedRefusal(refuse('CONFLICT', 'already_linked', '这件事已经关联到另一个微信，请联系办理单位'), { cause: 'already_linked', subject: doc._id, units: [doc.orgId] });
  }
  if (event === null) return toSummary(doc, { now });
  const next = apply(state, event);
  const seq = doc.version + 1;
  const stored: StoredEvent = { ...event, _id: `${doc._id}-${String(seq).padStart(6, '0')}`, caseId: doc._id, seq };
  try {
    await db.runTransaction(async (tx) => {
      await tx.collection('case_events').add({ data: stored });
      await tx.collection('cases').doc(doc._id).update({ data: { applicant: next.applicant, version: next.version, lastEventAt: next.lastEventAt } });
    }, 0);
  } catch (err) {
    if (isDuplicateKey(err) || isTransactionConflict(err)) throw refuse('CONFLICT', 'concurrent_change', '刚好有人在处理这件事，请再试一次');
    throw err;
  }
  await audit(ctx, 'case.link', doc._id, { code: doc.code }, [doc.orgId]);
  return toSummary({ ...doc, ...next } as CaseDoc, { now });
};
