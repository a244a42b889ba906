// 满意率 by what was rated (好差评): cases (the residents' own, and those a worker recorded for a
// walk-in, apart), attended bookings and answered group questions (service_ratings), and legal aid,
// whose rating is the 受援人's of the lawyer's work at closing (on the legal_aid record). The
// database counts by plain fields (level, kind; a legal-aid record's status, lawyer and rating);
// what is rated, 满意 and rateable is decided here.
import { isSatisfied } from '../evaluation/rating';
import { aidRateable, tallyOf, type AidOutcomeCount, type OutcomeCount } from './board';

/** Ratings of bookings and group questions given in the period, by kind and level. */
export interface ServiceRatingCount {
  kind: string;
  satisfaction: number;
  count: number;
}

export interface RatedLine {
  /** What could be rated: cases 办结, legal aid whose lawyer's work closed; null for events rated when served (bookings, questions). */
  rateable: number | null;
  rated: number;
  satisfied: number;
  /** 满意 or 非常满意 over rated. */
  satisfiedRate: number | null;
}

export interface SatisfactionByKind {
  /** Cases other than legal aid, rated by the applicant side themselves. */
  cases: RatedLine;
  /** Cases of walk-ins with no WeChat, whose rating a worker recorded: apart, outside 满意率. */
  casesByWorker: RatedLine;
  /** Legal aid: the 受援人's rating of the lawyer's work. */
  legalAid: RatedLine;
  bookings: RatedLine;
  questions: RatedLine;
}

export interface SatisfactionInput {
  outcomes: readonly OutcomeCount[];
  aid: readonly AidOutcomeCount[];
  services: readonly ServiceRatingCount[];
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const line = (rateable: number | null, rated: number, satisfied: number): RatedLine => ({ rateable, rated, satisfied, satisfiedRate: ratio(satisfied, rated) });

export function foldSatisfaction(input: SatisfactionInput): SatisfactionByKind {
  const cases = { rateable: 0, rated: 0, satisfied: 0, byWorker: 0, satisfiedByWorker: 0 };
  for (const o of input.outcomes) {
    const t = tallyOf(o);
    cases.rateable += t.rateable ?? 0;
    cases.rated += t.evaluated ?? 0;
    cases.satisfied += t.satisfied ?? 0;
    cases.byWorker += t.evaluatedByWorker ?? 0;
    cases.satisfiedByWorker += t.satisfiedByWorker ?? 0;
  }
  const aid = { rateable: 0, rated: 0, satisfied: 0 };
  for (const a of input.aid) {
    // The decided legal-aid cases are among the cases' 办结: theirs is the lawyer's rating.
    if (a.decided) cases.rateable -= a.count;
    if (aidRateable(a)) aid.rateable += a.count;
    if ((a.satisfaction ?? 0) > 0) aid.rated += a.count;
    if (isSatisfied(a.satisfaction ?? 0)) aid.satisfied += a.count;
  }
  const service = (kind: string) => {
    const rows = input.services.filter((s) => s.kind === kind);
    return line(
      null,
      rows.reduce((s, r) => s + r.count, 0),
      rows.filter((r) => isSatisfied(r.satisfaction)).reduce((s, r) => s + r.count, 0),
    );
  };
  return {
    cases: line(cases.rateable, cases.rated, cases.satisfied),
    casesByWorker: line(null, cases.byWorker, cases.satisfiedByWorker),
    legalAid: line(aid.rateable, aid.rated, aid.satisfied),
    bookings: service('booking'),
    questions: service('question'),
  };
}
