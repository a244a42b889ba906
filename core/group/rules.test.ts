import { createWorkCalendar } from '../calendar';
import { answerDueAt, mayMoveLecture, mayView, moderationOf, nextPollDelay, officeHoursText, POLL_MAX_MS, POLL_MIN_MS, remindAtFor } from './rules';

const bj = (iso: string) => new Date(`${iso}+08:00`);
const calendar = createWorkCalendar([{ date: '2026-05-12', kind: 'holiday' }]);

describe('the answer time', () => {
  it('is the next working day by noon, Beijing time, whatever the hour of asking', () => {
    expect(answerDueAt(bj('2026-05-11T00:01'), createWorkCalendar())).toEqual(bj('2026-05-12T12:00'));
    expect(answerDueAt(bj('2026-05-11T23:59'), createWorkCalendar())).toEqual(bj('2026-05-12T12:00'));
    // Friday evening and Saturday both wait for Monday.
    expect(answerDueAt(bj('2026-05-15T18:00'), createWorkCalendar())).toEqual(bj('2026-05-18T12:00'));
    expect(answerDueAt(bj('2026-05-16T09:00'), createWorkCalendar())).toEqual(bj('2026-05-18T12:00'));
  });

  it('skips a holiday the county entered', () => {
    expect(answerDueAt(bj('2026-05-11T10:00'), calendar)).toEqual(bj('2026-05-13T12:00'));
  });

  it('reminds three hours before', () => {
    expect(remindAtFor(bj('2026-05-12T12:00'))).toEqual(bj('2026-05-12T09:00'));
  });
});

describe('moderation', () => {
  it('refuses risky, holds review for a resident, passes a worker’s own post', () => {
    expect(moderationOf(['pass'], false)).toBe('visible');
    expect(moderationOf(['pass', 'review'], false)).toBe('held');
    expect(moderationOf(['review'], true)).toBe('visible');
    expect(moderationOf(['review', 'risky'], true)).toBe('refused');
  });
});

describe('who sees a message', () => {
  const msg = { authorOpenid: 'a', private: false, moderation: 'visible' as const, askerOpenid: 'a' };
  it('shows a private question to its asker and the village workers only', () => {
    const secret = { ...msg, private: true };
    expect(mayView(secret, { openid: 'a', villageWorker: false })).toBe(true);
    expect(mayView(secret, { openid: 'b', villageWorker: false })).toBe(false);
    expect(mayView(secret, { openid: 'w', villageWorker: true })).toBe(true);
    // The advisor's answer to it: for the asker, not for the neighbours.
    const answer = { authorOpenid: 'w', private: true, moderation: 'visible' as const, askerOpenid: 'a' };
    expect(mayView(answer, { openid: 'a', villageWorker: false })).toBe(true);
    expect(mayView(answer, { openid: 'b', villageWorker: false })).toBe(false);
  });
  it('shows a held message to its author and the workers only', () => {
    const held = { ...msg, moderation: 'held' as const };
    expect(mayView(held, { openid: 'a', villageWorker: false })).toBe(true);
    expect(mayView(held, { openid: 'b', villageWorker: false })).toBe(false);
    expect(mayView(held, { openid: 'w', villageWorker: true })).toBe(true);
  });
});

describe('polling', () => {
  it('starts at 10 s, backs off while nothing changes, and snaps back on news', () => {
    let d = POLL_MIN_MS;
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) seen.push((d = nextPollDelay(d, false)));
    expect(seen).toEqual([20_000, 40_000, 80_000, POLL_MAX_MS, POLL_MAX_MS, POLL_MAX_MS]);
    expect(nextPollDelay(POLL_MAX_MS, true)).toBe(POLL_MIN_MS);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(10_000);
  });
});

describe('订单式普法 and 驻点时间', () => {
  it('moves a lecture only forward', () => {
    expect(mayMoveLecture('requested', 'scheduled')).toBe(true);
    expect(mayMoveLecture('delivered', 'scheduled')).toBe(false);
    expect(mayMoveLecture('requested', 'delivered')).toBe(false);
  });
  it('reads the schedule as residents say it', () => {
    expect(officeHoursText([{ weekday: 4, from: '14:30', to: '17:00' }, { weekday: 2, from: '09:00', to: '12:00' }])).toBe('周二 09:00-12:00；周四 14:30-17:00');
  });
});
