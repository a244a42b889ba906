/**
 * Field protection's crypto (cloudfunctions/_runtime/protect.ts), in this process under keys set
 * here: a sealed value opens only under its own key id and untouched, survives a key rotation, and
 * a deployment without keys writes nothing.
 */
import crypto from 'node:crypto';
import type { ActionContext } from '../../cloudfunctions/_runtime/function';
import { lookupHash, protect, protectPhone, reseal, resealDocument, reveal, seal } from '../../cloudfunctions/_runtime/protect';
import { CENTER } from '../../scripts/seed/demo-county';
import { startTestCloud } from '../support/devcloud';

const key = () => crypto.randomBytes(32).toString('base64');
const OLD = key();
const NEW = key();
const HASH = key();
const saved = { ...process.env };

function useKeys(keys: Record<string, string>, current: string, hash = HASH): void {
  process.env.FIELD_KEYS = JSON.stringify(keys);
  process.env.FIELD_KEY_ID = current;
  process.env.FIELD_HASH_KEY = hash;
}

/** A person reading their own data: reveal writes no audit row, so no database is needed. */
const own: ActionContext = {
  actor: { openid: 'o-me', roles: ['resident'], grants: [], orgIds: [], displayName: null },
  access: { roles: ['resident'], scope: 'own' } as unknown as ActionContext['access'],
  requestId: undefined,
  now: () => new Date(),
};
const open = async (value: Parameters<typeof reveal>[2][number]) => (await reveal(own, { purpose: 'test.read', subject: 's', owners: ['o-me'] }, [value]))[0];

beforeEach(() => useKeys({ k1: OLD }, 'k1'));
afterAll(() => {
  process.env = saved;
});

describe('sealing a field', () => {
  it('opens what it sealed, and the stored form holds neither the value nor the same ciphertext twice', async () => {
    const a = seal('13712347777');
    const b = seal('13712347777');
    expect(a).toMatchObject({ v: 1, k: 'k1' });
    expect(JSON.stringify(a)).not.toContain('13712347777');
    expect(a.ct).not.toBe(b.ct);
    expect(await open(a)).toBe('13712347777');
  });

  it('refuses a value under a key id it does not have, or relabelled with another key id', async () => {
    const a = seal('13712347777');
    await expect(open({ ...a, k: 'gone' })).rejects.toThrow(/unknown key id "gone"/);
    useKeys({ k1: OLD, k2: OLD }, 'k1');
    // Same key bytes, another label: the key id is bound to the ciphertext.
    await expect(open({ ...a, k: 'k2' })).rejects.toThrow();
  });

  it('refuses a tampered tag or ciphertext', async () => {
    const a = seal('13712347777');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64');
    };
    await expect(open({ ...a, tag: flip(a.tag) })).rejects.toThrow();
    await expect(open({ ...a, ct: flip(a.ct) })).rejects.toThrow();
    await expect(open(a)).resolves.toBe('13712347777');
  });

  it('rotates: a value under the old key still opens, and is rewritten under the new one', async () => {
    const old = seal('13523450001');
    useKeys({ k1: OLD, k2: NEW }, 'k2');
    expect(await open(old)).toBe('13523450001');
    const rewritten = reseal(old);
    expect(rewritten.k).toBe('k2');
    expect(reseal(rewritten)).toBe(rewritten);
    expect(seal('x').k).toBe('k2');
    // Once every value is rewritten the old key goes, and the rewritten value needs only the new one.
    useKeys({ k2: NEW }, 'k2');
    expect(await open(rewritten)).toBe('13523450001');
    await expect(open(old)).rejects.toThrow();
  });

  it('gives a value stored before protection back as it is', async () => {
    expect(await open('13800000000')).toBe('13800000000');
    expect(await open(null)).toBeNull();
  });
});

describe('a phone as stored', () => {
  it('is masked, sealed and hashed; the hash ignores dashes and is keyed', async () => {
    const p = protectPhone('137-1234-7777');
    expect(p.phone).toBe('137******7777');
    expect(await open(p.phoneEnc)).toBe('137-1234-7777');
    expect(p.phoneHash).toBe(lookupHash('phone', '13712347777'));
    expect(lookupHash('idNumber', '13712347777')).not.toBe(p.phoneHash);
    useKeys({ k1: OLD }, 'k1', key());
    expect(lookupHash('phone', '13712347777')).not.toBe(p.phoneHash);
  });

  it('is never written without keys: sealing refuses instead of storing the plaintext', () => {
    delete process.env.FIELD_KEYS;
    expect(() => protectPhone('13712347777')).toThrow(/FIELD_KEYS/);
    useKeys({ k1: 'c2hvcnQ=' }, 'k1');
    expect(() => seal('13712347777')).toThrow(/32-byte/);
    useKeys({ k1: OLD }, 'k9');
    expect(() => seal('13712347777')).toThrow(/not in FIELD_KEYS/);
  });
});

describe('the other protected kinds', () => {
  it('stores an ID number masked, sealed and hashed for exact lookup, however it was typed', async () => {
    const id = protect('idNumber', '42010219800101123x');
    expect(id).toMatchObject({ kind: 'idNumber', masked: '420*************3X', enc: { k: 'k1' } });
    expect(JSON.stringify(id)).not.toMatch(/19800101/);
    expect(id.hash).toBe(lookupHash('idNumber', ' 420102 19800101 123X'));
    expect(id.hash).not.toBe(lookupHash('phone', '42010219800101123X'));
    expect(await open(id.enc)).toBe('42010219800101123x');
  });

  it('seals an income and a statement with no lookup hash, showing only that they were given', async () => {
    const income = protect('income', 2350);
    const statement = protect('statement', '丈夫长期打我，我想离婚');
    expect(income).toEqual({ kind: 'income', masked: '已填写', enc: expect.objectContaining({ k: 'k1' }) });
    expect(statement.masked).toBe('已填写（11字）');
    expect('hash' in statement).toBe(false);
    expect(Number(await open(income.enc))).toBe(2350);
    expect(await open(statement.enc)).toBe('丈夫长期打我，我想离婚');
  });
});

describe('re-sealing a stored document after a rotation', () => {
  it('brings every sealed value at any depth to the current key, the same old value to the same new one, and leaves the rest', async () => {
    const phone = protectPhone('13712347777');
    const id = protect('idNumber', '420102198001011234');
    const doc = { _id: 'c1', applicant: { name: '张', phone: phone.phone, phoneEnc: phone.phoneEnc }, aid: { idNumber: id, members: [{ income: protect('income', 100) }] }, at: new Date(0) };
    const event = { _id: 'e1', applicant: { ...doc.applicant } };
    expect(resealDocument(doc)).toBeNull();
    useKeys({ k1: OLD, k2: NEW }, 'k2');
    const a = resealDocument(doc);
    const b = resealDocument(event);
    expect(a?.resealed).toBe(3);
    expect(a?.changes.map((c) => c.path)).toEqual(['applicant.phoneEnc', 'aid.idNumber.enc', 'aid.members.0.income.enc']);
    expect(a?.changes[0]?.from).toBe(phone.phoneEnc);
    expect(a?.doc.applicant.phoneEnc?.k).toBe('k2');
    // One stored value, copied into a case and its event, re-seals to the same bytes in both.
    expect(b?.doc.applicant.phoneEnc).toEqual(a?.doc.applicant.phoneEnc);
    expect(a?.doc.aid.idNumber).toMatchObject({ kind: 'idNumber', masked: id.masked, hash: id.hash, enc: { k: 'k2' } });
    expect(a?.doc.at).toEqual(new Date(0));
    expect(resealDocument(a!.doc)).toBeNull();
    useKeys({ k2: NEW }, 'k2');
    // A value under a key no longer configured is reported by path, not opened, not lost.
    expect(resealDocument(doc)).toMatchObject({ resealed: 0, unopenable: ['applicant.phoneEnc', 'aid.idNumber.enc', 'aid.members.0.income.enc'] });
    expect(await open(a!.doc.aid.members[0]!.income.enc)).toBe('100');
    expect(await open(a!.doc.applicant.phoneEnc!)).toBe('13712347777');
  });
});

describe('a deployment without field keys', () => {
  it('answers INTERNAL to a write of a phone, says why in its log, and stores nothing', async () => {
    const cloud = await startTestCloud({ functionEnv: { FIELD_KEYS: '' } });
    try {
      await cloud.api('demo-admin').org.save(CENTER);
      const { code } = await cloud.api('demo-admin').identity.createInvite({ role: 'staff', orgIds: [CENTER.id] });
      const { body } = await cloud.call('identity', 'redeemInvite', { code, displayName: '新同事', phone: '13712349999' }, { openid: 'o-new', requestId: 'no-keys-redeem-1' });
      expect(body).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(cloud.db.find('members', { _id: 'o-new' })).toEqual([]);
      expect(cloud.host.recentLogs().some((l) => l.line.includes('field protection keys unavailable'))).toBe(true);
      expect(JSON.stringify(cloud.host.recentLogs())).not.toContain('13712349999');
    } finally {
      await cloud.close();
    }
  }, 30000);
});
