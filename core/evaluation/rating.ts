// The one rating model every service event shares (好差评): a resolved case, an attended booking, an
// answered group question, a closed legal-aid case. Each feature stores a `Rating` on its own record
// and calls `readRating` to check what the person served sent; 满意率 and 回访 read the same fields.
import { refuse, type AppError } from '../api/errors';

/** 好差评's five levels, 5 best. */
export type RatingLevel = 1 | 2 | 3 | 4 | 5;

export const RATING_LEVEL_LABELS: Record<RatingLevel, string> = {
  1: '非常不满意',
  2: '不满意',
  3: '基本满意',
  4: '满意',
  5: '非常满意',
};

/** The dimensions a resident may rate besides the overall level (each optional). */
export const RATING_DIMENSIONS = ['attitude', 'speed', 'professionalism'] as const;
export type RatingDimension = (typeof RATING_DIMENSIONS)[number];
export const RATING_DIMENSION_LABELS: Record<RatingDimension, string> = {
  attitude: '服务态度',
  speed: '办理速度',
  professionalism: '专业水平',
};

export type RatingDimensions = Partial<Record<RatingDimension, RatingLevel>>;

export interface RatingInput {
  satisfaction: number;
  dimensions?: Partial<Record<RatingDimension, number>>;
  /** 问题解决了吗: absent when the resident skipped the question. */
  solved?: boolean;
  comment?: string;
}

export interface Rating {
  satisfaction: RatingLevel;
  dimensions: RatingDimensions;
  solved: boolean | null;
  comment: string;
}

export const RATING_COMMENT_MAX = 200;

/** Refusal reasons this model raises, for contracts to list. */
export const RATING_REFUSALS = {
  satisfaction_range: { code: 'VALIDATION_FAILED', when: 'a satisfaction that is not a whole number from 1 to 5' },
  dimension_range: { code: 'VALIDATION_FAILED', when: 'a dimension rated outside 1 to 5, or one the survey does not ask' },
  text_too_long: { code: 'VALIDATION_FAILED', when: 'a comment longer than 200 characters' },
} as const;

export function isRatingLevel(value: unknown): value is RatingLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

function bad(reason: keyof typeof RATING_REFUSALS, message: string): AppError {
  return refuse('VALIDATION_FAILED', reason, message);
}

/** What the person served sent, checked and normalised; throws VALIDATION_FAILED with a reason. */
export function readRating(input: RatingInput): Rating {
  if (!isRatingLevel(input.satisfaction)) throw bad('satisfaction_range', '请选择1到5分的满意度');
  const dimensions: RatingDimensions = {};
  for (const [key, value] of Object.entries(input.dimensions ?? {})) {
    if (value === undefined) continue;
    if (!(RATING_DIMENSIONS as readonly string[]).includes(key) || !isRatingLevel(value)) {
      throw bad('dimension_range', '请为每一项选择1到5分');
    }
    dimensions[key as RatingDimension] = value;
  }
  const comment = (input.comment ?? '').trim();
  if (comment.length > RATING_COMMENT_MAX) throw bad('text_too_long', '评价内容太长了');
  return { satisfaction: input.satisfaction, dimensions, solved: input.solved ?? null, comment };
}

/** 满意: 满意 or 非常满意. */
export function isSatisfied(level: number): boolean {
  return level >= 4;
}

/** 不满意 or worse calls for a return visit (回访) by the handling unit's supervisor. */
export function needsReturnVisit(level: number): boolean {
  return level >= 1 && level <= 2;
}

/** One line for a timeline or the ledger: `不满意；问题未解决；服务态度5分、办理速度2分：等太久`. */
export function describeRating(r: Pick<Rating, 'satisfaction' | 'comment'> & Partial<Pick<Rating, 'dimensions' | 'solved'>>): string {
  const parts: string[] = [RATING_LEVEL_LABELS[r.satisfaction]];
  if (r.solved === true) parts.push('问题已解决');
  if (r.solved === false) parts.push('问题未解决');
  const dims = RATING_DIMENSIONS.filter((d) => r.dimensions?.[d] !== undefined).map((d) => `${RATING_DIMENSION_LABELS[d]}${r.dimensions?.[d]}分`);
  if (dims.length > 0) parts.push(dims.join('、'));
  return parts.join('；') + (r.comment ? `：${r.comment}` : '');
}
