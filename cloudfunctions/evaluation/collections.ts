import { defineCollections } from '@core';

export const evaluationCollections = defineCollections([
  {
    name: 'return_visits',
    purpose: '回访 tasks: one per 差评 (不满意 or worse) or sampled satisfied rating, _id = the rating event’s id + "-rv"; for the handling unit’s supervisors, never its rated handler',
    indexes: [
      // evaluation.returnVisits: a supervisor's subtree, open first, soonest due first.
      { name: 'orgPath_status_dueAt', keys: [['orgPath', 1], ['status', 1], ['dueAt', 1]] },
      // An admin's: the whole county.
      { name: 'status_dueAt', keys: [['status', 1], ['dueAt', 1]] },
      // 统计: the return visits of ratings given in a period under a unit.
      { name: 'orgPath_createdAt', keys: [['orgPath', 1], ['createdAt', 1]] },
    ],
  },
  {
    name: 'service_ratings',
    purpose: '好差评 of an attended booking or an answered group question, _id = kind:subject id (once per event); read back by id to the person who rated only',
    indexes: [
      // 统计's 满意率 by what was rated: a unit's subtree (orgPath holds the unit itself), rated in a period.
      { name: 'orgPath_at', keys: [['orgPath', 1], ['at', 1]] },
    ],
  },
  {
    name: 'awareness_answers',
    purpose: '知晓率/首选率 questionnaire answers, _id = keyed hash (HMAC) of quarter and person, no openid: the unit lived in and three answers',
    indexes: [
      // evaluation.awareness: a unit's subtree (orgPath holds the unit itself) in a quarter.
      { name: 'orgPath_period', keys: [['orgPath', 1], ['period', 1]] },
    ],
  },
]);
