/**
 * Per-caller rate limits, enforced by the dispatcher from the contracts: invite redemption 5 a
 * minute and 20 a day, case-code lookups 20 a minute, every other write 60 a minute (shared).
 * The clock is devcloud's, moved by the tests; each test uses callers of its own.
 */
import { FUNCTIONS, WRITE_RATE_LIMIT, rateLimitOf, type ErrorBody } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';

let cloud: TestCloud;
const MINUTE = 60_000;
const refusal = (code: string, reason: string) => ({ code, details: { reason } });
/** A moment after every real call of the seed, so moving the clock forward from it never goes back. */
const T0 = Date.now() + 10 * MINUTE;
const setClock = (ms: number) => cloud.clock.set(new Date(T0 + ms));

/** The error a call answers (the typed client throws it). */
async function errorOf(call: Promise<unknown>): Promise<ErrorBody & { details: { reason: string; retryAfterSeconds?: number } }> {
  try {
    await call;
  } catch (err) {
    return err as never;
  }
  throw new Error('the call was not refused');
}

/** Database operations on rate_limits while `body` runs, by wire action. */
async function rateLimitOps(body: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const stop = cloud.db.onRequest((req) => {
    if (req.collectionName === 'rate_limits') seen.push(String(req.action));
  });
  try {
    await body().catch(() => undefined);
  } finally {
    stop();
  }
  return seen;
}

const guess = (openid: string, code = 'ABCDEFGH') => cloud.api(openid).identity.redeemInvite({ code, displayName: '试码者', phone: '13700000010' });
const lookup = (openid: string) => cloud.api(openid).case.findByCode({ code: 'TJ209912310001' });
/** A write the handler refuses (no such booking): it still counts, as every guess must. */
const cancelNothing = (openid: string, i: number) => cloud.api(openid).booking.cancel({ bookingId: `qs-dongpo:2026-03-03:0930:nobody-${i}` });

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  setClock(0);
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('the limits the contracts declare', () => {
  it('limits invite redemption, code lookups and every write; reads stay free', () => {
    expect(rateLimitOf(FUNCTIONS.identity.redeemInvite)).toEqual({ bucket: 'invite', perMinute: 5, perDay: 20 });
    expect(rateLimitOf(FUNCTIONS.case.findByCode)).toEqual({ bucket: 'case_code', perMinute: 20 });
    expect(rateLimitOf(FUNCTIONS.case.submit)).toBe(WRITE_RATE_LIMIT);
    expect(rateLimitOf(FUNCTIONS.org.save)).toBe(WRITE_RATE_LIMIT);
    expect(WRITE_RATE_LIMIT).toEqual({ bucket: 'write', perMinute: 60 });
    expect(rateLimitOf(FUNCTIONS.case.get)).toBeUndefined();
  });
});

describe('invite redemption', () => {
  it('takes 5 guesses a minute, then refuses with when to try again, even a good code', async () => {
    setClock(0);
    for (let i = 0; i < 5; i++) await expect(guess('guesser')).rejects.toMatchObject(refusal('NOT_FOUND', 'invite_invalid'));
    const sixth = await errorOf(guess('guesser'));
    expect(sixth).toMatchObject(refusal('RATE_LIMITED', 'too_many_requests'));
    // The first guess leaves the window a minute after it was made (less the moments since).
    expect(sixth.details.retryAfterSeconds).toBeGreaterThanOrEqual(30);
    expect(sixth.details.retryAfterSeconds).toBeLessThanOrEqual(60);

    // Over the limit, a real code is not even looked at: it stays unused.
    const { code } = await cloud.api('demo-admin').identity.createInvite({ role: 'advisor', orgIds: ['xl-jinsha'] });
    await expect(guess('guesser', code)).rejects.toMatchObject(refusal('RATE_LIMITED', 'too_many_requests'));
    expect(cloud.db.find('invites', { _id: code, usedBy: null })).toHaveLength(1);

    // A minute after the first guess, the window has room again.
    setClock(MINUTE + 1000);
    await expect(guess('guesser', code)).resolves.toMatchObject({ openid: 'guesser' });
  });

  it('takes 20 a day, however they are spread over the minutes', async () => {
    // Five in each of four minutes, two apart, so each minute's window is clear of the last however slow the calls.
    for (let minute = 0; minute < 4; minute++) {
      setClock(minute * 2 * MINUTE);
      for (let i = 0; i < 5; i++) await expect(guess('patient-guesser')).rejects.toMatchObject(refusal('NOT_FOUND', 'invite_invalid'));
    }
    setClock(10 * MINUTE);
    const next = await errorOf(guess('patient-guesser'));
    expect(next).toMatchObject(refusal('RATE_LIMITED', 'too_many_requests'));
    // The first guess of the day leaves the 24-hour window 23 h 50 min from now.
    expect(next.details.retryAfterSeconds).toBeGreaterThanOrEqual(24 * 3600 - 10 * 60 - 30);
    expect(next.details.retryAfterSeconds).toBeLessThanOrEqual(24 * 3600 - 10 * 60 + 1);
    setClock(24 * 3600 * 1000 + 1000);
    await expect(guess('patient-guesser')).rejects.toMatchObject(refusal('NOT_FOUND', 'invite_invalid'));
  });
});

describe('case-code lookups', () => {
  it('takes 20 a minute per caller; another caller is not affected', async () => {
    setClock(0);
    for (let i = 0; i < 20; i++) await expect(lookup('code-walker')).rejects.toMatchObject(refusal('NOT_FOUND', 'case_not_found'));
    await expect(lookup('code-walker')).rejects.toMatchObject(refusal('RATE_LIMITED', 'too_many_requests'));
    await expect(lookup('someone-else')).rejects.toMatchObject(refusal('NOT_FOUND', 'case_not_found'));
  });

  it('does not lock a caller out when the clock is moved back past their calls (devcloud’s tests do)', async () => {
    setClock(0);
    for (let i = 0; i < 20; i++) await lookup('time-traveller').catch(() => undefined);
    await expect(lookup('time-traveller')).rejects.toMatchObject(refusal('RATE_LIMITED', 'too_many_requests'));
    setClock(-24 * 3600 * 1000);
    await expect(lookup('time-traveller')).rejects.toMatchObject(refusal('NOT_FOUND', 'case_not_found'));
    const [log] = cloud.db.find('rate_limits', { _id: 'case_code:time-traveller' }) as Array<{ at: number[] }>;
    expect(log!.at.filter((t) => t > 0)).toHaveLength(1);
  });

  it('never lets more through than the limit, however many ask at once', async () => {
    setClock(0);
    const answers = await Promise.allSettled(Array.from({ length: 30 }, () => lookup('code-rusher')));
    const codes = answers.map((a) => (a.status === 'rejected' ? (a.reason as { code: string }).code : 'OK'));
    expect(codes.filter((c) => c === 'NOT_FOUND')).toHaveLength(20);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(10);
  });
});

describe('writes', () => {
  it('share 60 a minute per caller across every write without a limit of its own', async () => {
    setClock(0);
    for (let i = 0; i < 60; i++) await expect(cancelNothing('busy-writer', i)).rejects.toMatchObject(refusal('NOT_FOUND', 'booking_not_found'));
    await expect(cancelNothing('busy-writer', 60)).rejects.toMatchObject(refusal('RATE_LIMITED', 'too_many_requests'));
    // Another write, of another function, draws on the same budget.
    await expect(
      cloud.api('busy-writer').case.submit({ category: 'mediation', summary: '邻里纠纷，想请村里调解', applicant: { name: '张大爷', phone: '13800000000' } }),
    ).rejects.toMatchObject(refusal('RATE_LIMITED', 'too_many_requests'));
    // Reads are not limited.
    await expect(cloud.api('busy-writer').booking.myBookings({})).resolves.toMatchObject({ bookings: [] });
    setClock(MINUTE + 1000);
    await expect(cancelNothing('busy-writer', 61)).rejects.toMatchObject(refusal('NOT_FOUND', 'booking_not_found'));
  });

  it('does not count a call whose payload is refused before the handler', async () => {
    setClock(0);
    const invalid = () => cloud.api('sloppy-writer').booking.cancel({ bookingId: 'short' });
    for (let i = 0; i < 70; i++) await expect(invalid()).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'invalid_input'));
    expect(cloud.db.find('rate_limits', { _id: 'write:sloppy-writer' })).toHaveLength(0);
  });
});

describe('what it costs', () => {
  it('adds one database operation to a call it takes: one conditional update', async () => {
    setClock(0);
    // A caller's first call in a bucket creates their log: update (matches nothing), read, add.
    expect(await rateLimitOps(() => lookup('cost-counter'))).toEqual(['database.modifyDocument', 'database.getDocument', 'database.insertDocument']);
    // Every call after it that is taken: the one conditional update.
    for (let i = 0; i < 18; i++) expect(await rateLimitOps(() => lookup('cost-counter'))).toEqual(['database.modifyDocument']);
    // A refused one: the update, and the read that says when to come back.
    await lookup('cost-counter').catch(() => undefined);
    expect(await rateLimitOps(() => lookup('cost-counter'))).toEqual(['database.modifyDocument', 'database.getDocument']);
  });

  it('keeps one small document per caller and bucket', () => {
    const log = cloud.db.find('rate_limits', { _id: 'case_code:cost-counter' }) as Array<{ at: number[] }>;
    expect(log).toHaveLength(1);
    expect(log[0]!.at).toHaveLength(20);
  });
});

describe('expiry', () => {
  const DAY = 24 * 60 * MINUTE;
  const ids = () => (cloud.db.find('rate_limits', {}) as Array<{ _id: string }>).map((d) => d._id);

  it('stamps each log with the end of its longest window after the last call; the privacy sweep removes the expired, older logs included', async () => {
    setClock(40 * DAY);
    await lookup('expiry-lookup').catch(() => undefined);
    await guess('expiry-guess').catch(() => undefined);
    const [lookupLog] = cloud.db.find('rate_limits', { _id: 'case_code:expiry-lookup' }) as Array<{ expiresAt: Date }>;
    const [guessLog] = cloud.db.find('rate_limits', { _id: 'invite:expiry-guess' }) as Array<{ expiresAt: Date }>;
    // devcloud's clock runs on from where it was set: a call lands a few ms after.
    const near = (at: Date, expected: number) => expect(Math.abs(new Date(at).getTime() - expected)).toBeLessThan(5_000);
    near(lookupLog!.expiresAt, T0 + 40 * DAY + MINUTE);
    near(guessLog!.expiresAt, T0 + 40 * DAY + DAY);
    // Logs written before expiresAt existed: one idle for more than a day, one used an hour ago.
    await cloud.db.insertMany('rate_limits', [
      { _id: 'write:legacy-idle', at: [0, T0 + 38 * DAY] },
      { _id: 'write:legacy-active', at: [0, T0 + 40 * DAY - 60 * MINUTE] },
    ]);

    setClock(40 * DAY + 2 * MINUTE);
    expect(await cloud.triggers.fireNow('privacy')).toMatchObject({ trigger: 'sweep', ok: true });
    const left = ids();
    expect(left).not.toContain('case_code:expiry-lookup');
    expect(left).not.toContain('write:legacy-idle');
    expect(left).toContain('invite:expiry-guess');
    // Every log of the earlier tests (their calls are days back) is gone.
    expect(left.sort()).toEqual(['invite:expiry-guess', 'write:legacy-active']);
    const [active] = cloud.db.find('rate_limits', { _id: 'write:legacy-active' }) as Array<{ expiresAt: Date }>;
    expect(new Date(active!.expiresAt).getTime()).toBe(T0 + 40 * DAY - 60 * MINUTE + DAY);

    // A caller whose log went starts afresh; a day on, the rest go too.
    await lookup('expiry-lookup').catch(() => undefined);
    setClock(42 * DAY);
    await cloud.triggers.fireNow('privacy');
    expect(ids()).toEqual([]);
  });
});
