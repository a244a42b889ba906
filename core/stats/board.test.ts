import { emptyTally, foldBoard, percentText, ratesOf, scoreText, type StatsOrg, type Tally } from './board';
import { foldSatisfaction } from './satisfaction';

const county: StatsOrg = { id: 'c', name: '县中心', parentId: null, path: [] };
const orgs: StatsOrg[] = [
  { id: 's1', name: '一镇工作站', parentId: 'c', path: ['c'] },
  { id: 's2', name: '二乡工作站', parentId: 'c', path: ['c'] },
  { id: 'r1', name: '甲村工作室', parentId: 's1', path: ['c', 's1'] },
  { id: 'r2', name: '乙村工作室', parentId: 's1', path: ['c', 's1'] },
];
const tally = (t: Partial<Tally>): Tally => ({ ...emptyTally(), ...t });

describe('foldBoard', () => {
  const board = foldBoard({
    scope: county,
    orgs,
    outcomes: [
      { orgId: 'r1', status: 'evaluated', closedInTime: true, satisfaction: 5, enteredBy: 'applicant', count: 1 },
      { orgId: 'r1', status: 'evaluated', closedInTime: true, satisfaction: 2, enteredBy: 'applicant', count: 1 },
      { orgId: 'r1', status: 'inProgress', closedInTime: null, satisfaction: null, enteredBy: null, count: 1 },
      { orgId: 'r2', status: 'accepted', closedInTime: null, satisfaction: null, enteredBy: null, count: 1 },
      { orgId: 'c', status: 'rejected', closedInTime: null, satisfaction: null, enteredBy: null, count: 1 },
      { orgId: 'c', status: 'withdrawn', closedInTime: null, satisfaction: null, enteredBy: null, count: 1 },
      { orgId: 'gone', status: 'resolved', closedInTime: false, satisfaction: null, enteredBy: null, count: 1 },
    ],
    overdue: [{ orgId: 'r2', count: 1 }],
    mix: [
      { channel: 'walkIn', category: 'mediation', priorityGroups: ['elderly', 'migrantWorker'], count: 1 },
      { channel: 'walkIn', category: 'mediation', priorityGroups: ['elderly'], count: 1 },
      { channel: 'walkIn', category: 'mediation', priorityGroups: [], count: 2 },
      { channel: 'miniprogram', category: 'mediation', priorityGroups: [], count: 2 },
      { channel: 'miniprogram', category: 'notary', priorityGroups: [], count: 1 },
    ],
  });

  it('rolls villages up into their station and keeps stations with nothing to report', () => {
    expect(board.units.map((u) => [u.orgId, u.name, u.received])).toEqual([
      ['c', '县中心（本级）', 2],
      ['s1', '一镇工作站', 4],
      ['s2', '二乡工作站', 0],
      ['gone', 'gone', 1], // a unit no longer in the tree still counts, by its id
    ]);
    expect(board.units.find((u) => u.orgId === 's1')).toMatchObject({ open: 2, overdue: 1, resolved: 2, onTime: 2, evaluated: 2, satisfied: 1, dissatisfied: 1 });
    expect(board.units.find((u) => u.orgId === 'gone')).toMatchObject({ resolved: 1, onTime: 0 });
  });

  it('gives the 司法局 under the center no row of the network, unless it holds cases (complaints)', () => {
    const bureau: StatsOrg = { id: 'b', name: '县司法局', parentId: 'c', path: ['c'], tier: 'bureau' };
    const fold = (outcomes: Parameters<typeof foldBoard>[0]['outcomes']) => foldBoard({ scope: county, orgs: [...orgs, bureau], outcomes, overdue: [], mix: [] });
    expect(fold([]).units.map((u) => u.orgId)).toEqual(['s1', 's2']);
    const complaint = fold([{ orgId: 'b', status: 'accepted', closedInTime: null, satisfaction: null, enteredBy: null, count: 1 }]);
    expect(complaint.units.map((u) => [u.orgId, u.name, u.received])).toEqual([
      ['s1', '一镇工作站', 0],
      ['s2', '二乡工作站', 0],
      ['b', '县司法局', 1],
    ]);
  });

  it('totals every row, so nothing drops out of the county figure', () => {
    expect(board.totals.received).toBe(7);
    expect(board.totals.received).toBe(board.units.reduce((sum, u) => sum + u.received, 0));
  });

  it('counts the green-channel cases once, however many groups they belong to', () => {
    expect(board.priority).toBe(2);
  });

  it('shows every service, channel and group of the catalogue, zeros included', () => {
    expect(board.byCategory.find((s) => s.key === 'mediation')).toEqual({ key: 'mediation', label: '人民调解', count: 6 });
    expect(board.byCategory.find((s) => s.key === 'legalAid')?.count).toBe(0);
    expect(board.byChannel.find((s) => s.key === 'walkIn')?.count).toBe(4);
    expect(board.byGroup.find((s) => s.key === 'elderly')?.count).toBe(2);
    expect(board.byGroup.find((s) => s.key === 'migrantWorker')?.count).toBe(1);
    expect(board.byGroup.find((s) => s.key === 'veteran')?.count).toBe(0);
  });
});

describe('ratings a worker recorded for a visitor', () => {
  const rated = (enteredBy: string | null, satisfaction: number, count = 1) => ({ orgId: 'r1', status: 'evaluated', closedInTime: true, satisfaction, enteredBy, count });
  const board = foldBoard({
    scope: county,
    orgs,
    outcomes: [rated('applicant', 5), rated('applicant', 2), rated('worker', 5, 3), rated('worker', 4), rated('worker', 1)],
    overdue: [],
    mix: [],
  });

  it('are counted apart and leave 评价率, 满意率 and the mean rating to the residents’ own', () => {
    expect(board.totals).toMatchObject({ resolved: 7, evaluated: 2, satisfied: 1, scoreSum: 7, evaluatedByWorker: 5, satisfiedByWorker: 4 });
    expect(percentText(board.totals.evaluatedRate)).toBe('28.6%');
    expect(percentText(board.totals.satisfiedRate)).toBe('50.0%');
    expect(scoreText(board.totals.averageScore)).toBe('3.5');
    expect(board.units.find((u) => u.orgId === 's1')).toMatchObject({ evaluated: 2, evaluatedByWorker: 5, satisfiedByWorker: 4, satisfiedRate: 0.5 });
  });

  it('still put a visitor’s 不满意 on the 需回访 count, whoever typed it in', () => {
    expect(board.totals.dissatisfied).toBe(2);
  });

  it('count as the residents’ own when unmarked (entered before ratings were marked)', () => {
    const old = foldBoard({ scope: county, orgs, outcomes: [rated(null, 5)], overdue: [], mix: [] });
    expect(old.totals).toMatchObject({ evaluated: 1, satisfied: 1, evaluatedByWorker: 0 });
  });
});

describe('legal aid', () => {
  // Three decided applications (their cases 办结 at the decision) beside a 咨询 rated 5: one closed
  // and rated 4 by the 受援人, one closed and not rated yet, one refused (no lawyer, nothing to rate).
  const outcomes = [
    { orgId: 'r1', status: 'resolved', closedInTime: true, satisfaction: null, enteredBy: null, count: 3 },
    { orgId: 'r2', status: 'evaluated', closedInTime: true, satisfaction: 5, enteredBy: 'applicant', count: 1 },
  ];
  const aid = [
    { orgId: 'r1', decided: true, status: 'closed', lawyered: true, satisfaction: 4, count: 1 },
    { orgId: 'r1', decided: true, status: 'closed', lawyered: true, satisfaction: null, count: 1 },
    { orgId: 'r1', decided: true, status: 'refused', lawyered: false, satisfaction: null, count: 1 },
    { orgId: 'r1', decided: false, status: 'underReview', lawyered: false, satisfaction: null, count: 1 },
  ];

  it('counts in 评价率 once the lawyer’s work closed, rated by the 受援人’s rating of it', () => {
    const board = foldBoard({ scope: county, orgs, outcomes, overdue: [], mix: [], aid });
    expect(board.totals).toMatchObject({ resolved: 4, rateable: 3, evaluated: 2, satisfied: 2, scoreSum: 9 });
    expect(percentText(board.totals.evaluatedRate)).toBe('66.7%');
    expect(board.units.find((u) => u.orgId === 's1')).toMatchObject({ rateable: 3, evaluated: 2 });
    // Without the legal-aid records the decisions would wait for a rating that never comes.
    expect(percentText(foldBoard({ scope: county, orgs, outcomes, overdue: [], mix: [] }).totals.evaluatedRate)).toBe('25.0%');
  });

  it('has its own line in 满意率 by what was rated, beside cases, bookings and questions', () => {
    const lines = foldSatisfaction({
      outcomes: [...outcomes, { orgId: 'r2', status: 'evaluated', closedInTime: true, satisfaction: 4, enteredBy: 'worker', count: 2 }],
      aid,
      services: [
        { kind: 'booking', satisfaction: 5, count: 3 },
        { kind: 'booking', satisfaction: 1, count: 1 },
        { kind: 'question', satisfaction: 3, count: 2 },
      ],
    });
    expect(lines).toEqual({
      cases: { rateable: 3, rated: 1, satisfied: 1, satisfiedRate: 1 },
      casesByWorker: { rateable: null, rated: 2, satisfied: 2, satisfiedRate: 1 },
      legalAid: { rateable: 2, rated: 1, satisfied: 1, satisfiedRate: 1 },
      bookings: { rateable: null, rated: 4, satisfied: 3, satisfiedRate: 0.75 },
      questions: { rateable: null, rated: 2, satisfied: 0, satisfiedRate: 0 },
    });
  });
});

describe('rates', () => {
  it('leaves withdrawn and rejected requests out of 办结率 and says "—" when there is nothing to divide', () => {
    const rates = ratesOf(tally({ received: 5, resolved: 2, rejected: 1, withdrawn: 1, onTime: 1, evaluated: 2, satisfied: 1, scoreSum: 7 }));
    expect(percentText(rates.resolvedRate)).toBe('66.7%');
    expect(percentText(rates.onTimeRate)).toBe('50.0%');
    expect(scoreText(rates.averageScore)).toBe('3.5');
    expect(ratesOf(emptyTally())).toEqual({ resolvedRate: null, onTimeRate: null, evaluatedRate: null, satisfiedRate: null, averageScore: null });
    expect(percentText(null)).toBe('—');
    expect(percentText(1)).toBe('100.0%');
  });
});
