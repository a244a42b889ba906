import {
  assertCancellable,
  bookingLimitRefusal,
  byTime,
  cancellation,
  holdsSeat,
  MAX_ACTIVE_BOOKINGS,
  newBooking,
  PAST_BOOKINGS_SHOWN,
  splitUpcoming,
  toBookingView,
  type Booking,
  type BookingStatus,
} from './booking';

const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);
const refusal = (code: string, reason: string) => expect.objectContaining({ code, details: expect.objectContaining({ reason }) });

const request = {
  orgId: 'qs-dongpo',
  day: '2026-03-03',
  time: '09:00',
  service: 'consultation' as const,
  applicant: { name: '王秀英', phone: '13700001111' },
};
const booked: Booking = newBooking(request, 'me', bj('2026-03-02 10:00'));

describe('newBooking', () => {
  it('makes a booked record held by the caller, starting at the slot’s Beijing time', () => {
    expect(booked).toEqual({
      ...request,
      startsAt: bj('2026-03-03 09:00'),
      endsAt: bj('2026-03-03 09:30'),
      openid: 'me',
      holder: 'me',
      seat: 'general',
      priorityGroups: [],
      cancelBy: bj('2026-03-03 09:00'),
      code: expect.stringMatching(/^\d{6}$/),
      checkedInAt: null,
      checkedInBy: null,
      caseId: null,
      rescheduledFrom: null,
      rescheduledTo: null,
      proxy: null,
      note: '',
      status: 'booked',
      createdAt: bj('2026-03-02 10:00'),
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: null,
    });
  });

  it('records a 代办 and a note as given', () => {
    const proxy = { name: '李强', phone: '13600003333', relation: '孙子' };
    expect(newBooking({ ...request, proxy, note: '带上合同' }, 'cadre', bj('2026-03-02 10:00'))).toMatchObject({ openid: 'cadre', proxy, note: '带上合同' });
  });
});

describe('bookingLimitRefusal', () => {
  it(`lets a person hold ${MAX_ACTIVE_BOOKINGS} upcoming bookings and refuses one more`, () => {
    expect(bookingLimitRefusal(MAX_ACTIVE_BOOKINGS - 1)).toBeNull();
    expect(bookingLimitRefusal(MAX_ACTIVE_BOOKINGS)).toEqual(refusal('INVALID_STATE', 'booking_limit'));
    expect(bookingLimitRefusal(MAX_ACTIVE_BOOKINGS + 2)?.details).toMatchObject({ limit: MAX_ACTIVE_BOOKINGS });
  });
});

describe('holdsSeat', () => {
  it('is true only of a booking still booked', () => {
    expect(holdsSeat(booked)).toBe(true);
    for (const status of ['cancelled', 'attended', 'missed'] as BookingStatus[]) expect(holdsSeat({ status })).toBe(false);
    expect(holdsSeat(null)).toBe(false);
  });
});

describe('cancelling', () => {
  const before = bj('2026-03-03 08:00');
  const after = bj('2026-03-03 09:10');

  it('lets the applicant cancel before the start, with or without a reason', () => {
    expect(cancellation(booked, 'applicant', undefined, before)).toEqual({ status: 'cancelled', cancelledAt: before, cancelledBy: 'applicant', cancelReason: null });
    expect(cancellation(booked, 'applicant', '家里有事', before).cancelReason).toBe('家里有事');
  });

  it('refuses the applicant once it has started, but not the office', () => {
    expect(() => cancellation(booked, 'applicant', undefined, after)).toThrow(refusal('INVALID_STATE', 'already_started'));
    expect(cancellation(booked, 'office', '律师出庭', after)).toMatchObject({ cancelledBy: 'office', cancelReason: '律师出庭' });
  });

  it('makes the office say why', () => {
    expect(() => cancellation(booked, 'office', undefined, before)).toThrow(refusal('VALIDATION_FAILED', 'office_reason_required'));
    expect(() => cancellation(booked, 'office', '', before)).toThrow(refusal('VALIDATION_FAILED', 'office_reason_required'));
  });

  it('refuses anyone a booking no longer booked, before asking for a reason', () => {
    for (const status of ['cancelled', 'attended', 'missed'] as BookingStatus[]) {
      expect(() => assertCancellable({ ...booked, status }, before, 'office')).toThrow(refusal('INVALID_STATE', 'not_cancellable'));
      expect(() => cancellation({ ...booked, status }, 'office', undefined, before)).toThrow(refusal('INVALID_STATE', 'not_cancellable'));
    }
  });
});

describe('byTime', () => {
  it('orders a day by slot, first booked first within a slot', () => {
    const at = (time: string, created: string) => ({ time, createdAt: bj(`2026-03-02 ${created}`), label: `${time}@${created}` });
    const day = [at('10:00', '08:00'), at('09:00', '09:30'), at('09:00', '09:05')];
    expect([...day].sort(byTime).map((b) => b.label)).toEqual(['09:00@09:05', '09:00@09:30', '10:00@08:00']);
  });
});

describe('splitUpcoming', () => {
  const now = bj('2026-03-03 08:00');
  const b = (id: string, starts: string, status: BookingStatus = 'booked') => ({ id, startsAt: bj(starts), status });

  it('puts what is still to come first, soonest first, then the rest newest first', () => {
    const newestFirst = [
      b('later', '2026-03-10 09:00'),
      b('dropped', '2026-03-05 09:00', 'cancelled'),
      b('soon', '2026-03-03 09:00'),
      b('started', '2026-03-03 07:30'),
      b('done', '2026-02-20 09:00', 'attended'),
    ];
    const { upcoming, past } = splitUpcoming(newestFirst, now);
    expect(upcoming.map((x) => x.id)).toEqual(['soon', 'later']);
    expect(past.map((x) => x.id)).toEqual(['dropped', 'started', 'done']);
  });

  it(`shows the latest ${PAST_BOOKINGS_SHOWN} of the rest`, () => {
    const old = Array.from({ length: PAST_BOOKINGS_SHOWN + 5 }, (_x, i) => b(`old-${i}`, `2026-02-${String(28 - i).padStart(2, '0')} 09:00`, 'attended'));
    const { past } = splitUpcoming(old, now);
    expect(past).toHaveLength(PAST_BOOKINGS_SHOWN);
    expect(past[0]?.id).toBe('old-0');
  });
});

describe('toBookingView', () => {
  it('shows the owner their number and the office a masked one; only the office cancels after the start', () => {
    expect(toBookingView('id', booked, '东坡村公共法律服务工作室', bj('2026-03-02 12:00'), 'owner')).toMatchObject({ phone: '13700001111', canCancel: true, dayLabel: '3月3日 周二' });
    expect(toBookingView('id', booked, '东坡村公共法律服务工作室', bj('2026-03-03 09:10'), 'owner').canCancel).toBe(false);
    expect(toBookingView('id', booked, '东坡村公共法律服务工作室', bj('2026-03-03 09:10'), 'office')).toMatchObject({ phone: '137****1111', canCancel: true });
  });
});
