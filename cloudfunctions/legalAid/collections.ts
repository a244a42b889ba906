import { defineCollections } from '@core';

export const legalAidCollections = defineCollections([
  {
    name: 'legal_aid',
    purpose: 'the legal-aid record beside each legal-aid case (_id = caseId): its own steps, named clocks, decision, lawyer, objection, verification (with the data sources’ answers), rating, 回访 and timeline',
    indexes: [
      { name: 'status_due', keys: [['status', 1], ['nextDueAt', 1]] },
      { name: 'station_status', keys: [['stationOrgId', 1], ['status', 1]] },
      { name: 'applicantIds', keys: [['applicantIds', 1], ['lastAt', -1]] },
      { name: 'objectionPending', keys: [['objectionPending', 1], ['lastAt', -1]] },
      { name: 'verificationPending', keys: [['verificationPending', 1], ['lastAt', -1]] },
      { name: 'returnVisitPending', keys: [['returnVisitPending', 1], ['lastAt', -1]] },
      { name: 'receivedAt', keys: [['receivedAt', 1]] },
    ],
  },
  { name: 'legal_aid_drafts', purpose: 'one application draft per person (_id = openid) and the step it stopped at; no household or ID data' },
  { name: 'legal_aid_settings', purpose: 'the county’s legal-aid settings (_id = current): covered matters, lifted limits, hardship standard, verification share, aid and 司法局 posts' },
  {
    name: 'legal_aid_bars',
    purpose: 'people an earlier promise was found false against (Art 64): the promise route is closed to them (_id = openid)',
  },
]);
