import { barsOf, CONVERTING_STATUSES, FORMAL_CATEGORIES, foldServices, HANDLING_RANGES, medianOfBins } from './services';

describe('medianOfBins', () => {
  it('finds the middle through the bin that holds it (grouped-data median)', () => {
    // Five values, one in each of the bins 0, 1, 2, 4, 10: the middle (2.5th) is half-way through bin 2.
    expect(medianOfBins([10, 0, 4, 2, 1].map((from) => ({ from, count: 1 })))).toBe(2.5);
    // Three in bin 0 and one in bin 5: the middle (2nd) is two-thirds into bin 0.
    expect(medianOfBins([{ from: 5, count: 1 }, { from: 0, count: 3 }])).toBeCloseTo(2 / 3);
    expect(medianOfBins([{ from: 0, count: 3 }], 24)).toBe(12);
    expect(medianOfBins([])).toBeNull();
  });

  it('folds whole-day bins into the ranges a chart shows', () => {
    const bars = barsOf([0, 0, 2, 3, 6, 7, 40].map((from) => ({ from, count: 1 })), HANDLING_RANGES);
    expect(bars.map((b) => b.count)).toEqual([2, 1, 2, 1, 0, 1]);
  });
});

it('converts a 咨询 by a formal request, not by another 咨询 or a complaint, unless the request was refused', () => {
  expect(FORMAL_CATEGORIES).toEqual(expect.arrayContaining(['mediation', 'legalAid', 'lawyer']));
  expect(FORMAL_CATEGORIES).not.toEqual(expect.arrayContaining(['consultation']));
  expect(FORMAL_CATEGORIES).not.toContain('complaint');
  expect(CONVERTING_STATUSES).toContain('withdrawn');
  expect(CONVERTING_STATUSES).not.toContain('rejected');
});

describe('foldServices', () => {
  const services = foldServices({
    guidance: 4,
    converted: 2,
    handling: [
      { days: 0, count: 2 },
      { days: 3, count: 1 },
      { days: null, count: 5 },
    ],
    legalAid: [
      { granted: true, days: 1, verification: 'pending', count: 1 },
      { granted: true, days: 3, verification: 'false', count: 1 },
      { granted: false, days: 6, verification: null, count: 1 },
      { granted: null, days: null, verification: null, count: 2 },
    ],
    bookings: [
      { status: 'attended', count: 3 },
      { status: 'missed', count: 1 },
      { status: 'rescheduled', count: 2 },
      { status: 'cancelled', count: 1 },
      { status: 'booked', count: 2 },
    ],
    questions: [
      { hours: 0, count: 1 },
      { hours: 5, count: 2 },
      { hours: null, count: 1 },
    ],
  });

  it('takes 指引服务转化率 over the 咨询 received, never above them', () => {
    expect(services).toMatchObject({ guidance: 4, guidanceConverted: 2, conversionRate: 0.5 });
    expect(foldServices({ guidance: 1, converted: 2, handling: [], legalAid: [], bookings: [], questions: [] })).toMatchObject({ guidanceConverted: 1, conversionRate: 1 });
  });

  it('takes medians over what has a duration only', () => {
    expect(services).toMatchObject({ handled: 3, medianHandlingDays: 0.75, questionsAsked: 4, questionsAnswered: 3, medianAnswerHours: 5.25 });
    expect(services).toMatchObject({ aidApplications: 5, aidGranted: 2, aidRefused: 1, aidMedianDecisionDays: 3.5, verificationPending: 1, verificationFalse: 1 });
  });

  it('counts a rescheduled booking once, as its replacement, and no-shows over the times that came', () => {
    expect(services).toMatchObject({ booked: 7, attended: 3, missed: 1, bookingsCancelled: 1, bookingsUpcoming: 2, noShowRate: 0.25 });
  });
});
