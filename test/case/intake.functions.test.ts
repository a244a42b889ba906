import { startTestCloud, type TestCloud } from '../support/devcloud';
import { replay, type CaseEvent } from '../../core';

// Thursday 10 December 2026, 10:00 in Beijing: November closed at the end of Monday 7 December,
// its 5th working day. The deployment allows visits dated up to 20 days back.
const NOW = new Date('2026-12-10T02:00:00Z');
const bj = (local: string) => `${local}+08:00`;
const COUNTER = 'case-TJ-20261210';

let cloud: TestCloud;
let n = 0;
const rid = () => `intake-${Date.now().toString(36)}-${n++}`;
const applicant = { name: '张大爷', phone: '13800000000' };
const foreignFile = { fileID: 'cloud://devcloud/uploads/someone-else/id-card.jpg', name: '身份证.jpg' };
const submit = (openid: string, extra: Record<string, unknown> = {}) =>
  cloud.call<{ ok: boolean; data?: { code: string }; error?: { code: string; details: { reason: string } } }>(
    'case',
    'submit',
    { category: 'mediation', summary: '邻居占用宅基地', applicant, ...extra },
    { openid, requestId: rid() },
  );
const register = (openid: string, extra: Record<string, unknown> = {}) =>
  cloud.call<{ ok: boolean; data?: { code: string }; error?: { code: string; details: { reason: string } } }>(
    'case',
    'register',
    { channel: 'hotline12348', category: 'mediation', summary: '12348 来电咨询', orgId: 'qh-center', applicant, ...extra },
    { openid, requestId: rid() },
  );
const sequenceOf = (code: string | undefined) => Number(code?.slice(10));

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true, functionEnv: { REGISTER_MAX_BACKDATE_DAYS: '20' } });
  cloud.clock.set(NOW);
  // A village room that has closed: it stays in the directory's history, it takes no requests.
  const [room] = cloud.db.find('orgs', { _id: 'qs-dongpo' }) as Array<Record<string, unknown>>;
  await cloud.db.insertMany('orgs', [{ ...room, _id: 'qs-closed', name: '已撤并的村工作室', active: false }]);
}, 30000);
afterAll(async () => {
  cloud.clock.reset();
  await cloud.close();
});

describe('case numbers', () => {
  it('takes none for 3,000 refused submissions and registrations: the next accepted case is numbered as if they never came', async () => {
    const first = await submit('demo-resident');
    expect(first.body.data?.code).toMatch(/^TJ20261210\d{4}$/);
    const counter = () => cloud.db.find('counters', { _id: COUNTER });
    const before = counter();

    // Every way a resident's request for today's mediation numbers can be refused, from 250 phones
    // (each within the writes' rate limit), 100 at a time.
    const visitor = (i: number) => `visitor-${i % 250}`;
    const refusals: Array<[reason: string, call: (i: number) => ReturnType<typeof submit>]> = [
      ['unit_not_found', (i) => submit(visitor(i), { orgId: 'no-such-unit' })],
      ['unit_not_found', (i) => submit(visitor(i), { orgId: 'qs-closed' })],
      ['not_own_upload', (i) => submit(visitor(i), { attachments: [foreignFile] })],
      ['invalid_input', (i) => submit(visitor(i), { category: 'bribery' })],
      ['role_not_allowed', (i) => register(visitor(i))],
    ];
    const tally = new Map<string, number>();
    const TOTAL = 3000;
    const BATCH = 100;
    const check = (expected: string, body: Awaited<ReturnType<typeof submit>>['body']) => {
      expect(body.ok).toBe(false);
      const reason = body.error?.details.reason ?? '';
      // A rate limit may stop a burst first: refused all the same, and still without a number.
      if (reason !== 'too_many_requests') expect(reason).toBe(expected);
      tally.set(reason, (tally.get(reason) ?? 0) + 1);
    };
    for (let start = 0; start < TOTAL; start += BATCH) {
      const answers = await Promise.all(
        Array.from({ length: BATCH }, async (_, k) => {
          const [expected, call] = refusals[(start + k) % refusals.length] as (typeof refusals)[number];
          return { expected, body: (await call(start + k)).body };
        }),
      );
      for (const { expected, body } of answers) check(expected, body);
    }
    // And staff registering what may not be registered, each worker one call at a time.
    const workers: Array<[openid: string, unit: string, elsewhere: string | null]> = [
      ['demo-staff', 'qh-center', null], // the center reaches every unit
      ['demo-supervisor', 'qh-center', null],
      ['seed-staff-qs', 'qs-station', 'xl-jinsha'],
      ['seed-staff-lh', 'lh-station', 'qs-dongpo'],
      ['seed-staff-xl', 'xl-station', 'lh-hekou'],
    ];
    await Promise.all(
      workers.map(async ([openid, orgId, elsewhere]) => {
        const wrong: Array<[reason: string, extra: Record<string, unknown>]> = [
          ['visit_too_old', { orgId, visitedAt: bj('1970-01-01T08:00:00') }],
          ['period_closed', { orgId, visitedAt: bj('2026-11-25T10:00:00') }],
          ['visit_in_future', { orgId, visitedAt: bj('2026-12-11T10:00:00') }],
          ['not_own_upload', { orgId, channel: 'walkIn', signature: foreignFile }],
          ...(elsewhere ? [['out_of_reach', { orgId: elsewhere }] as [string, Record<string, unknown>]] : []),
        ];
        for (const [expected, extra] of wrong) check(expected, (await register(openid, extra)).body);
      }),
    );
    expect([...tally.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL + 23);
    for (const reason of ['unit_not_found', 'not_own_upload', 'invalid_input', 'role_not_allowed', 'visit_too_old', 'period_closed', 'visit_in_future', 'out_of_reach']) {
      expect(tally.get(reason)).toBeGreaterThan(0);
    }

    expect(counter()).toEqual(before);
    const next = await submit('demo-resident');
    expect(sequenceOf(next.body.data?.code)).toBe(sequenceOf(first.body.data?.code) + 1);
    // The counter holds the last value and the latest claims, not one entry per request ever made.
    expect(counter()).toEqual([expect.objectContaining({ value: sequenceOf(next.body.data?.code), recent: expect.any(Array) })]);
  }, 240000);
});

describe('the visit time of a registered case', () => {
  it('accepts a visit earlier this month, dated and numbered on its day', async () => {
    const { body } = await register('demo-staff', { visitedAt: bj('2026-12-01T09:30:00') });
    expect(body.ok).toBe(true);
    expect(body.data?.code).toMatch(/^TJ20261201\d{4}$/);
  });

  it('refuses a visit dated 1970, more days back than the deployment allows', async () => {
    const { body } = await register('demo-staff', { visitedAt: bj('1970-01-01T08:00:00') });
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'visit_too_old', maxBackdateDays: 20 } });
    const { body: day21 } = await register('demo-staff', { visitedAt: bj('2026-11-19T10:00:00') });
    expect(day21.error?.details).toMatchObject({ reason: 'visit_too_old' });
  });

  it('refuses last month once it has closed, and takes it during this month’s first five working days', async () => {
    const { body } = await register('demo-staff', { visitedAt: bj('2026-11-30T16:00:00') });
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'period_closed', closedAfter: '2026-12-07' } });
    cloud.clock.set(new Date(bj('2026-12-07T17:00:00')));
    try {
      const { body: inTime } = await register('demo-staff', { visitedAt: bj('2026-11-30T16:00:00') });
      expect(inTime.data?.code).toMatch(/^TJ20261130\d{4}$/);
    } finally {
      cloud.clock.set(NOW);
    }
  });

  it('refuses a visit in the future', async () => {
    const { body } = await register('demo-staff', { visitedAt: bj('2026-12-10T10:05:00') });
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'visit_in_future' } });
  });
});

describe('关联: a resident takes a case filed for them into 办事进度 by code and phone (U1)', () => {
  it('links on a matching phone, in the ledger (replay still equals the case), once; refuses alike an unknown code and a wrong phone, and a case linked to someone else', async () => {
    const { body } = await register('demo-staff', { applicant: { name: '刘奶奶', phone: '139-1234-0000' } });
    const code = body.data?.code as string;
    const me = cloud.api('link-grandma').case;
    const otherPerson = cloud.api('link-stranger').case;

    // Unknown code and wrong phone answer alike (and are audited with the real cause).
    for (const attempt of [{ code: 'TJ202612109999', phone: '13912340000' }, { code, phone: '13900000000' }]) {
      await expect(otherPerson.link(attempt)).rejects.toMatchObject({ code: 'NOT_FOUND', details: { reason: 'no_match' } });
    }
    expect(cloud.db.find('audit_log', { actor: 'link-stranger', what: 'call.refused' }).map((r) => (r as { detail: { cause: string } }).detail.cause)).toEqual(
      expect.arrayContaining(['case_not_found', 'phone_mismatch']),
    );
    expect((await me.mine({})).cases).toEqual([]);

    const linked = await me.link({ code, phone: '13912340000' });
    expect(linked).toMatchObject({ code, applicantName: '刘奶奶' });
    expect((await me.mine({})).cases.map((c) => c.code)).toEqual([code]);
    // Hers to follow now: the detail opens for her, with the link in its timeline.
    const detail = await me.get({ caseId: linked.id });
    expect(detail.timeline.map((t) => t.title)).toContain('申请人已在小程序里关联这件事');
    const [stored] = cloud.db.find('cases', { code }) as Array<{ _id: string; version: number }>;
    const events = cloud.db.find('case_events', { caseId: stored!._id }, { sort: { seq: 1 } }) as CaseEvent[];
    expect(replay(events)).toMatchObject({ applicant: { openid: 'link-grandma' }, version: stored!.version });
    expect(cloud.db.find('audit_log', { actor: 'link-grandma', what: 'case.link' })).toHaveLength(1);

    // Again: nothing more is written. Someone else with the right phone: refused.
    await me.link({ code, phone: '13912340000' });
    expect(cloud.db.find('case_events', { caseId: stored!._id })).toHaveLength(events.length);
    await expect(otherPerson.link({ code, phone: '13912340000' })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'already_linked' } });
  });
});
