import { isDayKey, shanghaiDay } from '../clock';
import { CATEGORY_INFO, categoryOfPrefix, type CaseCategory } from './categories';

/**
 * 一案一码: prefix + Beijing date + daily sequence per prefix, e.g. TJ202611220007.
 *
 * No check character: the code is read out over the 12348 line and copied by elderly residents,
 * and every shorter code is easier to say; a mistyped code can only reach a case the caller's
 * scope already allows (the policy checks every read), so a check digit would buy little.
 *
 * The sequence is 4 digits, growing to 5 or 6 rather than failing intake if a prefix ever
 * passes 9999 cases in a day — the date is fixed-width, so the code still parses unambiguously.
 */
export interface CaseCodeParts {
  category: CaseCategory;
  prefix: string;
  /** Beijing day, 'YYYY-MM-DD'. */
  day: string;
  sequence: number;
}

export const MAX_SEQUENCE = 999_999;

const CODE = /^([A-Z]{2})(\d{4})(\d{2})(\d{2})(\d{4}|[1-9]\d{4,5})$/;

function compactDay(at: Date): string {
  return shanghaiDay(at).replaceAll('-', '');
}

/**
 * The `counters` document id the persistence layer increments atomically (an upsert with $inc):
 * one counter per prefix and Beijing day, so the sequence restarts daily without a reset job.
 */
export function counterKey(category: CaseCategory, at: Date): string {
  return `case-${CATEGORY_INFO[category].prefix}-${compactDay(at)}`;
}

/** `sequence` is the counter's value after the increment, starting at 1. */
export function formatCaseCode(category: CaseCategory, at: Date, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_SEQUENCE) {
    throw new RangeError(`Case sequence out of range: ${sequence}`);
  }
  return `${CATEGORY_INFO[category].prefix}${compactDay(at)}${String(sequence).padStart(4, '0')}`;
}

/** The parts of a well-formed code, or null: a lookup box should say "编号不对" rather than throw. */
export function parseCaseCode(code: string): CaseCodeParts | null {
  const match = CODE.exec(code.trim().toUpperCase());
  if (!match) return null;
  const [, prefix = '', year = '', month = '', date = '', seq = ''] = match;
  const category = categoryOfPrefix(prefix);
  if (!category) return null;
  const day = `${year}-${month}-${date}`;
  if (!isDayKey(day)) return null;
  const sequence = Number(seq);
  if (sequence < 1) return null;
  return { category, prefix, day, sequence };
}
