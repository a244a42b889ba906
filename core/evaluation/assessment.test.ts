import { selfAssessment, type AssessmentFacts } from './assessment';

const full: AssessmentFacts = {
  services: 3,
  servicesExpected: 3,
  workers: 2,
  noticeFilled: 5,
  noticeFields: 5,
  received: 10,
  ledgerComplete: 10,
  resolved: 8,
  onTime: 8,
  overdue: 0,
  rated: 4,
  satisfied: 4,
};

describe('the 示范点 self-assessment', () => {
  it('gives 100 to a unit meeting every criterion, at province level', () => {
    expect(selfAssessment(full)).toMatchObject({ score: 100, level: 'province' });
  });

  it('drops with an incomplete 台账 and says what is missing', () => {
    const a = selfAssessment({ ...full, ledgerComplete: 8 });
    expect(a.score).toBe(96);
    expect(a.items.find((i) => i.criterion === 'ledger')?.missing).toEqual(['2件台账记录不完整（无接待人员或办结结果）']);
  });

  it('drops with time limits missed, an overdue open case counting as late', () => {
    const a = selfAssessment({ ...full, onTime: 6, overdue: 2 });
    // 6 on time of 8 resolved + 2 overdue: 20 × 0.6 = 12.
    expect(a.score).toBe(92);
    expect(a.level).toBe('city');
    expect(a.items.find((i) => i.criterion === 'timeLimits')?.missing).toEqual(['2件超期办结', '2件超期未办结']);
  });

  it('weighs by the county’s criteria', () => {
    const a = selfAssessment({ ...full, rated: 0, satisfied: 0 }, { services: 20, staffing: 20, notice: 20, ledger: 20, timeLimits: 20, satisfaction: 0, publicity: 0 });
    expect(a.score).toBe(100);
  });
});
