import { calendarOverridesSchema, createWorkCalendar, missingYears, workingDaysAfter, type CalendarOverride } from './calendar';
import { addDays } from '../clock/shanghai';

const official = createWorkCalendar();

/**
 * An illustrative 2027 schedule for tests only — NOT the State Council notice, which chinese-days
 * 1.5.7 does not have. New Year's Day 2027 is a Friday, so a 3-day break with no make-up day.
 */
const SAMPLE_2027: CalendarOverride[] = [
  { date: '2027-01-01', kind: 'holiday' },
  { date: '2027-01-02', kind: 'holiday' },
  { date: '2027-01-03', kind: 'holiday' },
];

describe('the official calendar (chinese-days 1.5.7, from the 2026 State Council notice)', () => {
  it.each([
    ['2026-01-01', false, '元旦 (Thu)'],
    ['2026-01-04', true, '元旦 make-up Sunday'],
    ['2026-02-14', true, '春节 make-up Saturday, the eve of the break'],
    ['2026-02-15', false, '春节 first day (Sun)'],
    ['2026-02-23', false, '春节 last day (Mon)'],
    ['2026-02-24', true, 'first working day after 春节'],
    ['2026-02-28', true, '春节 make-up Saturday'],
    ['2026-04-06', false, '清明 (Mon)'],
    ['2026-05-05', false, '劳动节 last day (Tue)'],
    ['2026-05-09', true, '劳动节 make-up Saturday'],
    ['2026-06-19', false, '端午 (Fri)'],
    ['2026-09-20', true, '国庆 make-up Sunday'],
    ['2026-09-25', false, '中秋 (Fri)'],
    ['2026-09-30', true, 'eve of 国庆 (Wed)'],
    ['2026-10-01', false, '国庆 first day (Thu)'],
    ['2026-10-07', false, '国庆 last day (Wed)'],
    ['2026-10-08', true, 'first working day after 国庆 (Thu)'],
    ['2026-10-10', true, '国庆 make-up Saturday'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-03-14', false, 'ordinary Saturday'],
  ])('%s is a working day: %s (%s)', (day, working) => {
    expect(official.isWorkingDay(day)).toBe(working);
  });

  it('counts 248 working days in 2026: 261 weekdays − 19 weekday holidays + 6 make-up days', () => {
    let count = 0;
    for (let day = '2026-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) if (official.isWorkingDay(day)) count += 1;
    expect(count).toBe(248);
  });

  it('does not know 2027: New Year’s Day 2027 (a Friday) looks like an ordinary working day', () => {
    expect(official.isWorkingDay('2027-01-01')).toBe(true);
    expect(official.isKnownYear(2027)).toBe(false);
  });

  it('knows every year the package publishes and none before or after', () => {
    expect(official.isKnownYear(2004)).toBe(true);
    expect(official.isKnownYear(2025)).toBe(true);
    expect(official.isKnownYear(2026)).toBe(true);
    expect(official.isKnownYear(2003)).toBe(false);
    expect(official.isKnownYear(2027)).toBe(false);
  });

  it('counts working days after a day up to and including another', () => {
    // 2026-09-29 → 2026-10-10: 9-30, 10-08, 10-09 and the 调休 Saturday 10-10.
    expect(workingDaysAfter(official, '2026-09-29', '2026-10-10')).toBe(4);
    expect(workingDaysAfter(official, '2026-10-01', '2026-10-07')).toBe(0);
    expect(workingDaysAfter(official, '2026-09-30', '2026-09-30')).toBe(0);
  });
});

describe('admin overrides', () => {
  it('teach the calendar a year the package does not know', () => {
    const calendar = createWorkCalendar(SAMPLE_2027);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false);
    expect(calendar.isWorkingDay('2027-01-04')).toBe(true);
    expect(calendar.isKnownYear(2027)).toBe(true);
  });

  it('win over the package, so a late correction by the State Council can be entered', () => {
    const calendar = createWorkCalendar([
      { date: '2026-10-09', kind: 'holiday' },
      { date: '2026-10-11', kind: 'workday' },
    ]);
    expect(calendar.isWorkingDay('2026-10-09')).toBe(false);
    expect(calendar.isWorkingDay('2026-10-11')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('reject a day that is not a real date or is both holiday and workday', () => {
    expect(() => createWorkCalendar([{ date: '2027-02-30', kind: 'holiday' }])).toThrow(RangeError);
    expect(() =>
      createWorkCalendar([
        { date: '2027-02-06', kind: 'holiday' },
        { date: '2027-02-06', kind: 'workday' },
      ]),
    ).toThrow(/2027-02-06/);
  });

  it('are validated by the schema an admin form submits through', () => {
    expect(calendarOverridesSchema.safeParse(SAMPLE_2027).success).toBe(true);
    expect(calendarOverridesSchema.safeParse([{ date: '2027-1-1', kind: 'holiday' }]).success).toBe(false);
    expect(calendarOverridesSchema.safeParse([{ date: '2027-01-01', kind: 'rest' }]).success).toBe(false);
    expect(
      calendarOverridesSchema.safeParse([
        { date: '2027-01-01', kind: 'holiday' },
        { date: '2027-01-01', kind: 'workday' },
      ]).success,
    ).toBe(false);
  });
});

describe('missingYears', () => {
  const beijing = (wall: string) => new Date(`${wall}+08:00`);

  it('is empty in mid-2026: the next 60 days stay inside 2026', () => {
    expect(missingYears(official, beijing('2026-06-01T09:00:00'))).toEqual([]);
  });

  it('warns about 2027 from early November 2026, when deadlines start to reach into it', () => {
    expect(missingYears(official, beijing('2026-11-01T09:00:00'))).toEqual([]);
    expect(missingYears(official, beijing('2026-11-02T09:00:00'))).toEqual([2027]);
    expect(missingYears(official, beijing('2026-12-20T09:00:00'), 30)).toEqual([2027]);
  });

  it('stops warning once an admin has entered the 2027 notice', () => {
    expect(missingYears(createWorkCalendar(SAMPLE_2027), beijing('2026-12-20T09:00:00'))).toEqual([]);
  });

  it('uses the Beijing date: at 00:30 on 2027-01-01 in Beijing it is still 2026 in UTC', () => {
    expect(missingYears(official, new Date('2026-12-31T16:30:00Z'), 0)).toEqual([2027]);
    expect(missingYears(official, new Date('2026-12-31T15:30:00Z'), 0)).toEqual([]);
  });

  it('lists every unknown year in a long horizon', () => {
    expect(missingYears(official, beijing('2026-12-01T09:00:00'), 800)).toEqual([2027, 2028, 2029]);
  });
});
