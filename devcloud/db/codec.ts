import { BSONRegExp, EJSON, Long, ObjectId } from 'bson';
import { DbError } from './errors';

/** CloudBase's _id: a string (generated ones are 32 hex), a number, or an ObjectId (db.ObjectId({id})). */
export type DocId = string | number | ObjectId;
export type Doc = Record<string, unknown> & { _id: DocId };
export type Plain = Record<string, unknown>;

// BSON only knows these regex flags; JS adds g/y/d/v, which mean nothing to a database match.
const BSON_REGEX_FLAGS = new Set(['i', 'm', 's', 'u', 'x', 'l']);

export function isPlainObject(v: unknown): v is Plain {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Turns what EJSON.parse gives into values mingo can compare: BSONRegExp → RegExp, unsafe Long →
 * number, and the SDK's `{$tcb_server_date: {offset}}` (db.serverDate()) → a Date taken now, as the
 * server would stamp it.
 */
export function normalize(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, now));
  if (value instanceof BSONRegExp) {
    const flags = [...value.options].filter((f) => 'imsu'.includes(f)).join('');
    return new RegExp(value.pattern, flags);
  }
  if (value instanceof Long) return value.toNumber();
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = value.$tcb_server_date;
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now + offset);
  }
  const out: Plain = {};
  for (const k of keys) out[k] = normalize(value[k], now);
  return out;
}

/** Parses one Extended JSON wire field; `what` names it in the error. */
export function parseWire(text: unknown, what: string, now: number): unknown {
  if (typeof text !== 'string') throw new DbError('INVALID_PARAM', `${what} must be an Extended JSON string`);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text);
  } catch (e) {
    throw new DbError('INVALID_PARAM', `${what} is not valid Extended JSON: ${(e as Error).message}`);
  }
  return normalize(parsed, now);
}

export function parseWireObject(text: unknown, what: string, now: number): Plain {
  const v = parseWire(text, what, now);
  if (!isPlainObject(v)) throw new DbError('INVALID_PARAM', `${what} must be an object`);
  return v;
}

function bsonSafe(value: unknown): unknown {
  if (value instanceof RegExp) {
    const flags = [...value.flags].filter((f) => BSON_REGEX_FLAGS.has(f)).join('');
    return flags === value.flags ? value : new RegExp(value.source, flags);
  }
  if (Array.isArray(value)) return value.map(bsonSafe);
  if (isPlainObject(value)) {
    const out: Plain = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = bsonSafe(v);
    return out;
  }
  return value;
}

/** Canonical EJSON keeps ints, doubles and Dates distinct, which the SDK's EJSON.parse restores. */
export function toWire(value: unknown): string {
  try {
    return EJSON.stringify(value as Plain, { relaxed: false });
  } catch {
    return EJSON.stringify(bsonSafe(value) as Plain, { relaxed: false });
  }
}

/** Deep copy of plain data; Dates are copied, other class instances (RegExp, ObjectId) are immutable and shared. */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const out: Plain = {};
    for (const [k, v] of Object.entries(value)) out[k] = clone(v);
    return out as T;
  }
  return value;
}

export function isDocId(v: unknown): v is DocId {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || v instanceof ObjectId;
}

/** Map key for an _id: "1", 1 and ObjectId("…1") are different documents. */
export function idKey(id: DocId): string {
  if (id instanceof ObjectId) return `o:${id.toHexString()}`;
  return `${typeof id === 'number' ? 'n' : 's'}:${id}`;
}

/** Reads a dotted path ("a.b"); undefined when any step is missing. */
export function getPath(doc: Plain, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Plain)[part];
  }
  return cur;
}
