import { applyConsent, isQuietHour, maySend, NO_CONSENT, retryDelayMs, sendableAt, verdictOf } from './delivery';
import { bookingReminders } from './policy';

const bj = (iso: string) => new Date(`${iso}+08:00`);

describe('quiet hours, 22:00–08:00 Beijing, whatever the process zone', () => {
  it.each([
    ['2026-12-01T21:59', '2026-12-01T21:59'],
    ['2026-12-01T22:00', '2026-12-02T08:00'],
    ['2026-12-01T23:59', '2026-12-02T08:00'],
    ['2026-12-02T00:00', '2026-12-02T08:00'],
    ['2026-12-02T07:59', '2026-12-02T08:00'],
    ['2026-12-02T08:00', '2026-12-02T08:00'],
    ['2026-12-31T23:30', '2027-01-01T08:00'],
  ])('a non-urgent notice due %s goes at %s', (due, sent) => {
    expect(sendableAt(bj(due), false)).toEqual(bj(sent));
  });

  it('lets an urgent notice go at once', () => {
    expect(isQuietHour(bj('2026-12-01T23:00'))).toBe(true);
    expect(sendableAt(bj('2026-12-01T23:00'), true)).toEqual(bj('2026-12-01T23:00'));
  });
});

describe('the consent ledger', () => {
  it('counts one-time consents and spends them by send; a ban stops, a new accept lifts a stop', () => {
    let c = applyConsent(NO_CONSENT, 'accept', false);
    c = applyConsent(c, 'acceptWithAudio', false);
    expect(c.credits).toBe(2);
    expect(applyConsent(c, 'reject', false)).toEqual(c);
    expect(applyConsent(c, 'filter', false)).toEqual(c);
    const banned = applyConsent(c, 'ban', false);
    expect(maySend(banned, false)).toBe(false);
    expect(maySend(applyConsent({ ...banned, stopped: true }, 'accept', false), false)).toBe(true);
  });

  it('turns a long-term template on by one accept, spending nothing', () => {
    const c = applyConsent(NO_CONSENT, 'accept', true);
    expect(maySend(c, true)).toBe(true);
    expect(c.credits).toBe(0);
  });
});

describe('what each answer of subscribeMessage.send means', () => {
  const now = bj('2026-12-01T10:00');
  it('stops the template on 43101, alerts staff on 47003, retries with backoff on a system error, waits for the quota', () => {
    expect(verdictOf(0, 1, now)).toMatchObject({ outcome: 'sent', retryAt: null });
    expect(verdictOf(43101, 1, now)).toMatchObject({ outcome: 'refused', stopTemplate: true, refund: false, retryAt: null });
    expect(verdictOf(47003, 1, now)).toMatchObject({ outcome: 'invalid_data', alert: true, refund: true, retryAt: null });
    expect(verdictOf(-1, 1, now)).toMatchObject({ outcome: 'retry', retryAt: new Date(now.getTime() + 60_000) });
    expect(verdictOf(-1, 3, now).retryAt).toEqual(new Date(now.getTime() + 4 * 60_000));
    expect(verdictOf(-1, 5, now)).toMatchObject({ outcome: 'failed', alert: true, retryAt: null });
    expect(verdictOf(45009, 1, now)).toMatchObject({ outcome: 'quota', retryAt: bj('2026-12-02T08:00') });
    expect(retryDelayMs(20)).toBe(3_600_000);
  });
});

describe('booking reminders at Beijing times', () => {
  const facts = (startsAt: Date) => ({ bookingId: 'b1', openid: 'r1', unitName: '东坡村公共法律服务工作室', service: '法律咨询', startsAt });

  it('reminds the day before and an hour before, the early one on time even in quiet hours', () => {
    const [dayBefore, hourBefore] = bookingReminders(facts(bj('2026-12-07T08:30')), bj('2026-12-01T10:00'));
    expect(dayBefore).toMatchObject({ event: 'booking.dayBefore', notBefore: bj('2026-12-06T08:30'), urgent: false });
    expect(hourBefore).toMatchObject({ event: 'booking.hourBefore', notBefore: bj('2026-12-07T07:30'), urgent: true });
    expect(sendableAt(hourBefore?.notBefore as Date, true)).toEqual(bj('2026-12-07T07:30'));
    expect(dayBefore?.data).toMatchObject({ time2: '2026年12月7日 08:30', phrase3: '明天办理' });
  });

  it('leaves out a reminder whose time has passed', () => {
    expect(bookingReminders(facts(bj('2026-12-01T15:00')), bj('2026-12-01T10:00')).map((n) => n.event)).toEqual(['booking.hourBefore']);
  });
});
