/**
 * Sensitive data is protected at rest (X1): after the intake and booking scenarios, no full phone
 * number a person gave (nor a seeded member's) appears in plaintext in any file of devcloud's data
 * directory or in any log line its functions wrote; screens still show them masked, and the one
 * reveal path (case.contact) still gives the worker the full numbers, on record.
 * The same scan looks for anything shaped like a 居民身份证号码 (checksum valid) and for any field
 * named like an income holding a figure rather than a sealed value, wherever it comes from; the
 * legal-aid scenario's ID number and statement of facts are looked for by value (PLANTED).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replay, type CaseEvent } from '../../core';
import { WORKERS } from '../../scripts/seed/demo-county';
import { startTestCloud, type TestCloud } from '../support/devcloud';
import { tuesdayMornings } from '../support/hours';

let cloud: TestCloud;
let dataDir: string;
/** Function log lines, kept before devcloud closes (the host's buffer goes with it). */
let logs: string[] = [];
let calls: string[] = [];
let closed = false;

const PHONES = {
  resident: '13712347777',
  proxyApplicant: '13523450001',
  proxy: '13623450002',
  walkIn: '15834560003',
  walkInProxy: '18845670004',
  booker: '13956780005',
  bookedFor: '15067890006',
  bookingProxy: '17778900007',
  legalAid: '13700005555',
} as const;
const SEEDED = WORKERS.map((w) => w.phone);
/** Other values the scenarios give that must never be stored plain: a legal-aid applicant's ID number and statement of facts. */
const AID_ID_NUMBER = '420102198001011231';
const AID_FACTS = '前夫三年没给孩子抚养费，电话也不接';
/** An ID number a resident types into a case's summary. */
const SUMMARY_ID_NUMBER = '42010219750315123X';
const PLANTED: string[] = [AID_ID_NUMBER, AID_FACTS, SUMMARY_ID_NUMBER];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Whether 18 characters are a 居民身份证号码 (GB 11643: region, birth date, serial, ISO 7064 check character). */
function isIdNumber(s: string): boolean {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  return '10X98765432'[sum % 11] === s[17]?.toUpperCase();
}
/** ID numbers in plaintext: 18 characters with a plausible birth date and a valid check character, not inside a longer token. */
function plaintextIdNumbers(text: string): string[] {
  const found = text.match(/(?<![0-9A-Za-z+/])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g) ?? [];
  return found.filter(isIdNumber);
}
/** Income-named fields that hold no one's income: the county's published hardship standard (legal_aid_settings). */
const PUBLIC_INCOME_FIELDS = new Set(['monthlyIncomePerHead']);
/** A field named like an income (income, householdIncome, monthlyIncome…) holding a figure: as JSON, canonical EJSON or a digit-bearing string. */
function plaintextIncomes(text: string): string[] {
  return [...text.matchAll(/"(\w*[Ii]ncome\w*)"\s*:\s*(-?\d+(?:\.\d+)?|\{"\$number(?:Int|Long|Double|Decimal)"\s*:\s*"[^"]*"\}|"[^"]*\d[^"]*")/g)].filter((m) => !PUBLIC_INCOME_FIELDS.has(m[1] as string)).map((m) => `${m[1]}=${m[2]}`);
}
const MONDAY_10AM = '2026-03-02T02:00:00Z';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'x1-plaintext-'));
  cloud = await startTestCloud({ dataDir, seed: true });
  cloud.clock.set(new Date(MONDAY_10AM));

  // Intake: a resident for herself, a resident as 代办, staff registering a 12348 call with a 代办.
  await cloud.api('demo-resident').case.submit({ category: 'mediation', summary: '邻居占用宅基地', applicant: { name: '张大爷', phone: PHONES.resident } });
  await cloud.api('demo-migrant').case.submit({
    category: 'consultation',
    summary: '替母亲问赡养费',
    applicant: { name: '李奶奶', phone: PHONES.proxyApplicant },
    proxy: { name: '李强', phone: PHONES.proxy, relation: '儿子' },
  });
  const walkIn = await cloud.api('demo-staff').case.register({
    channel: 'hotline12348',
    category: 'consultation',
    summary: '12348 来电：工伤赔偿',
    orgId: 'qh-center',
    applicant: { name: '赵师傅', phone: PHONES.walkIn },
    proxy: { name: '赵小东', phone: PHONES.walkInProxy, relation: '儿子' },
  });
  // The worker's views and the one reveal.
  await cloud.api('demo-staff').case.workbench({ queue: 'new' });
  await cloud.api('demo-staff').case.get({ caseId: walkIn.id });
  await cloud.api('demo-staff').case.contact({ caseId: walkIn.id });
  await cloud.api('demo-staff').case.ledger({ from: '2026-03-01', to: '2026-03-31' });

  // Booking: the station opens hours, a resident books for herself and another as 代办, the office views the day.
  await cloud.api('seed-staff-qs').booking.saveSchedule(tuesdayMornings('qs-dongpo'));
  const booking = { orgId: 'qs-dongpo', day: '2026-03-03', service: 'consultation' } as const;
  await cloud.api('demo-resident').booking.book({ ...booking, time: '09:00', applicant: { name: '王秀英', phone: PHONES.booker } });
  await cloud.api('demo-migrant').booking.book({
    ...booking,
    time: '09:30',
    applicant: { name: '李奶奶', phone: PHONES.bookedFor },
    proxy: { name: '李强', phone: PHONES.bookingProxy, relation: '儿子' },
  });
  await cloud.api('demo-resident').booking.myBookings({});
  await cloud.api('demo-advisor').booking.dayBookings({ orgId: 'qs-dongpo', day: '2026-03-03' });
  await cloud.api('demo-resident').org.get({ id: 'qs-dongpo' });

  // Legal aid on the promise route: the applicant's phone, ID number, statement of facts and the
  // household's incomes, sealed on arrival; test/legal-aid covers the flow itself.
  await cloud.api('demo-elder').legalAid.submit({
    answers: { local: true, noTestGround: 'none', ageBand: 'adult', groups: [], inHospital: false, exemption: 'none', underStandard: true },
    applicantKind: 'self',
    applicantName: '赵小梅',
    phone: PHONES.legalAid,
    idNumber: AID_ID_NUMBER,
    representativeName: null,
    representativeRelation: null,
    helper: null,
    matter: 'support',
    opponent: '赵某',
    facts: AID_FACTS,
    urgent: false,
    route: 'promise',
    household: [
      { relation: '本人', monthlyIncome: 1517, assets: 3000 },
      { relation: '女儿', monthlyIncome: 0, assets: 0 },
    ],
    promise: { noticeRead: true, authorizeVerification: true, signature: { fileID: 'cloud://devcloud/uploads/demo-elder/sign.png', name: '签名' }, fingerprintWitness: null },
    preferredLawyer: null,
    orgId: null,
    attachments: [],
  });
}, 60000);

afterAll(async () => {
  if (!closed) await cloud?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the scan for ID numbers and incomes', () => {
  it('finds them in plaintext, in JSON and canonical EJSON, and not in their sealed form', () => {
    const id = '420102198001011231';
    expect(isIdNumber(id)).toBe(true);
    expect(plaintextIdNumbers(`{"idNumber":"${id}","other":"420102198001011235"}`)).toEqual([id]);
    expect(plaintextIdNumbers(`{"idNumber":"${id.slice(0, 17)}x"}`)).toEqual([]);
    expect(plaintextIdNumbers('{"ts":"17647744000001234567890"}')).toEqual([]);
    expect(plaintextIncomes('{"householdIncome":{"$numberInt":"2350"},"a":{"monthlyIncome":"1800元"},"income":1200.5}')).toEqual([
      'householdIncome={"$numberInt":"2350"}',
      'monthlyIncome="1800元"',
      'income=1200.5',
    ]);
    const sealed = JSON.stringify({ idNumber: { kind: 'idNumber', masked: '420*************34', enc: { v: 1, k: 'k', iv: 'AAAA', ct: 'BBBB', tag: 'CCCC' }, hash: 'h' }, income: { kind: 'income', masked: '已填写', enc: {} } });
    expect([...plaintextIdNumbers(sealed), ...plaintextIncomes(sealed)]).toEqual([]);
    expect(plaintextIncomes('{"standard":{"monthlyIncomePerHead":{"$numberInt":"1200"}}}')).toEqual([]);
  });
});

describe('phones at rest', () => {
  it('shows masked numbers on screens, the number itself to its owner, and the full numbers through case.contact only', async () => {
    const mine = await cloud.api('demo-resident').case.mine({});
    expect(mine.cases).toHaveLength(1);
    const bookings = await cloud.api('demo-resident').booking.myBookings({});
    expect(bookings.bookings[0]?.phone).toBe(PHONES.booker);
    const day = await cloud.api('demo-advisor').booking.dayBookings({ orgId: 'qs-dongpo', day: '2026-03-03' });
    expect(day.bookings.map((b) => b.phone)).toEqual(['139****0005', '150****0006']);
    const [walkIn] = cloud.db.find('cases', { channel: 'hotline12348' }) as Array<{ _id: string; applicant: { phone: string; phoneHash: string }; proxy: { phone: string } }>;
    expect(walkIn?.applicant.phone).toBe('158****0003');
    expect(walkIn?.proxy.phone).toBe('188****0004');
    const detail = await cloud.api('demo-staff').case.get({ caseId: walkIn!._id });
    expect(detail.contact).toMatchObject({ phone: '158****0003', proxy: { phone: '188****0004' } });
    expect(await cloud.api('demo-staff').case.contact({ caseId: walkIn!._id })).toEqual({ phone: PHONES.walkIn, proxyPhone: PHONES.walkInProxy });
    // One audit row per reveal, none for a person reading their own booking or the public 公示栏.
    expect(cloud.db.find('audit_log', { what: 'case.contact.read', subject: walkIn!._id })).toHaveLength(2);
    expect(cloud.db.find('audit_log', { what: 'booking.phone.read' })).toHaveLength(0);
    expect(cloud.db.find('audit_log', { what: 'org.advisors.publish' })).toHaveLength(0);
    // The 公示栏 publishes advisors' numbers in full, by design.
    const org = await cloud.api('demo-resident').org.get({ id: 'qs-dongpo' });
    expect(org.advisors.map((a) => a.phone)).toContain('13900000003');
    const ledger = await cloud.api('demo-staff').case.ledger({ from: '2026-03-01', to: '2026-03-31' });
    expect(ledger.rows.map((r) => r.contact).sort()).toEqual(['135****0001；代办人136****0002', '137****5555', '137****7777', '158****0003；代办人188****0004']);
  });

  it('rebuilds the stored case from its ledger: core copies the sealed numbers as they are', () => {
    const [doc] = cloud.db.find('cases', { channel: 'hotline12348' }) as Array<{ _id: string; applicant: object; proxy: object }>;
    const events = cloud.db.find('case_events', { caseId: doc!._id }, { sort: { seq: 1 } }) as CaseEvent[];
    const state = replay(events);
    expect(state.applicant).toEqual(doc!.applicant);
    expect(state.proxy).toEqual(doc!.proxy);
    expect(state.applicant).toMatchObject({ phone: '158****0003', phoneEnc: { v: 1, k: 'dev-only-1' } });
  });

  it('finds a person by the keyed hash of their number, the same whichever way it was typed', () => {
    const [a, b] = cloud.db.find('cases', { channel: 'miniprogram' }) as Array<{ applicant: { phoneHash: string } }>;
    expect(a?.applicant.phoneHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a?.applicant.phoneHash).not.toBe(b?.applicant.phoneHash);
    const [member] = cloud.db.find('members', { _id: 'demo-staff' }) as Array<{ phone: string; phoneEnc: { k: string }; phoneHash: string }>;
    expect(member).toMatchObject({ phone: '139****0001', phoneEnc: { k: 'dev-only-1' } });
  });

  it('leaves no full number in plaintext in the data directory, the idempotency and audit records, or the logs', async () => {
    // An ID number (and a phone) typed into a summary: masked at intake, so the scan finds neither.
    const typed = await cloud.api('demo-elder').case.submit({ category: 'consultation', summary: `我身份证号${SUMMARY_ID_NUMBER}，儿子电话${PHONES.booker}不接`, applicant: { name: '刘奶奶', phone: PHONES.legalAid } });
    expect((await cloud.api('demo-elder').case.get({ caseId: typed.id })).case.summary).toBe('我身份证号420*************3X，儿子电话139****0005不接');
    const idempotency = JSON.stringify(cloud.db.find('idempotency', {}));
    const audit = JSON.stringify(cloud.db.find('audit_log', {}));
    logs = cloud.host.recentLogs().map((l) => `[${l.fn}] ${l.line}`);
    calls = cloud.host.recentCalls().map((c) => JSON.stringify(c));
    expect(logs.length).toBeGreaterThan(10);
    await cloud.close();
    closed = true;
    const files = filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    const found: string[] = [];
    const numbers = [...Object.values(PHONES), ...SEEDED, ...PLANTED];
    const scan = (where: string, text: string) => {
      for (const n of numbers) if (text.includes(n)) found.push(`${where}: ${n}`);
      for (const id of plaintextIdNumbers(text)) found.push(`${where}: ID number ${id}`);
      for (const income of plaintextIncomes(text)) found.push(`${where}: income ${income}`);
    };
    for (const file of files) scan(path.relative(dataDir, file), fs.readFileSync(file, 'utf8'));
    for (const [where, text] of [['idempotency', idempotency], ['audit_log', audit], ...logs.map((l, i) => [`log line ${i}`, l]), ...calls.map((c, i) => [`call ${i}`, c])] as const) scan(where, text);
    expect(found).toEqual([]);
    // The scan reads what was stored: the data directory does hold the masked copies it looks past.
    expect(files.some((f) => fs.readFileSync(f, 'utf8').includes('158****0003'))).toBe(true);
  });
});
