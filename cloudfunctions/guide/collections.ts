import { defineCollections } from '@core';

export const guideCollections = defineCollections([
  {
    name: 'guide_entries',
    purpose: '服务指南: _id = service; the center’s edited entry (a service with none shows the built-in default)',
    indexes: [],
  },
  {
    name: 'providers',
    purpose: 'the provider directory: lawyers and firms, notary offices, mediation committees and mediators, appraisal bodies, 基层法律服务所 (public facts)',
    indexes: [
      // guide.places: the active ones, of one township or all.
      { name: 'active_station', keys: [['active', 1], ['stationId', 1]] },
    ],
  },
]);
