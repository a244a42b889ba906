// The service figures of 统计 beyond the case tallies: 指引服务转化率, the median handling time,
// legal aid, bookings and group questions. As for the board, the database only counts documents
// by plain fields or fixed-width bins; what counts as converted, granted or a no-show, and every
// median, is decided here.
import { CASE_CATEGORIES, type CaseCategory } from '../case/categories';
import { CASE_STATUSES, type CaseStatus } from '../case/statuses';

/** 指引: a 咨询 answers a question; the services it may lead to are the formal ones. */
export const GUIDANCE_CATEGORIES: readonly CaseCategory[] = ['consultation'];
/** 正式服务: what a resident asks a unit to do for them. A 投诉 is about a service, not one. */
export const FORMAL_CATEGORIES: readonly CaseCategory[] = CASE_CATEGORIES.filter((c) => c !== 'consultation' && c !== 'complaint');
/** A follow-on converts its 咨询 unless it was refused (不予受理): a withdrawn one was still asked for. */
export const CONVERTING_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'rejected');

/** A bin of a histogram: values from `from` (inclusive) for `width`, in the histogram's unit. */
export interface Bin {
  from: number;
  count: number;
}

/**
 * The median of values known only by their bins, by the usual formula for grouped data: the bin
 * holding the middle value, and the way into it in proportion to how far the middle is through
 * its count (L + (n/2 − F) / f × w). CloudBase's aggregation has no median (no $median, no
 * $percentile), and reading every duration to sort them would move a year of cases out of the
 * database; counting them by whole day (or hour) is one cheap $group, and the median from those
 * counts is off by less than one bin.
 */
export function medianOfBins(bins: readonly Bin[], width = 1): number | null {
  const sorted = bins.filter((b) => b.count > 0).sort((a, b) => a.from - b.from);
  const n = sorted.reduce((sum, b) => sum + b.count, 0);
  if (n === 0) return null;
  const middle = n / 2;
  let before = 0;
  for (const bin of sorted) {
    if (before + bin.count >= middle) return bin.from + ((middle - before) / bin.count) * width;
    before += bin.count;
  }
  return null; // unreachable: the last bin always reaches n
}

/** A bar of a chart: a range of values, its label and how many fell in it. */
export interface Bar {
  label: string;
  count: number;
}

/** Whole-unit bins folded into the few ranges a chart shows ([from, next from), the last open-ended). */
export function barsOf(bins: readonly Bin[], ranges: ReadonlyArray<{ from: number; label: string }>): Bar[] {
  return ranges.map((r, i) => {
    const to = ranges[i + 1]?.from ?? Infinity;
    return { label: r.label, count: bins.filter((b) => b.from >= r.from && b.from < to).reduce((sum, b) => sum + b.count, 0) };
  });
}

/** Handling days as people group them: the same day, within a working week, a fortnight, a month. */
export const HANDLING_RANGES = [
  { from: 0, label: '当天' },
  { from: 1, label: '1-2天' },
  { from: 3, label: '3-6天' },
  { from: 7, label: '7-14天' },
  { from: 15, label: '15-29天' },
  { from: 30, label: '30天以上' },
] as const;

/** First-answer hours: the promise is the next working day by noon. */
export const ANSWER_RANGES = [
  { from: 0, label: '1小时内' },
  { from: 1, label: '1-3小时' },
  { from: 4, label: '4-23小时' },
  { from: 24, label: '1-2天' },
  { from: 48, label: '2天以上' },
] as const;

export interface ServicesInput {
  /** 咨询 received in the period under the unit (the board's byCategory). */
  guidance: number;
  /**
   * 咨询 received in the period under the unit that a formal follow-on case names (GUIDANCE_CATEGORIES
   * → FORMAL_CATEGORIES, in CONVERTING_STATUSES), each once: the database counts them with these lists.
   */
  converted: number;
  /** 办结 cases received in the period, by whole days from receipt to 办结 (null: resolved before days were kept, or not resolved). */
  handling: Array<{ days: number | null; count: number }>;
  /** Legal-aid applications filed in the period, by decision, whole days to it, and verification result. */
  legalAid: Array<{ granted: boolean | null; days: number | null; verification: string | null; count: number }>;
  /** Bookings for days in the period, by status. */
  bookings: Array<{ status: string; count: number }>;
  /** Questions asked in the period, by whole hours to the first answer (null: not answered). */
  questions: Array<{ hours: number | null; count: number }>;
}

export interface Services {
  guidance: number;
  guidanceConverted: number;
  /** 指引服务转化率: 咨询 that some formal follow-on case (not refused) names, over 咨询 received. */
  conversionRate: number | null;
  /** 办结 cases with their handling days kept, and the median of those days. */
  handled: number;
  medianHandlingDays: number | null;
  handlingBars: Bar[];
  aidApplications: number;
  aidGranted: number;
  aidRefused: number;
  /** Median whole days from application to decision, over the decided. */
  aidMedianDecisionDays: number | null;
  verificationPending: number;
  verificationConfirmed: number;
  verificationFalse: number;
  /** Appointments made (a rescheduled one counts once, as its replacement). */
  booked: number;
  bookingsCancelled: number;
  bookingsUpcoming: number;
  attended: number;
  missed: number;
  /** 爽约率: missed over the appointments whose time came (attended or missed). */
  noShowRate: number | null;
  questionsAsked: number;
  questionsAnswered: number;
  medianAnswerHours: number | null;
  answerBars: Bar[];
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const sum = <T>(rows: readonly T[], pick: (row: T) => boolean, count: (row: T) => number) => rows.filter(pick).reduce((s, r) => s + count(r), 0);
const binsOf = <T extends { count: number }>(rows: readonly T[], value: (row: T) => number | null): Bin[] =>
  rows.flatMap((r) => {
    const v = value(r);
    return v === null || v < 0 ? [] : [{ from: v, count: r.count }];
  });

export function foldServices(input: ServicesInput): Services {
  const handlingBins = binsOf(input.handling, (h) => h.days);
  const decided = input.legalAid.filter((a) => a.granted !== null);
  const byStatus = (status: string) => sum(input.bookings, (b) => b.status === status, (b) => b.count);
  const attended = byStatus('attended');
  const missed = byStatus('missed');
  const answerBins = binsOf(input.questions, (q) => q.hours);
  const verification = (result: string) => sum(input.legalAid, (a) => a.verification === result, (a) => a.count);
  return {
    guidance: input.guidance,
    // Never above the 咨询 counted: a follow-on of a 咨询 outside the unit's own cases cannot lift it.
    guidanceConverted: Math.min(input.converted, input.guidance),
    conversionRate: ratio(Math.min(input.converted, input.guidance), input.guidance),
    handled: handlingBins.reduce((s, b) => s + b.count, 0),
    medianHandlingDays: medianOfBins(handlingBins),
    handlingBars: barsOf(handlingBins, HANDLING_RANGES),
    aidApplications: sum(input.legalAid, () => true, (a) => a.count),
    aidGranted: sum(decided, (a) => a.granted === true, (a) => a.count),
    aidRefused: sum(decided, (a) => a.granted === false, (a) => a.count),
    aidMedianDecisionDays: medianOfBins(binsOf(decided, (a) => a.days)),
    verificationPending: verification('pending'),
    verificationConfirmed: verification('confirmed'),
    verificationFalse: verification('false'),
    // A rescheduled booking was replaced by another for the new time: that one is the appointment.
    booked: sum(input.bookings, (b) => b.status !== 'rescheduled', (b) => b.count),
    bookingsCancelled: byStatus('cancelled'),
    bookingsUpcoming: byStatus('booked'),
    attended,
    missed,
    noShowRate: ratio(missed, attended + missed),
    questionsAsked: sum(input.questions, () => true, (q) => q.count),
    questionsAnswered: answerBins.reduce((s, b) => s + b.count, 0),
    medianAnswerHours: medianOfBins(answerBins),
    answerBars: barsOf(answerBins, ANSWER_RANGES),
  };
}

/** A day in ms, for the aggregation's day bins. */
export const STATS_DAY_MS = 86_400_000;

/** "2.5天" for a median in days; "—" when there was nothing to take it of. */
export function daysText(days: number | null): string {
  return days === null ? '—' : `${(Math.round(days * 10) / 10).toFixed(1)}天`;
}

/** "3.2小时" for a median in hours; "—" when nothing was answered. */
export function hoursText(hours: number | null): string {
  return hours === null ? '—' : `${(Math.round(hours * 10) / 10).toFixed(1)}小时`;
}
