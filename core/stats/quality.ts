// The evaluation figures of 统计: 调解成功率, 回访 completion and 差评整改率. The database counts by
// plain fields (mediation outcome; return visit kind × status × rectified); the rates are decided here.

export interface QualityInput {
  /** Mediation cases received in the period, by recorded outcome (null: none recorded yet). */
  mediation: Array<{ outcome: string | null; count: number }>;
  /** Return visits of ratings given in the period, by kind, status and (once done) rectified. */
  returnVisits: Array<{ kind: string; status: string; rectified: boolean | null; count: number }>;
}

export interface Quality {
  mediationRecorded: number;
  mediationSucceeded: number;
  /** 调解成功率: 调解成功 over mediations with an outcome recorded. */
  mediationSuccessRate: number | null;
  returnVisits: number;
  returnVisitsDone: number;
  /** 回访完成率. */
  returnVisitsDoneRate: number | null;
  /** 差评 visited, and of those put right: 差评整改率. */
  dissatisfiedVisited: number;
  rectified: number;
  rectifiedRate: number | null;
  /** Satisfied ratings sampled for a third-party-style visit. */
  sampled: number;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function foldQuality(input: QualityInput): Quality {
  let mediationRecorded = 0;
  let mediationSucceeded = 0;
  for (const m of input.mediation) {
    if (m.outcome === 'success' || m.outcome === 'failure') mediationRecorded += m.count;
    if (m.outcome === 'success') mediationSucceeded += m.count;
  }
  let returnVisits = 0;
  let returnVisitsDone = 0;
  let dissatisfiedVisited = 0;
  let rectified = 0;
  let sampled = 0;
  for (const r of input.returnVisits) {
    returnVisits += r.count;
    if (r.status === 'done') returnVisitsDone += r.count;
    if (r.kind === 'sample') sampled += r.count;
    if (r.kind === 'dissatisfied' && r.status === 'done') {
      dissatisfiedVisited += r.count;
      if (r.rectified === true) rectified += r.count;
    }
  }
  return {
    mediationRecorded,
    mediationSucceeded,
    mediationSuccessRate: ratio(mediationSucceeded, mediationRecorded),
    returnVisits,
    returnVisitsDone,
    returnVisitsDoneRate: ratio(returnVisitsDone, returnVisits),
    dissatisfiedVisited,
    rectified,
    rectifiedRate: ratio(rectified, dissatisfiedVisited),
    sampled,
  };
}
