// 好差评 beyond the case: an attended booking (rated by its holder after check-in) and an answered
// group question (rated by its asker). One rating per event, on the same model as a case's 评价;
// the person served reads back what they said, and a 差评 gives the serving unit's supervisors a
// 回访 task that the rated worker never gets.
import { refuse } from '../api/errors';
import { describeRating, readRating, type Rating, type RatingInput } from './rating';

export const RATED_SUBJECTS = ['booking', 'question'] as const;
export type RatedSubject = (typeof RATED_SUBJECTS)[number];
export const RATED_SUBJECT_LABELS: Record<RatedSubject, string> = { booking: '预约服务', question: '群里提问' };

/** A service event as the evaluation function reads it off the booking or the group message. */
export interface ServedEvent {
  kind: RatedSubject;
  id: string;
  /** The unit that served, and its ancestors (their supervisors do the 回访). */
  orgId: string;
  orgPath: string[];
  /** How a 回访 task names it, without the resident's name: `预约服务 12月3日 09:00`. */
  label: string;
  /** The case the event opened (a booking's check-in, a converted question), if any. */
  caseId: string | null;
  /** Who was served and may rate it: the booker and the applicant who claimed it; the asker. */
  raters: string[];
  /** The workers who served: they never get the 回访 nor learn who rated them. */
  servedBy: string[];
  /** Attended (checked in) or answered: there is a service to rate. */
  served: boolean;
}

/** The `service_ratings` document: _id `<kind>:<subject id>`, so an event is rated once. */
export interface ServiceRatingDoc extends Rating {
  _id: string;
  kind: RatedSubject;
  subjectId: string;
  orgId: string;
  /** The unit with its ancestors, for figures by unit. */
  orgPath: string[];
  /** The person who rated: read back to them only, never shown to the rated worker. */
  by: string;
  /** Always the person served here: a worker's entry for a walk-in is a case's, marked there. */
  enteredBy: 'self';
  at: Date;
}

export const ratingIdOf = (kind: RatedSubject, subjectId: string) => `${kind}:${subjectId}`;

export const SERVICE_RATING_REFUSALS = {
  subject_not_found: { code: 'NOT_FOUND', when: 'no such booking or question, or one the caller was not served by (answered alike)' },
  not_served_yet: { code: 'INVALID_STATE', when: 'a booking not checked in, or a question nobody has answered yet' },
  already_rated: { code: 'INVALID_STATE', when: 'the event was already rated: once per event' },
} as const;

/** The rating the person served gives an event, checked; throws a coded refusal. */
export function rateService(event: ServedEvent | null, rater: string, input: RatingInput, at: Date, already: boolean): ServiceRatingDoc {
  if (!event || !event.raters.includes(rater)) throw refuse('NOT_FOUND', 'subject_not_found', '没有找到这次服务');
  if (!event.served) throw refuse('INVALID_STATE', 'not_served_yet', event.kind === 'booking' ? '到场签到后才能评价' : '有人解答后才能评价');
  if (already) throw refuse('INVALID_STATE', 'already_rated', '您已经评价过了');
  const rating = readRating(input);
  return {
    _id: ratingIdOf(event.kind, event.id),
    kind: event.kind,
    subjectId: event.id,
    orgId: event.orgId,
    orgPath: [...new Set([...event.orgPath, event.orgId])],
    by: rater,
    enteredBy: 'self',
    at,
    ...rating,
  };
}

/** What the person served reads back: their own words, one line. */
export function ownRatingView(doc: ServiceRatingDoc) {
  return {
    kind: doc.kind,
    subjectId: doc.subjectId,
    satisfaction: doc.satisfaction,
    dimensions: doc.dimensions,
    solved: doc.solved,
    comment: doc.comment,
    text: describeRating(doc),
    at: new Date(doc.at).toISOString(),
  };
}
