import { parseCountyCommitments, type CountyCommitments } from '@core';

/**
 * This county's own time-limit commitments where they differ from core's table (CASE_COMMITMENTS,
 * JSON by category, docs/time-limits.md); read per call, so a changed setting applies to new cases.
 */
export function countyCommitments(): CountyCommitments {
  return parseCountyCommitments(process.env.CASE_COMMITMENTS);
}
