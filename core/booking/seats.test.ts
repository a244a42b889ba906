import { createWorkCalendar } from '../calendar';
import { cancellation, newBooking, slotViews } from './booking';
import { homeVisitBasis, homeVisitSummary } from './home-visit';
import { rankPlaces } from './places';
import { advisorClash, sessionWeekday, timesOn, whyNotBookable, type Schedule, type SlotDay } from './schedule';
import { checkInCode, isNoShow, orphanHolders, parseBookingId, returnPool, seatAttempts, seatsToRelease, stillHeld } from './seats';

const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);
const calendar = createWorkCalendar();
const schedule: Schedule = {
  orgId: 'qs-heping',
  sessions: [{ weekday: 2, from: '09:00', to: '10:00' }],
  slotMinutes: 30,
  capacity: 5,
  services: ['consultation'],
  horizonDays: 14,
  leadMinutes: 0,
  heldSeats: 1,
  releaseMinutes: 1440,
  cancelMinutes: 120,
  active: true,
};
const [nine] = timesOn(schedule, '2026-03-03', calendar);
const dayOf = (t = nine!): SlotDay => ({ orgId: 'qs-heping', day: '2026-03-03', active: true, services: ['consultation'], times: { t0900: t } });

describe('held seats (绿色通道)', () => {
  it('holds part of each slot until a set time before it starts', () => {
    expect(nine).toMatchObject({ capacity: 5, free: 4, held: 1, heldFree: 1, releaseAt: bj('2026-03-02 09:00') });
  });

  it('lets a priority resident take a held seat first; others an open seat, then a released held one', () => {
    expect(seatAttempts(true).map((a) => a.pool)).toEqual(['held', 'general']);
    expect(seatAttempts(false)).toEqual([
      { pool: 'general', onlyIfReleased: false },
      { pool: 'held', onlyIfReleased: true },
    ]);
  });

  it('refuses an ordinary resident the held seat before the release and gives it after', () => {
    const full = { ...nine!, free: 0 };
    expect(whyNotBookable(dayOf(full), '09:00', 'consultation', 'me', bj('2026-03-01 12:00'))).toMatchObject({ details: { reason: 'slot_full' } });
    expect(whyNotBookable(dayOf(full), '09:00', 'consultation', 'me', bj('2026-03-01 12:00'), true)).toMatchObject({ details: { reason: 'retry_race' } });
    expect(whyNotBookable(dayOf(full), '09:00', 'consultation', 'me', bj('2026-03-02 09:00'))).toMatchObject({ details: { reason: 'retry_race' } });
    expect(slotViews([full], bj('2026-03-01 12:00'))[0]).toMatchObject({ free: 0, heldFree: 1, open: false, openPriority: true });
    expect(slotViews([full], bj('2026-03-02 10:00'))[0]).toMatchObject({ free: 1, heldFree: 0, open: true });
  });

  it('moves free held seats to everyone at the release, once, and returns a freed held seat where it belongs', () => {
    expect(seatsToRelease(nine!, bj('2026-03-02 08:59'))).toBe(0);
    expect(seatsToRelease(nine!, bj('2026-03-02 09:00'))).toBe(1);
    expect(seatsToRelease({ ...nine!, heldFree: 0 }, bj('2026-03-02 09:00'))).toBe(0);
    const held = { ...nine!, heldBy: ['granny'] };
    expect(returnPool(held, 'granny', bj('2026-03-01 12:00'))).toBe('held');
    expect(returnPool(held, 'granny', bj('2026-03-02 12:00'))).toBe('general');
    expect(returnPool(held, 'someone', bj('2026-03-01 12:00'))).toBe('general');
  });
});

describe('cut-off', () => {
  it('lets the applicant cancel until the cut-off, the office after it', () => {
    const b = newBooking({ orgId: 'qs-heping', day: '2026-03-03', time: '09:00', service: 'consultation', applicant: { name: '王', phone: '1' } }, 'me', bj('2026-03-01 10:00'), {
      id: 'x',
      holder: 'me',
      seat: 'general',
      cancelMinutes: 120,
    });
    expect(b.cancelBy).toEqual(bj('2026-03-03 07:00'));
    expect(cancellation(b, 'applicant', undefined, bj('2026-03-03 06:59')).status).toBe('cancelled');
    expect(() => cancellation(b, 'applicant', undefined, bj('2026-03-03 07:00'))).toThrow(expect.objectContaining({ details: { reason: 'past_cutoff', cancelMinutes: 120 } }));
    expect(cancellation(b, 'office', '出庭', bj('2026-03-03 08:30')).cancelledBy).toBe('office');
  });
});

describe('holidays and 调休', () => {
  const center = { ...schedule, sessions: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '10:00' })) };
  it('opens a 调休 working Sunday like a Monday at a unit open every weekday, never at a weekly village room', () => {
    // 2026-02-14 (Saturday) and 2026-02-28 (Saturday) are 调休 working days of the 2026 Spring Festival.
    const makeup = ['2026-02-14', '2026-02-28'].find((d) => calendar.isWorkingDay(d))!;
    expect(sessionWeekday(center, makeup, calendar)).toBe(1);
    expect(timesOn(center, makeup, calendar).length).toBe(2);
    expect(sessionWeekday(schedule, makeup, calendar)).toBeNull();
    // The Tuesday of the National Day week opens nothing.
    expect(timesOn(schedule, '2026-10-06', calendar)).toEqual([]);
  });
});

describe('reconciliation and no-shows', () => {
  it('frees a seat no record stands behind only after the grace period', () => {
    const t = { holders: ['a', 'b', 'c'], since: { a: bj('2026-03-02 10:00').getTime(), b: bj('2026-03-02 10:00').getTime(), c: bj('2026-03-02 10:04').getTime() } };
    expect(orphanHolders(t, new Set(['a']), bj('2026-03-02 10:05'))).toEqual(['b']);
    expect(orphanHolders(t, new Set(['a']), bj('2026-03-02 10:07'))).toEqual(['b', 'c']);
  });

  it('calls a booking missed once its slot ended plus the grace', () => {
    const b = { status: 'booked', startsAt: bj('2026-03-03 09:00'), endsAt: bj('2026-03-03 09:30') };
    expect(isNoShow(b, bj('2026-03-03 09:59'))).toBe(false);
    expect(isNoShow(b, bj('2026-03-03 10:00'))).toBe(true);
    expect(isNoShow({ ...b, status: 'attended' }, bj('2026-03-03 12:00'))).toBe(false);
  });

  it('keeps in a person’s counter the bookings to come that are booked or still being written', () => {
    const ids = ['o:2026-03-03:0900:me', 'o:2026-03-10:0900:me', 'o:2026-03-01:0900:me'];
    expect(stillHeld(ids, new Set(['o:2026-03-10:0900:me']), bj('2026-03-02 10:00'))).toEqual(['o:2026-03-03:0900:me']);
    expect(parseBookingId('qs-dongpo:2026-03-03:0930:cadre~abc')).toEqual({ orgId: 'qs-dongpo', day: '2026-03-03', time: '09:30', holder: 'cadre~abc' });
    expect(checkInCode('x')).toMatch(/^\d{6}$/);
    expect(checkInCode('x')).toBe(checkInCode('x'));
  });
});

describe('places and advisors', () => {
  const unit = (id: string, tier: string, path: string[], lat?: number) => ({ id, name: id, tier: tier as 'room', address: '', path, location: lat === undefined ? undefined : { lat, lng: 105 } });
  it('offers the own village first, its station, the center, then the nearest', () => {
    const units = [unit('center', 'center', [], 36.0), unit('far-room', 'room', ['center', 'other'], 36.5), unit('near-room', 'room', ['center', 'other'], 36.05), unit('st', 'station', ['center'], 36.2), unit('home', 'room', ['center', 'st'], 36.3)];
    const home = { id: 'home', path: ['center', 'st'] };
    expect(rankPlaces(units, home, { latitude: 36.0, longitude: 105 }).map((p) => `${p.orgId} ${p.relation}`)).toEqual(['home 本村', 'st 本乡镇', 'center 县中心', 'near-room 其他', 'far-room 其他']);
    expect(rankPlaces(units, null, null).map((p) => p.orgId)).toEqual(['far-room', 'home', 'near-room', 'st', 'center']);
  });

  it('finds one advisor in two villages at once', () => {
    const mine = [{ weekday: 2, from: '09:00', to: '11:00', advisorId: 'lin' }];
    const other = { orgId: 'b', active: true, sessions: [{ weekday: 2, from: '10:30', to: '12:00', advisorId: 'lin' }] };
    expect(advisorClash('a', mine, [other])).toMatchObject({ advisorId: 'lin', otherOrgId: 'b' });
    expect(advisorClash('a', mine, [{ ...other, sessions: [{ weekday: 2, from: '11:00', to: '12:00', advisorId: 'lin' }] }])).toBeNull();
    expect(advisorClash('a', mine, [{ ...other, active: false }])).toBeNull();
  });
});

describe('上门服务', () => {
  it('qualifies at 70 by birth date on Beijing’s calendar, or by a stated age, or by a group', () => {
    // 1 March 2026 23:30 in Beijing is still the 1st there (15:30 UTC).
    expect(homeVisitBasis({ birthDate: '1956-03-01', groups: [] }, new Date('2026-02-28T16:30:00Z'))).toMatchObject({ age: 70, ageFrom: 'birthDate', priorityGroups: ['elderly'] });
    expect(() => homeVisitBasis({ birthDate: '1956-03-01', groups: [] }, new Date('2026-02-28T15:30:00Z'))).toThrow(expect.objectContaining({ details: { reason: 'not_home_visit_eligible', age: 69 } }));
    expect(homeVisitBasis({ statedAge: 75, groups: [] }, bj('2026-03-02 10:00'))).toMatchObject({ age: 75, ageFrom: 'stated' });
    expect(homeVisitBasis({ statedAge: 40, groups: ['injuredMigrant'] }, bj('2026-03-02 10:00')).priorityGroups).toEqual(['migrantWorker']);
    expect(homeVisitBasis({ groups: ['inpatient'] }, bj('2026-03-02 10:00'))).toMatchObject({ age: null, priorityGroups: [] });
  });

  it('tells staff in the summary where, when, and on what it was granted', () => {
    expect(homeVisitSummary({ summary: '赡养费', address: '三组12号', preferredTimes: '上午', groups: ['disabled'] }, { age: 72, ageFrom: 'stated' })).toBe(
      '上门服务：赡养费｜地址：三组12号｜方便的时间：上午｜72岁（本人所述）、残疾人',
    );
  });
});
