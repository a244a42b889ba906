import crypto from 'node:crypto';
import { isLookupKind, isSealedValue, maskField, maskPhone, type LookupKind, type ProtectedField, type ProtectedKind, type SealedValue, type StoredPhone } from '@core';
import { audit } from './audit';
import type { ActionContext } from './function';
import { log } from './log';

/**
 * Field protection of sensitive personal information (PIPL Art 28/51): a value is sealed with
 * AES-256-GCM under a data key from the function environment, never stored in plaintext; a keyed
 * hash beside it finds a record by the exact value; a masked copy is what screens show. The keys:
 * - FIELD_KEYS: JSON map keyId → base64 32-byte key (every key still needed to open old values),
 * - FIELD_KEY_ID: the key new values are sealed under (rotation: add a key, point this at it,
 *   then `reseal` values as they are rewritten; drop the old key once none is left under it),
 * - FIELD_HASH_KEY: base64 key of the lookup hash, separate so a hash reveals nothing of the data
 *   keys. It cannot rotate without rehashing every value.
 * A deployment without them refuses every write of a protected field (INTERNAL) rather than store
 * the plaintext.
 *
 * The API (docs: /work/notes/x1-protect.md and docs/privacy.md): `protect(kind, value)` gives the
 * stored form of any protected kind (masked copy, sealed value, lookup hash for phone and ID
 * number); `lookupHash(kind, value)` is what a query compares with; `reveal(ctx, reading, values)`
 * is the one decryption path, audited; `resealDocument` is what the rotation sweep applies.
 */

const VERSION = 1;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const ALGORITHM = 'aes-256-gcm';

export interface FieldKeys {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
  hashKey: Buffer;
}

class KeysUnavailable extends Error {}

function decodeKey(name: string, b64: unknown): Buffer {
  const key = typeof b64 === 'string' ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) throw new KeysUnavailable(`${name} is not a base64 ${KEY_BYTES}-byte key`);
  return key;
}

/** The key set of an environment; throws when it is missing or malformed (the message names the variable, never a key). */
export function fieldKeysFrom(env: Record<string, string | undefined>): FieldKeys {
  const { FIELD_KEYS: json, FIELD_KEY_ID: current, FIELD_HASH_KEY: hash } = env;
  if (!json || !current || !hash) throw new KeysUnavailable('FIELD_KEYS, FIELD_KEY_ID and FIELD_HASH_KEY must all be set');
  let map: unknown;
  try {
    map = JSON.parse(json);
  } catch {
    throw new KeysUnavailable('FIELD_KEYS is not JSON');
  }
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw new KeysUnavailable('FIELD_KEYS is not a map of key id to key');
  const keys = new Map(Object.entries(map).map(([id, b64]) => [id, decodeKey(`FIELD_KEYS.${id}`, b64)] as const));
  if (!keys.has(current)) throw new KeysUnavailable(`FIELD_KEY_ID "${current}" is not in FIELD_KEYS`);
  return { current, keys, hashKey: decodeKey('FIELD_HASH_KEY', hash) };
}

let cached: { source: string; keys: FieldKeys } | null = null;

/** This instance's keys, parsed once per environment; a missing key set is logged loudly each time it is needed. */
function fieldKeys(): FieldKeys {
  const env = { FIELD_KEYS: process.env.FIELD_KEYS, FIELD_KEY_ID: process.env.FIELD_KEY_ID, FIELD_HASH_KEY: process.env.FIELD_HASH_KEY };
  const source = JSON.stringify(env);
  if (cached?.source === source) return cached.keys;
  try {
    cached = { source, keys: fieldKeysFrom(env) };
    return cached.keys;
  } catch (err) {
    log('error', 'field protection keys unavailable: protected fields are neither written nor read', { problem: String((err as Error).message) });
    throw err;
  }
}

/** The version and key id are bound to the ciphertext: a value relabelled with another key id does not open. */
const aad = (v: number, k: string) => Buffer.from(`v${v}:${k}`, 'utf8');

function sealUnder(keys: FieldKeys, plain: string, iv: Buffer = crypto.randomBytes(IV_BYTES)): SealedValue {
  const key = keys.keys.get(keys.current) as Buffer;
  const cipher = crypto.createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad(VERSION, keys.current));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { v: VERSION, k: keys.current, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function openUnder(keys: FieldKeys, sealed: SealedValue): string {
  const key = keys.keys.get(sealed.k);
  if (sealed.v !== VERSION || !key) throw new Error(`sealed value under unknown key id "${sealed.k}" (version ${String(sealed.v)})`);
  const decipher = crypto.createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(aad(sealed.v, sealed.k));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
}

/** Seals a value under the current key. */
export function seal(plain: string): SealedValue {
  return sealUnder(fieldKeys(), plain);
}

/**
 * The same value under the current key (rotation), or the value itself when it is already there.
 * The new IV is derived from the old envelope (HMAC under the new key), so one stored value
 * re-seals to one new value wherever it was copied: a case and the events that carry its applicant
 * still agree after the sweep (replay rebuilds the case), and two sweeps racing write the same bytes.
 * An IV repeats only for the same old envelope, that is for the same plaintext: GCM's nonce rule holds.
 */
export function reseal(sealed: SealedValue): SealedValue {
  return resealUnder(fieldKeys(), sealed);
}

function resealUnder(keys: FieldKeys, sealed: SealedValue): SealedValue {
  if (sealed.k === keys.current) return sealed;
  const newKey = keys.keys.get(keys.current) as Buffer;
  const iv = crypto.createHmac('sha256', newKey).update(`reseal\n${sealed.k}\n${sealed.iv}\n${sealed.ct}\n${sealed.tag}`).digest().subarray(0, IV_BYTES);
  return sealUnder(keys, openUnder(keys, sealed), iv);
}

/** The key id new values are sealed under (what the re-seal sweep brings every value to). */
export function currentKeyId(): string {
  return fieldKeys().current;
}

/** One sealed value of a document re-sealed: where (a dotted path, array positions included) and from what to what. */
export interface ResealChange {
  path: string;
  from: SealedValue;
  to: SealedValue;
}

/**
 * A stored document with every sealed value in it (at any depth, in arrays too) re-sealed under the
 * current key, with the list of what changed where; null when nothing needed it. For the rotation
 * sweep, which writes each change conditioned on the old value still being there. A value under a
 * key id no longer configured is left as it is and listed in `unopenable` (never its content).
 */
export function resealDocument<T>(doc: T): { doc: T; resealed: number; changes: ResealChange[]; unopenable: string[] } | null {
  const keys = fieldKeys();
  const changes: ResealChange[] = [];
  const unopenable: string[] = [];
  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (depth > 32 || typeof v !== 'object' || v === null || v instanceof Date) return v;
    if (isSealedValue(v)) {
      if (v.k === keys.current) return v;
      if (!keys.keys.has(v.k)) {
        unopenable.push(path);
        return v;
      }
      const to = resealUnder(keys, v);
      changes.push({ path, from: v, to });
      return to;
    }
    const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
    if (Array.isArray(v)) return v.map((x, i) => walk(x, at(i), depth + 1));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, at(k), depth + 1)]));
  };
  const out = walk(doc, '', 0) as T;
  return changes.length > 0 || unopenable.length > 0 ? { doc: out, resealed: changes.length, changes, unopenable } : null;
}

/** What a kind of value is compared as: a phone's dashes and spaces are not part of the number, nor an ID number's spaces or case. */
const NORMAL: Record<LookupKind, (v: string) => string> = {
  phone: (v) => v.replace(/[\s-]/g, ''),
  idNumber: (v) => v.replace(/\s/g, '').toUpperCase(),
};

/** The keyed hash (HMAC-SHA256) for exact lookup; the kind is hashed in, so a phone and an ID number never share one. */
export function lookupHash(kind: LookupKind, value: string): string {
  return hashUnder(fieldKeys(), kind, value);
}

function hashUnder(keys: FieldKeys, kind: LookupKind, value: string): string {
  return crypto.createHmac('sha256', keys.hashKey).update(`${kind}\n${NORMAL[kind](value)}`).digest('base64url');
}

/** A value of a protected kind as it is stored under a given key set: for tools that write records without a function (the bench generator, seeds). */
export function protectWith<K extends ProtectedKind>(keys: FieldKeys, kind: K, value: string | number): ProtectedField<K> {
  const plain = String(value);
  const field = { kind, masked: maskField(kind, plain), enc: sealUnder(keys, plain) } as ProtectedField<K>;
  if (isLookupKind(kind)) (field as ProtectedField).hash = hashUnder(keys, kind, plain);
  return field;
}

/**
 * A value of a protected kind as it is stored: masked copy, sealed value, and for a phone or an ID
 * number the lookup hash. An income is sealed as its decimal text (`String(value)`): parse it back
 * after `reveal`.
 */
export function protect<K extends ProtectedKind>(kind: K, value: string | number): ProtectedField<K> {
  return protectWith(fieldKeys(), kind, value);
}

/** What `reveal` opens of a ProtectedField (absent: null). */
export function sealedOf(field: ProtectedField | null | undefined): SealedValue | null {
  return field?.enc ?? null;
}

/** A phone as it is stored under a given key set: for tools that write stored records without a function (the bench generator). */
export function protectPhoneWith(keys: FieldKeys, phone: string): Required<StoredPhone> {
  return { phone: maskPhone(phone), phoneEnc: sealUnder(keys, phone), phoneHash: hashUnder(keys, 'phone', phone) };
}

/** A phone as it is stored: masked, sealed, hashed. */
export function protectPhone(phone: string): Required<StoredPhone> {
  return protectPhoneWith(fieldKeys(), phone);
}

/** What `reveal` opens: a stored phone's sealed number, or its plain `phone` when it was stored before protection. */
export function sealedOrLegacy(p: StoredPhone): SealedValue | string {
  return p.phoneEnc ?? p.phone;
}

export interface Reading {
  /** Why, as the audit log names it, e.g. `case.contact.read`. */
  purpose: string;
  /** The record the values belong to: the audit row's subject. */
  subject: string;
  /** Whose data it is: the openids of the people the values belong to (null: a walk-in without WeChat). */
  owners: ReadonlyArray<string | null>;
  /** The units the record belongs to (a case's unit), so their supervisors see the reading in the audit log. */
  units?: readonly string[];
  /** Published on purpose (an advisor's phone on the 公示栏): nobody's private data, so no audit row. */
  published?: boolean;
}

/**
 * The one way to decrypt a protected field. Reading someone else's data (a worker calling an
 * applicant) writes one audit row for the whole reading; a person reading their own writes none.
 * A string is a value stored before protection and comes back as it is.
 */
export async function reveal(ctx: ActionContext, reading: Reading, values: ReadonlyArray<SealedValue | string | null | undefined>): Promise<Array<string | null>> {
  const sealed = values.filter((v): v is SealedValue => typeof v === 'object' && v !== null);
  const keys = sealed.length > 0 ? fieldKeys() : null;
  const plain = values.map((v) => (v === null || v === undefined ? null : typeof v === 'string' ? v : openUnder(keys as FieldKeys, v)));
  const othersData = reading.owners.some((o) => o !== ctx.actor.openid);
  if (!reading.published && othersData) await audit(ctx, reading.purpose, reading.subject, { fields: values.filter((v) => v !== null && v !== undefined).length }, reading.units);
  return plain;
}
