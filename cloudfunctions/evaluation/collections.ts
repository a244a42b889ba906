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
]);
