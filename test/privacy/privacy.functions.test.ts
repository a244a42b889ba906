/**
 * The privacy function (X1, PIPL): notices for processing on a statutory duty, separate consents
 * versioned and timed (a guardian's for a child under 14), what is held about the caller, and
 * deletion requests answered by the retention rules and processed by the office, on record.
 */
import { AppError, CONSENT_TEXTS, currentText, NOTICE_TEXTS } from '../../core';
import { fieldKeysFrom, protectPhoneWith } from '../../cloudfunctions/_runtime/protect';
import { DEV_ONLY_FIELD_KEY_ENV } from '../../devcloud/server';
import { application } from '../support/legal-aid';
import { startTestCloud, type TestCloud } from '../support/devcloud';

let cloud: TestCloud;
const MONDAY_10AM = '2026-03-02T02:00:00Z';
const WEDNESDAY = '2026-03-04T02:00:00Z';
const SENSITIVE = currentText(CONSENT_TEXTS.sensitive_optional).version;
const VERIFY = currentText(CONSENT_TEXTS.legal_aid_verification).version;

async function refusalOf(call: Promise<unknown>): Promise<{ code: string; reason: unknown }> {
  try {
    await call;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, reason: err.details?.reason };
    throw err;
  }
  throw new Error('the call was not refused');
}

beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
  cloud.clock.set(new Date(MONDAY_10AM));
  await cloud.api('demo-resident').case.submit({ category: 'mediation', summary: '邻居占用宅基地', applicant: { name: '张大爷', phone: '13712347777' } });
  await cloud.api('demo-migrant').case.submit({
    category: 'consultation',
    summary: '替母亲问赡养费',
    applicant: { name: '李奶奶', phone: '13523450001' },
    proxy: { name: '李强', phone: '13623450002', relation: '儿子' },
  });
  await cloud.api('aid-applicant').legalAid.submit(application());
  // Bookings as the booking function stores them (test/booking covers how they are made).
  await cloud.db.insertMany('bookings', [booking('demo-resident', '2026-03-03', '09:00', '王秀英', '13956780005'), booking('demo-elder', '2026-03-10', '10:30', '刘奶奶', '13800001111')]);
}, 60000);

function booking(openid: string, day: string, time: string, name: string, phone: string) {
  const startsAt = new Date(`${day}T${time}:00+08:00`);
  return {
    _id: `qs-dongpo:${day}:${time.replace(':', '')}:${openid}`,
    orgId: 'qs-dongpo',
    day,
    time,
    startsAt,
    service: 'consultation',
    openid,
    applicant: { name, ...protectPhoneWith(fieldKeysFrom(DEV_ONLY_FIELD_KEY_ENV), phone) },
    proxy: null,
    note: '',
    status: 'booked',
    createdAt: new Date(MONDAY_10AM),
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
  };
}

afterAll(async () => {
  await cloud.close();
});

describe('notices and consent texts', () => {
  it('serves the legal-aid notice (statutory duty, PIPL Art 17/30) and each consent text in its current version', async () => {
    const notice = await cloud.api('demo-resident').privacy.notice({ topic: 'legal_aid' });
    expect(notice).toMatchObject({ topic: 'legal_aid', kind: 'notice', version: currentText(NOTICE_TEXTS.legal_aid).version });
    expect(notice.paragraphs.join('')).toContain('第十三条第一款第三项');
    expect(notice.paragraphs.join('')).toContain('立卷归档');
    const consent = await cloud.api('demo-staff').privacy.notice({ topic: 'legal_aid_verification' });
    expect(consent).toMatchObject({ kind: 'consent', version: VERIFY, title: '法律援助经济状况核查授权' });
  });
});

describe('separate consents', () => {
  it('records a consent to the current text with its time, refuses one to an older text, and withdraws it', async () => {
    const api = cloud.api('demo-elder');
    expect(await refusalOf(api.privacy.consent({ purpose: 'sensitive_optional', version: 'sensitive-optional-2020-01-01' }))).toEqual({ code: 'CONFLICT', reason: 'consent_text_outdated' });
    const given = await api.privacy.consent({ purpose: 'sensitive_optional', version: SENSITIVE });
    expect(given).toMatchObject({ purpose: 'sensitive_optional', given: true, version: SENSITIVE, currentVersion: SENSITIVE });
    expect(Math.abs(new Date(given.at).getTime() - new Date(MONDAY_10AM).getTime())).toBeLessThan(60_000);
    await api.privacy.consent({ purpose: 'legal_aid_verification', version: VERIFY, ref: 'la-0001' });

    const withdrawn = await api.privacy.withdraw({ purpose: 'sensitive_optional' });
    expect(withdrawn).toMatchObject({ given: false, version: SENSITIVE });
    expect(await refusalOf(api.privacy.withdraw({ purpose: 'sensitive_optional' }))).toEqual({ code: 'INVALID_STATE', reason: 'not_consented' });

    const mine = await api.privacy.myData({});
    expect(mine.consents.map((c) => [c.purpose, c.given, c.ref])).toEqual([
      ['sensitive_optional', false, null],
      ['legal_aid_verification', true, 'la-0001'],
    ]);
    // Append-only: every answer is kept, with its version and time.
    expect(cloud.db.find('consents', { openid: 'demo-elder' })).toHaveLength(3);
  });

  it('takes a consent for a child under 14 only from a guardian who says how they are related (PIPL Art 31)', async () => {
    const api = cloud.api('demo-migrant');
    const child = { name: '李小宝', birthDate: '2016-05-01' };
    expect(await refusalOf(api.privacy.consent({ purpose: 'sensitive_optional', version: SENSITIVE, minor: child }))).toEqual({ code: 'VALIDATION_FAILED', reason: 'guardian_required' });
    expect(await refusalOf(api.privacy.consent({ purpose: 'sensitive_optional', version: SENSITIVE, minor: { name: '李大宝', birthDate: '2010-01-01' }, guardianRelation: 'father' }))).toEqual({
      code: 'VALIDATION_FAILED',
      reason: 'not_under_14',
    });
    const given = await api.privacy.consent({ purpose: 'sensitive_optional', version: SENSITIVE, minor: child, guardianRelation: 'father' });
    expect(given).toMatchObject({ given: true, minorName: '李小宝', guardianRelation: '父亲' });
    expect(cloud.db.find('consents', { openid: 'demo-migrant' })).toEqual([expect.objectContaining({ minor: child, guardianRelation: 'father', version: SENSITIVE })]);
    // The child's consent and the guardian's own are separate answers.
    expect(await refusalOf(api.privacy.withdraw({ purpose: 'sensitive_optional' }))).toEqual({ code: 'INVALID_STATE', reason: 'not_consented' });
    expect(await api.privacy.withdraw({ purpose: 'sensitive_optional', minor: child })).toMatchObject({ given: false, guardianRelation: '父亲' });
  });
});

describe('what is held about me', () => {
  it('lists my cases, bookings and consents, masked, and how long each kind is kept', async () => {
    const mine = await cloud.api('demo-resident').privacy.myData({});
    expect(mine.profile).toBeNull();
    expect(mine.residentProfile).toBeNull();
    expect(mine.cases).toEqual([expect.objectContaining({ as: 'applicant', name: '张大爷', phone: '137****7777', category: 'mediation' })]);
    expect(mine.bookings).toEqual([expect.objectContaining({ orgId: 'qs-dongpo', day: '2026-03-03', time: '09:00', name: '王秀英', phone: '139****0005' })]);
    expect(mine.retention.find((r) => r.category === 'cases')).toMatchObject({ deletable: false });
    expect(mine.retention.find((r) => r.category === 'bookings')).toMatchObject({ deletable: true });
    expect(JSON.stringify(mine)).not.toMatch(/13712347777|13956780005/);

    // A 代办 sees their own part of the case they filed for someone else, not the applicant's.
    const proxy = await cloud.api('demo-migrant').privacy.myData({});
    expect(proxy.cases).toEqual([expect.objectContaining({ as: 'proxy', name: '李强', phone: '136****0002' })]);

    // A legal-aid applicant sees the application, filed by rule, and is told so when asking to delete it.
    const aid = await cloud.api('aid-applicant').privacy.myData({});
    expect(aid.legalAid).toEqual([expect.objectContaining({ code: expect.stringMatching(/^FY\d{12}$/), name: '刘建军' })]);
    expect(aid.cases).toEqual([expect.objectContaining({ category: 'legalAid', phone: '137****1111' })]);
    const asked = await cloud.api('aid-applicant').privacy.requestDeletion({ categories: ['legal_aid'] });
    expect(asked).toMatchObject({ status: 'closed', items: [{ category: 'legal_aid', outcome: 'kept_by_rule' }] });
    expect(asked.items[0]?.note).toContain('结案后立卷归档');
    expect(mine.legalAid).toEqual([]);

    const staff = await cloud.api('demo-staff').privacy.myData({});
    expect(staff.profile).toMatchObject({ phone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/), active: true });
    expect(staff.profile?.units.length).toBeGreaterThan(0);
  });
});

describe('deletion requests', () => {
  let requestId = '';

  it('keeps what a rule keeps, says so with the rule, and queues what no rule keeps once it is over', async () => {
    const api = cloud.api('demo-resident');
    // The booking is still to come: nothing may go yet.
    const early = await api.privacy.requestDeletion({ categories: ['bookings', 'cases'] });
    expect(early.status).toBe('closed');
    expect(early.items.map((i) => [i.category, i.outcome])).toEqual([
      ['bookings', 'nothing_held'],
      ['cases', 'kept_by_rule'],
    ]);
    expect(early.items[0]?.note).toContain('先取消');
    expect(early.items[1]?.note).toContain('立卷归档');

    cloud.clock.set(new Date(WEDNESDAY));
    const request = await api.privacy.requestDeletion({ categories: ['bookings', 'consents'] });
    expect(request).toMatchObject({ status: 'pending', items: [expect.objectContaining({ category: 'bookings', outcome: 'queued' }), expect.objectContaining({ category: 'consents', outcome: 'kept_by_rule' })] });
    requestId = request.id;
    expect(await refusalOf(api.privacy.requestDeletion({ categories: ['bookings'] }))).toEqual({ code: 'CONFLICT', reason: 'deletion_pending' });
    // A member still serving keeps their profile.
    const staff = await cloud.api('demo-staff').privacy.requestDeletion({ categories: ['profile'] });
    expect(staff.items).toEqual([expect.objectContaining({ category: 'profile', outcome: 'kept_by_rule' })]);
  });

  it('is processed by a supervisor or an admin only, carried out once, and audited', async () => {
    expect(await refusalOf(cloud.api('demo-resident').privacy.deletionRequests({}))).toEqual({ code: 'FORBIDDEN', reason: 'role_not_allowed' });
    expect(await refusalOf(cloud.api('demo-staff').privacy.processDeletion({ id: requestId, decision: 'carry_out' }))).toEqual({ code: 'FORBIDDEN', reason: 'role_not_allowed' });
    const listed = await cloud.api('demo-supervisor').privacy.deletionRequests({});
    expect(listed.requests.map((r) => r.id)).toEqual([requestId]);
    expect(listed.requests[0]?.requester).toMatch(/^微信用户…/);
    expect(await refusalOf(cloud.api('demo-admin').privacy.processDeletion({ id: 'nope', decision: 'carry_out' }))).toEqual({ code: 'NOT_FOUND', reason: 'deletion_not_found' });

    expect(cloud.db.find('bookings', { openid: 'demo-resident' })).toHaveLength(1);
    const done = await cloud.api('demo-supervisor').privacy.processDeletion({ id: requestId, decision: 'carry_out' });
    expect(done).toMatchObject({ status: 'done', items: [expect.objectContaining({ category: 'bookings', outcome: 'deleted', count: 1 }), expect.objectContaining({ outcome: 'kept_by_rule' })] });
    expect(cloud.db.find('bookings', { openid: 'demo-resident' })).toEqual([]);
    expect(cloud.db.find('audit_log', { what: 'privacy.deletion.done', subject: requestId })).toEqual([
      expect.objectContaining({ actor: 'demo-supervisor', detail: expect.objectContaining({ deleted: { bookings: 1 } }) }),
    ]);
    expect(await refusalOf(cloud.api('demo-admin').privacy.processDeletion({ id: requestId, decision: 'decline', reason: '再看看' }))).toEqual({ code: 'INVALID_STATE', reason: 'deletion_closed' });

    // The resident sees the answer; the cases stayed.
    const mine = await cloud.api('demo-resident').privacy.myData({});
    expect(mine.bookings).toEqual([]);
    expect(mine.cases).toHaveLength(1);
    expect(mine.deletionRequests[0]).toMatchObject({ id: requestId, status: 'done' });
  });

  it('shows a resident their profile of 我的, masked, and deletes it when a request is carried out', async () => {
    const api = cloud.api('x1-profile-owner');
    await api.identity.saveProfile({ name: '赵四', phone: '13712340099', villageId: 'qs-dongpo', birthDate: '1952-06-01' });
    const held = await api.privacy.myData({});
    expect(held.residentProfile).toEqual({ name: '赵四', phone: '137****0099', village: expect.any(String), birthDate: '1952-06-01' });
    expect(JSON.stringify(held)).not.toContain('13712340099');
    expect(held.retention.find((r) => r.category === 'resident_profile')).toMatchObject({ deletable: true });

    const request = await api.privacy.requestDeletion({ categories: ['resident_profile'] });
    expect(request).toMatchObject({ status: 'pending', items: [expect.objectContaining({ category: 'resident_profile', outcome: 'queued' })] });
    const done = await cloud.api('demo-admin').privacy.processDeletion({ id: request.id, decision: 'carry_out' });
    expect(done.items).toEqual([expect.objectContaining({ category: 'resident_profile', outcome: 'deleted', count: 1 })]);
    expect(cloud.db.find('profiles', { _id: 'x1-profile-owner' })).toEqual([]);
    expect((await api.privacy.myData({})).residentProfile).toBeNull();
    expect((await api.privacy.requestDeletion({ categories: ['resident_profile'] })).items).toEqual([expect.objectContaining({ outcome: 'nothing_held' })]);
  });

  it('is declined only with a reason the resident reads', async () => {
    cloud.clock.set(new Date('2026-03-11T02:00:00Z'));
    const request = await cloud.api('demo-elder').privacy.requestDeletion({ categories: ['bookings'] });
    expect(request.status).toBe('pending');
    const { body } = await cloud.call('privacy', 'processDeletion', { id: request.id, decision: 'decline' }, { openid: 'demo-admin', requestId: 'decline-no-reason-1', raw: true });
    expect(body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const declined = await cloud.api('demo-admin').privacy.processDeletion({ id: request.id, decision: 'decline', reason: '正在核对这次来访，下周再处理' });
    expect(declined).toMatchObject({ status: 'declined', reason: '正在核对这次来访，下周再处理', items: [expect.objectContaining({ outcome: 'declined' })] });
    expect(cloud.db.find('bookings', { openid: 'demo-elder' })).toHaveLength(1);
    expect(cloud.db.find('audit_log', { what: 'privacy.deletion.declined' })).toHaveLength(1);
  });
});
