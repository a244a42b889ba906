/**
 * The delivery rules the notify and timer functions follow: when a notice may go (quiet hours),
 * whether a consent allows a send, and what each platform answer means. The functions only
 * record what happened; these decide.
 */
import { addDays, dayStart, formatShanghai, shanghaiDay } from '../clock';

/** 22:00–08:00 Beijing: nothing non-urgent is sent; it waits for 08:00. */
export const QUIET_FROM_HOUR = 22;
export const QUIET_UNTIL_HOUR = 8;
const HOUR_MS = 3_600_000;

export function isQuietHour(at: Date): boolean {
  const hour = Number(formatShanghai(at, 'H'));
  return hour >= QUIET_FROM_HOUR || hour < QUIET_UNTIL_HOUR;
}

/** The earliest time a notice may be sent at or after `at`: urgent ones at once, others outside quiet hours. */
export function sendableAt(at: Date, urgent: boolean): Date {
  if (urgent || !isQuietHour(at)) return at;
  const day = shanghaiDay(at);
  const morning = Number(formatShanghai(at, 'H')) >= QUIET_FROM_HOUR ? addDays(day, 1) : day;
  return new Date(dayStart(morning).getTime() + QUIET_UNTIL_HOUR * HOUR_MS);
}

/** What WeChat's requestSubscribeMessage answered for one template. */
export const SUBSCRIBE_ANSWERS = ['accept', 'reject', 'ban', 'filter', 'acceptWithAlert', 'acceptWithAudio', 'acceptWithForcePush'] as const;
export type SubscribeAnswer = (typeof SUBSCRIBE_ANSWERS)[number];

/** One person's consent for one template, as the `subscriptions` ledger keeps it. */
export interface Consent {
  /** Unused one-time consents: each allows one message. */
  credits: number;
  /** A long-term template's consent, once accepted, stays. */
  longTermOn: boolean;
  /** WeChat answered 43101 (refused or cancelled) or the platform banned it: no send until a new accept. */
  stopped: boolean;
}

export const NO_CONSENT: Consent = { credits: 0, longTermOn: false, stopped: false };

export function isAccept(answer: SubscribeAnswer): boolean {
  return answer.startsWith('accept');
}

/** The ledger after one answer: an accept adds a credit (or turns long-term on) and lifts a stop; a ban stops. */
export function applyConsent(before: Consent, answer: SubscribeAnswer, longTerm: boolean): Consent {
  if (isAccept(answer)) return longTerm ? { ...before, longTermOn: true, stopped: false } : { ...before, credits: before.credits + 1, stopped: false };
  if (answer === 'ban') return { credits: 0, longTermOn: false, stopped: true };
  // reject: no new consent, the ones given before still stand; filter: WeChat dropped a duplicate title.
  return before;
}

export function maySend(consent: Consent, longTerm: boolean): boolean {
  if (consent.stopped) return false;
  return longTerm ? consent.longTermOn : consent.credits > 0;
}

/** How a send attempt ended, as the outbox records it. */
export type SendOutcome = 'sent' | 'no_consent' | 'refused' | 'invalid_data' | 'quota' | 'retry' | 'failed' | 'lost';

export const MAX_ATTEMPTS = 5;
const MINUTE_MS = 60_000;

/** 1, 2, 4, 8 … minutes after the n-th failed attempt, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60 * MINUTE_MS, MINUTE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface SendVerdict {
  outcome: SendOutcome;
  /** Stop this template for this person until they consent again (43101). */
  stopTemplate: boolean;
  /** Tell staff: our data or configuration is wrong (47003 data, 40037 template, 41030 page). */
  alert: boolean;
  /** The consent spent on the attempt comes back: WeChat did not deliver and did not count it. */
  refund: boolean;
  /** When to try again; null = done. */
  retryAt: Date | null;
}

/**
 * What a send's errcode means (subscribeMessage.send's error table): 0 sent; 43101 the person
 * refused or the consent is used up — stop the template; 47003/40037/41030 our data or setup is
 * wrong — alert staff, never retry the same data; 45009/45011 quota — retry after the quota
 * resets; system errors (-1, 43108 concurrent sends, network) — back off and retry, a few times.
 */
export function verdictOf(errcode: number, attempts: number, now: Date): SendVerdict {
  if (errcode === 0) return { outcome: 'sent', stopTemplate: false, alert: false, refund: false, retryAt: null };
  if (errcode === 43101) return { outcome: 'refused', stopTemplate: true, alert: false, refund: false, retryAt: null };
  if (errcode === 47003 || errcode === 40037 || errcode === 41030) return { outcome: 'invalid_data', stopTemplate: false, alert: true, refund: true, retryAt: null };
  if (errcode === 45009 || errcode === 45011) {
    // The daily quota resets at midnight; the per-minute one in a minute. Either way the next morning is safe for non-urgent mail.
    const retryAt = errcode === 45011 ? new Date(now.getTime() + MINUTE_MS) : sendableAt(dayStart(addDays(shanghaiDay(now), 1)), false);
    return { outcome: 'quota', stopTemplate: false, alert: errcode === 45009, refund: true, retryAt };
  }
  if (errcode === 40003) return { outcome: 'failed', stopTemplate: false, alert: false, refund: true, retryAt: null };
  if (attempts >= MAX_ATTEMPTS) return { outcome: 'failed', stopTemplate: false, alert: true, refund: true, retryAt: null };
  return { outcome: 'retry', stopTemplate: false, alert: false, refund: true, retryAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}
