import { evaluationContracts } from '@core';
import { defineFunction } from '../_runtime/function';
import { assessment } from './assessment';
import { answerAwareness, awareness, awarenessSurvey } from './awareness';
import { myRatings, rate } from './ratings';
import { recordReturnVisit, returnVisits } from './return-visits';
import { thirdPartySample } from './sample';

/** evaluation: 好差评 of bookings and group questions, 回访, the 知晓率/首选率 questionnaire, the third-party sample and the 示范点 score. */
export const main = defineFunction('evaluation', evaluationContracts, {
  returnVisits,
  recordReturnVisit,
  selfAssessment: assessment,
  rate,
  myRatings,
  awarenessSurvey,
  answerAwareness,
  awareness,
  thirdPartySample,
});
