import type { InputOf, legalAidContracts } from '../../core';

export type Application = InputOf<(typeof legalAidContracts)['submit']>;

/** A migrant worker's legal-aid application for unpaid wages (Art 42 exemption), changed by `overrides`. */
export function application(overrides: Partial<Application> = {}): Application {
  return {
    answers: { local: true, noTestGround: 'none', ageBand: 'adult', groups: ['migrantWorker'], inHospital: false, exemption: 'migrantWorker' },
    applicantKind: 'self',
    applicantName: '刘建军',
    phone: '13700001111',
    representativeName: null,
    representativeRelation: null,
    helper: null,
    matter: 'labour',
    opponent: '青禾建筑公司',
    facts: '在工地干了三个月，工钱一直没结',
    urgent: false,
    route: 'exempt',
    household: null,
    promise: null,
    preferredLawyer: null,
    orgId: 'qs-dongpo',
    attachments: [],
    ...overrides,
  };
}
