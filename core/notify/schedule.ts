/** The periods the timer function runs and scans by (cloudfunctions/timer). */
const DAY_MS = 86_400_000;

/** The trigger's period: a job's key is its name and the 2-minute window it ran in. */
export const TIMER_WINDOW_MS = 2 * 60_000;
/**
 * How far back a run looks for a deadline that passed: well over the period, so a run or two lost
 * costs nothing, and short, so a case is not looked at again all day (each look is a write its
 * dedupe key turns away).
 */
export const TIMER_LOOKBACK_MS = 60 * 60_000;
/** The rating invitation a day after 办结, and one reminder a week after, to a case nobody rated. */
export const SURVEY_ROUNDS = [
  { round: 1, afterMs: DAY_MS },
  { round: 2, afterMs: 7 * DAY_MS },
] as const;
