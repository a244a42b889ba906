/**
 * Refused reaches for another unit's or person's data are in the audit log (caller, action,
 * reason, target), and lookups answer "someone else's" exactly as "no such record".
 */
import type { ErrorBody } from '../../core';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { tuesdayMornings } from '../support/hours';

let cloud: TestCloud;
const refusal = (code: string, reason: string) => ({ code, details: { reason } });
const YEAR = { from: '2026-01-01', to: '2026-12-31' };

interface AuditRow {
  actor: string;
  roles: string[];
  what: string;
  subject: string | null;
  detail: { action: string; code: string; reason: string; cause: string; target: Record<string, unknown> };
}
const refusalsBy = (actor: string) => cloud.db.find('audit_log', { what: 'call.refused', actor }) as AuditRow[];

/** The error body a call answers, whatever it is (the typed client throws it as an AppError). */
async function errorOf(call: Promise<unknown>): Promise<ErrorBody> {
  try {
    await call;
  } catch (err) {
    const e = err as { code: string; message: string; details?: ErrorBody['details'] };
    return { code: e.code as ErrorBody['code'], message: e.message, details: e.details };
  }
  throw new Error('the call was not refused');
}

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

describe('refused reaches are audited', () => {
  // 吴建国 (seed-staff-qs) is staff of 青石镇's station; 河口村 is in 柳河镇.
  const staff = 'seed-staff-qs';
  let hekouCase = '';

  beforeAll(async () => {
    const made = await cloud.api('audit-resident').case.submit({
      category: 'consultation',
      summary: '邻居占了我家的宅基地，想咨询怎么办',
      orgId: 'lh-hekou',
      applicant: { name: '柳大姐', phone: '13800001111' },
    });
    hekouCase = made.id;
  });

  it('writes down a township’s staff asking for another township’s case, ledger and statistics, with caller and reason', async () => {
    const api = cloud.api(staff);
    await expect(api.case.get({ caseId: hekouCase })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
    await expect(api.case.ledger({ ...YEAR, orgId: 'lh-station' })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));
    await expect(api.stats.board({ ...YEAR, orgId: 'lh-station' })).rejects.toMatchObject(refusal('FORBIDDEN', 'out_of_reach'));

    const rows = refusalsBy(staff);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: hekouCase,
          roles: ['staff'],
          detail: { action: 'case.get', code: 'FORBIDDEN', reason: 'out_of_reach', cause: 'out_of_reach', target: { caseId: hekouCase } },
        }),
        expect.objectContaining({
          subject: 'lh-station',
          detail: { action: 'case.ledger', code: 'FORBIDDEN', reason: 'out_of_reach', cause: 'out_of_reach', target: { orgId: 'lh-station' } },
        }),
        expect.objectContaining({
          subject: 'lh-station',
          detail: { action: 'stats.board', code: 'FORBIDDEN', reason: 'out_of_reach', cause: 'out_of_reach', target: { orgId: 'lh-station' } },
        }),
      ]),
    );
  });

  it('writes down the role gate’s refusals too, with what was asked for when the payload was valid', async () => {
    await expect(cloud.api('audit-resident').stats.board({ ...YEAR, orgId: 'lh-station' })).rejects.toMatchObject(refusal('FORBIDDEN', 'role_not_allowed'));
    expect(refusalsBy('audit-resident')).toEqual([
      expect.objectContaining({ subject: 'lh-station', detail: expect.objectContaining({ action: 'stats.board', reason: 'role_not_allowed', target: { orgId: 'lh-station' } }) }),
    ]);
  });

  it('does not write down a caller’s own mistakes: bad input, an id that does not exist', async () => {
    const before = cloud.db.find('audit_log', {}).length;
    const api = cloud.api(staff);
    await expect(api.stats.board({ from: '2026-12-31', to: '2026-01-01' })).rejects.toMatchObject(refusal('VALIDATION_FAILED', 'invalid_input'));
    await expect(api.case.get({ caseId: 'no-such-case' })).rejects.toMatchObject(refusal('NOT_FOUND', 'case_not_found'));
    expect(cloud.db.find('audit_log', {})).toHaveLength(before);
  });
});

describe('lookups answer alike for someone else’s record and no record', () => {
  it('case.findByCode: a case out of reach is “no such code”, and both are written down with the real cause', async () => {
    const { case: theirs } = await cloud.api('demo-staff').case.get({
      caseId: (
        await cloud.api('code-owner').case.submit({ category: 'mediation', summary: '邻里纠纷，想请村里调解', applicant: { name: '张大爷', phone: '13800000000' } })
      ).id,
    });
    const prober = cloud.api('code-prober').case;
    const outOfReach = await errorOf(prober.findByCode({ code: theirs.code }));
    const missing = await errorOf(prober.findByCode({ code: 'TJ209912310001' }));
    expect(outOfReach).toEqual(missing);
    expect(missing).toMatchObject(refusal('NOT_FOUND', 'case_not_found'));

    const rows = refusalsBy('code-prober');
    expect(rows.map((r) => [r.subject, r.detail.action, r.detail.reason, r.detail.cause])).toEqual([
      [theirs.id, 'case.findByCode', 'case_not_found', 'out_of_reach'],
      ['TJ209912310001', 'case.findByCode', 'case_not_found', 'case_not_found'],
    ]);
    // The owner still finds it.
    expect((await cloud.api('code-owner').case.findByCode({ code: theirs.code })).case.id).toBe(theirs.id);
  });

  it('booking.cancel: someone else’s booking is “no such booking”, for a resident and for another township’s office', async () => {
    const schedule = tuesdayMornings('qs-dongpo');
    cloud.clock.set(new Date('2026-03-02T02:00:00Z')); // Monday 2 March, 10:00
    try {
      await cloud.api('seed-staff-qs').booking.saveSchedule(schedule);
      const booked = await cloud.api('booking-owner').booking.book({
        orgId: 'qs-dongpo',
        day: '2026-03-03',
        time: '09:30',
        service: 'consultation',
        applicant: { name: '王秀英', phone: '13700001111' },
      });
      const missingId = booked.id.replace('booking-owner', 'nobody-at-all');
      for (const openid of ['booking-prober', 'seed-staff-lh']) {
        const theirs = await errorOf(cloud.api(openid).booking.cancel({ bookingId: booked.id, reason: '不想要了' }));
        const missing = await errorOf(cloud.api(openid).booking.cancel({ bookingId: missingId, reason: '不想要了' }));
        expect(theirs).toEqual(missing);
        expect(missing).toMatchObject(refusal('NOT_FOUND', 'booking_not_found'));
        expect(refusalsBy(openid).map((r) => [r.subject, r.detail.reason, r.detail.cause])).toEqual([
          [booked.id, 'booking_not_found', 'not_office'],
          [missingId, 'booking_not_found', 'booking_not_found'],
        ]);
      }
      // Untouched: still booked, and its owner can still cancel it.
      expect(await cloud.api('booking-owner').booking.cancel({ bookingId: booked.id })).toMatchObject({ status: 'cancelled' });
    } finally {
      cloud.clock.reset();
    }
  });

  it('identity.redeemInvite: a code never issued, one used and one expired answer alike', async () => {
    const admin = cloud.api('demo-admin').identity;
    const redeem = (code: string) => errorOf(cloud.api('invite-prober').identity.redeemInvite({ code, displayName: '试码者', phone: '13700000010' }));
    const { code: used } = await admin.createInvite({ role: 'advisor', orgIds: ['xl-jinsha'] });
    await cloud.api('invite-owner').identity.redeemInvite({ code: used, displayName: '新顾问', phone: '13700000011' });
    const { code: expiring } = await admin.createInvite({ role: 'advisor', orgIds: ['xl-jinsha'], validDays: 1 });

    const missing = await redeem('ABCDEFGH');
    expect(missing).toMatchObject(refusal('NOT_FOUND', 'invite_invalid'));
    expect(await redeem(used)).toEqual(missing);
    cloud.clock.set(new Date(Date.now() + 2 * 86_400_000));
    try {
      expect(await redeem(expiring)).toEqual(missing);
    } finally {
      cloud.clock.reset();
    }
  });
});
