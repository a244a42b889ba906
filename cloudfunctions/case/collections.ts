import { defineCollections } from '@core';

export const caseCollections = defineCollections([
  {
    name: 'cases',
    purpose: 'work orders (工单): the projection of each case’s events, with its deadline and org path for queues',
    indexes: [
      { name: 'code', keys: [['code', 1]], unique: true },
      { name: 'applicant_lastEvent', keys: [['applicant.openid', 1], ['lastEventAt', -1]] },
      { name: 'proxy_lastEvent', keys: [['proxy.openid', 1], ['lastEventAt', -1]] },
      { name: 'org_status', keys: [['orgId', 1], ['status', 1], ['dueAt', 1]] },
      { name: 'orgPath_status', keys: [['orgPath', 1], ['status', 1]] },
      { name: 'handler_status', keys: [['handler.openid', 1], ['status', 1]] },
      { name: 'firstHandler_status', keys: [['firstHandler.openid', 1], ['status', 1]] },
      { name: 'transferTo', keys: [['transfer.toOrgId', 1]] },
      { name: 'status_due', keys: [['status', 1], ['dueAt', 1]] },
      { name: 'receivedAt', keys: [['receivedAt', 1]] },
      // The ledger and the statistics board: a unit's subtree over a period of receipt.
      { name: 'org_received', keys: [['orgId', 1], ['receivedAt', 1]] },
      { name: 'orgPath_received', keys: [['orgPath', 1], ['receivedAt', 1]] },
      // 指引服务转化率: follow-on cases by the earlier case's unit and time of receipt.
      { name: 'followOf_received', keys: [['followOf.units', 1], ['followOf.receivedAt', 1]] },
    ],
  },
  {
    name: 'case_events',
    purpose: 'append-only timeline of every case = the service ledger (台账); _id = caseId + sequence',
    indexes: [
      { name: 'case_seq', keys: [['caseId', 1], ['seq', 1]], unique: true },
      { name: 'at', keys: [['at', 1]] },
    ],
  },
]);
