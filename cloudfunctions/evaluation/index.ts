import { evaluationContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { assessment } from './assessment';
import { recordReturnVisit, returnVisits } from './return-visits';

/** evaluation: 回访 (return visits) after ratings; surveys, complaints and the 示范点 score to follow. */
export const main = defineFunction('evaluation', evaluationContracts, { returnVisits, recordReturnVisit, selfAssessment: assessment });
