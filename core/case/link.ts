// 关联: a resident takes into 办事进度 a case filed for them at the window, by 12348 or by a 代办
// without their WeChat, by its code and the phone it was filed with (the function compares the
// phone's keyed hash). Recorded in the ledger like every change, so replay still rebuilds the case.
import * as z from 'zod/mini';
import { actorOf } from './input';
import type { Actor, CaseEventOf, CaseState } from './types';

declare module './types' {
  interface EventData {
    /** 关联: the applicant, filed for without their WeChat, linked the case to their own by code and phone. */
    applicantLinked: { openid: string };
  }
}

/** What linking may meet once the code and phone have matched. */
export const LINK_REFUSALS = {
  no_match: { code: 'NOT_FOUND', when: 'no case has that code, or the phone is not the one it was filed with: both answer alike, so guessing learns nothing (both are audited)' },
  already_linked: { code: 'CONFLICT', when: 'the case is already linked to another WeChat user: the center can sort it out' },
  concurrent_change: { code: 'CONFLICT', when: 'someone changed the case at the same moment: try again' },
} as const;

/** case.link's contract but its output (the case summary, which contracts.ts adds). */
export const linkContract = {
  summary:
    'A resident takes into 办事进度 a case filed for them (at the window, by 12348, by a 代办) by its code and the phone it was filed with (compared by keyed hash); the case is then theirs to follow, supply and rate. Recorded in the ledger (applicantLinked) and audited.',
  input: z.strictObject({
    code: z.string().check(z.trim(), z.regex(/^[A-Z]{2}\d{12,14}$/, '案件编号格式不对')),
    phone: z.string().check(z.trim(), z.regex(/^[0-9-]{5,20}$/, '请填写办事时留的电话')),
  }),
  // Everyone, for a case of their own (its phone is theirs): what makes it theirs to follow.
  access: { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] },
  write: true,
  idempotentBy: 'the case: linking it again changes nothing',
  refusals: LINK_REFUSALS,
  // Codes are sequential and phones few: trying many is someone mapping other people's cases.
  rateLimit: { bucket: 'case_link', perMinute: 5, perDay: 20 },
} as const;

/**
 * The event that links the caller as the applicant, or null when they are linked already; a case
 * linked to someone else is refused (the caller is told to ask the center, never whose it is).
 */
export function linkApplicant(state: CaseState, actor: Actor, at: Date): CaseEventOf<'applicantLinked'> | null | 'already_linked' {
  if (state.applicant.openid === actor.openid) return null;
  if (state.applicant.openid !== null) return 'already_linked';
  // Never dated before the last event: the ledger reads top to bottom.
  const when = new Date(Math.max(at.getTime(), state.lastEventAt.getTime()));
  return { type: 'applicantLinked', at: when, actor: actorOf(actor), visibility: 'applicant', data: { openid: actor.openid } };
}

export function applyApplicantLinked(state: CaseState, event: CaseEventOf<'applicantLinked'>): CaseState {
  return { ...state, applicant: { ...state.applicant, openid: event.data.openid } };
}
