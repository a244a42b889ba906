// Runs unchanged under TZ=UTC, TZ=Asia/Shanghai and TZ=America/New_York: every input and
// expectation is an absolute instant, so a pass under all three shows the process TZ is ignored.
import { endOfShanghaiDay, formatShanghai, isDayKey, shanghaiDay, startOfShanghaiDay } from './shanghai';

const at = (iso: string) => new Date(iso);

describe('Beijing-time helpers', () => {
  it('puts the day boundary at Beijing midnight (16:00 UTC), not at the process midnight', () => {
    expect(shanghaiDay(at('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(shanghaiDay(at('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
  });

  it('gives the first and last instant of the Beijing day an instant falls on', () => {
    const lateEvening = at('2026-09-30T17:30:00Z'); // 2026-10-01 01:30 in Beijing
    expect(startOfShanghaiDay(lateEvening).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(endOfShanghaiDay(lateEvening).toISOString()).toBe('2026-10-01T15:59:59.999Z');
  });

  it('formats in Beijing time with the default staff-facing pattern and an explicit +08:00 offset', () => {
    expect(formatShanghai(at('2026-09-30T16:05:00Z'))).toBe('2026-10-01 00:05');
    expect(formatShanghai(at('2026-02-14T01:02:03Z'), 'YYYY-MM-DD HH:mm:ss Z')).toBe('2026-02-14 09:02:03 +08:00');
  });

  it('is unaffected by the US DST switches, which Beijing does not have', () => {
    // New York springs forward at 2026-03-08T07:00Z and falls back at 2026-11-01T06:00Z.
    expect(formatShanghai(at('2026-03-08T06:30:00Z'))).toBe('2026-03-08 14:30');
    expect(formatShanghai(at('2026-03-08T07:30:00Z'))).toBe('2026-03-08 15:30');
    expect(formatShanghai(at('2026-11-01T05:30:00Z'))).toBe('2026-11-01 13:30');
    expect(formatShanghai(at('2026-11-01T06:30:00Z'))).toBe('2026-11-01 14:30');
    expect(endOfShanghaiDay(at('2026-03-08T06:30:00Z')).getTime() - startOfShanghaiDay(at('2026-03-08T06:30:00Z')).getTime()).toBe(
      86_400_000 - 1,
    );
  });

  it('accepts only real calendar days as day keys', () => {
    expect(isDayKey('2026-02-28')).toBe(true);
    expect(isDayKey('2028-02-29')).toBe(true);
    expect(isDayKey('2026-02-29')).toBe(false);
    expect(isDayKey('2026-2-3')).toBe(false);
    expect(isDayKey('2026-13-01')).toBe(false);
  });

  it('refuses an invalid Date instead of answering NaN-NaN-NaN', () => {
    expect(() => shanghaiDay(new Date('not a date'))).toThrow(RangeError);
    expect(() => formatShanghai(new Date('not a date'))).toThrow(RangeError);
  });
});
