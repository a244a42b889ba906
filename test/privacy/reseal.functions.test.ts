/**
 * Key rotation (X1): data sealed under one key, then the deployment restarted with a new current key
 * (the old one still configured): the privacy function's timer re-seals every stored value under the
 * new key, a bounded number of documents per run, picking up where it left off, changing nothing on
 * a repeat; a case and its events still agree, and the old key can then go.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replay, type CaseEvent } from '../../core';
import { fieldKeysFrom, protectPhoneWith } from '../../cloudfunctions/_runtime/protect';
import { DEV_ONLY_FIELD_KEY_ENV } from '../../devcloud/server';
import { startTestCloud, type TestCloud } from '../support/devcloud';

const OLD_ID = DEV_ONLY_FIELD_KEY_ENV.FIELD_KEY_ID;
const NEW_KEY = 'Cy0M9Jb2m6rJ0wq1tq3cYb0b1Xo4JjE8V3g0p1bqf7M=';
const ROTATED = {
  FIELD_KEYS: JSON.stringify({ ...JSON.parse(DEV_ONLY_FIELD_KEY_ENV.FIELD_KEYS), 'rot-2': NEW_KEY }),
  FIELD_KEY_ID: 'rot-2',
  FIELD_HASH_KEY: DEV_ONLY_FIELD_KEY_ENV.FIELD_HASH_KEY,
  // A small budget per run (500 by default), so a few dozen documents show the bound and the resumption.
  RESEAL_DOCS_PER_RUN: '40',
};
const PER_RUN = 40;
/** More members than one run reads, so the sweep has to come back for the rest. */
const EXTRA_MEMBERS = 60;

let cloud: TestCloud | null = null;
let dataDir: string;
let caseId = '';

/** Every key id a sealed value in a collection is under. */
function keyIds(collection: string): Map<string, number> {
  const ids = new Map<string, number>();
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    const r = v as Record<string, unknown>;
    if (r.v === 1 && typeof r.k === 'string' && typeof r.ct === 'string') ids.set(r.k, (ids.get(r.k) ?? 0) + 1);
    else Object.values(r).forEach(walk);
  };
  (cloud as TestCloud).db.find(collection, {}, { limit: 100000 }).forEach(walk);
  return ids;
}
const job = () => (cloud as TestCloud).db.find('privacy_jobs', { _id: 'reseal' })[0] as { done: boolean; pass: number; total: number } | undefined;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'x1-reseal-'));
  cloud = await startTestCloud({ dataDir, seed: true });
  cloud.clock.set(new Date('2026-03-02T02:00:00Z'));
  const submitted = await cloud.api('demo-migrant').case.submit({
    category: 'consultation',
    summary: '替母亲问赡养费',
    applicant: { name: '李奶奶', phone: '13523450001' },
    proxy: { name: '李强', phone: '13623450002', relation: '儿子' },
  });
  caseId = submitted.id;
  const keys = fieldKeysFrom(DEV_ONLY_FIELD_KEY_ENV);
  await cloud.db.insertMany(
    'members',
    Array.from({ length: EXTRA_MEMBERS }, (_, i) => ({
      _id: `old-member-${String(i).padStart(4, '0')}`,
      ...protectPhoneWith(keys, `1370000${String(i).padStart(4, '0')}`),
      displayName: `老同事${i}`,
      grants: [],
      roles: [],
      orgIds: [],
      active: false,
    })),
  );
  await cloud.close();
  // The deployment restarts with a new current key; the old one stays until the sweep is done.
  cloud = await startTestCloud({ dataDir, functionEnv: ROTATED });
}, 60000);

afterAll(async () => {
  await cloud?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('re-sealing after a key rotation', () => {
  it('re-seals at most a bounded number of documents per run and resumes where it stopped', async () => {
    const c = cloud as TestCloud;
    expect(keyIds('members').get(OLD_ID)).toBeGreaterThan(EXTRA_MEMBERS);
    expect(keyIds('cases').get(OLD_ID)).toBe(2);

    expect(await c.triggers.fireNow('privacy')).toMatchObject({ trigger: 'sweep', ok: true });
    const afterOne = keyIds('members');
    expect(afterOne.get('rot-2')).toBeLessThanOrEqual(PER_RUN);
    expect(afterOne.get('rot-2')).toBeGreaterThan(0);
    expect(afterOne.get(OLD_ID)).toBeGreaterThan(0);
    expect(job()).toMatchObject({ done: false, pass: 1 });

    for (let run = 0; run < 10 && !job()?.done; run++) await c.triggers.fireNow('privacy');
    expect(job()?.done).toBe(true);
    for (const coll of ['members', 'cases', 'case_events', 'bookings', 'legal_aid']) expect(keyIds(coll).get(OLD_ID)).toBeUndefined();
    expect(keyIds('cases').get('rot-2')).toBe(2);
  });

  it('changes nothing on a repeat, and the case and its events still agree', async () => {
    const c = cloud as TestCloud;
    const before = JSON.stringify([c.db.find('members', {}, { limit: 100000 }), c.db.find('cases', {}), c.db.find('case_events', {})]);
    await c.triggers.fireNow('privacy');
    expect(JSON.stringify([c.db.find('members', {}, { limit: 100000 }), c.db.find('cases', {}), c.db.find('case_events', {})])).toBe(before);
    const [doc] = c.db.find('cases', { _id: caseId }) as Array<{ applicant: object; proxy: object }>;
    const state = replay(c.db.find('case_events', { caseId }, { sort: { seq: 1 } }) as CaseEvent[]);
    expect(state.applicant).toEqual(doc!.applicant);
    expect(state.proxy).toEqual(doc!.proxy);
  });

  it('needs the old key no more: the worker still reads the full numbers with the new key alone', async () => {
    await (cloud as TestCloud).close();
    cloud = await startTestCloud({ dataDir, functionEnv: { ...ROTATED, FIELD_KEYS: JSON.stringify({ 'rot-2': NEW_KEY }) } });
    expect(await cloud.api('demo-staff').case.contact({ caseId })).toEqual({ phone: '13523450001', proxyPhone: '13623450002' });
  }, 30000);
});
