import { ObjectId } from 'bson';
import { isDocId, isPlainObject, type Doc, type Plain } from './codec';
import type { IndexDecl } from './types';

/**
 * Declared indexes put to work: they narrow the documents a query looks at, and mingo still
 * filters, sorts and windows exactly what a full scan would have given it. The one rule that keeps
 * answers identical is that a plan yields a SUPERSET of the matching documents, in the
 * collection's natural order; whatever this module cannot reason about, it leaves to the scan.
 *
 * Written here rather than taken from a library: what is indexed must mirror mingo's own matching
 * (its path resolution through arrays, its type-bracketed comparisons), which no ordered-map
 * package knows about, and the ordered part is a sorted array with binary search.
 */

/**
 * One indexed value: a finite or infinite number as itself; everything else as a string whose first
 * character ranks its type, so one comparison orders them all and each type is one contiguous run.
 * OTHER stands for what a lookup can never ask for (missing, null, objects, NaN, invalid dates).
 */
export type Key = number | string;
const OTHER = '';
const BOOL_FALSE = 'b0';
const BOOL_TRUE = 'b1';
const DATE = 'd';
const DATE_END = 'e';
const OBJECT_ID = 'o';
const STRING = 's';
const STRING_END = 't';
/** Dates as fixed-width decimals of ms shifted past zero: string order is time order (±8.64e15 is Date's range). */
const DATE_SHIFT = 8.64e15;
const DATE_WIDTH = 17;

/** Over this many documents changed in one write, indexes are rebuilt on next use instead of spliced. */
export const BULK_REBUILD = 256;
/** A query probing more key tuples than this (large $in × $in) leaves the extra fields to mingo. */
const MAX_PROBES = 2048;
/** A document whose array fields multiply into more entries than this makes the index unusable. */
const MAX_ENTRIES_PER_DOC = 64;

function dateKey(ms: number): string {
  return DATE + String(ms + DATE_SHIFT).padStart(DATE_WIDTH, '0');
}

/** The key a query value can be looked up by, or null (null, regexes, objects, arrays, NaN …). */
function probeKey(v: unknown): Key | null {
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) ? null : v;
    case 'string':
      return STRING + v;
    case 'boolean':
      return v ? BOOL_TRUE : BOOL_FALSE;
    default:
      if (v instanceof Date) {
        const ms = v.getTime();
        return Number.isNaN(ms) ? null : dateKey(ms);
      }
      if (v instanceof ObjectId) return OBJECT_ID + v.toHexString();
      return null;
  }
}

type RangeType = 'number' | 'date' | 'string';

function rangeType(k: Key): RangeType | null {
  if (typeof k === 'number') return 'number';
  if (k.startsWith(DATE)) return 'date';
  if (k.startsWith(STRING)) return 'string';
  return null;
}

function cmpKey(a: Key, b: Key): number {
  if (typeof a === 'number') {
    if (typeof b !== 'number') return -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

// ─── what a filter asks of each field ──────────────────────────────────────────────────────

interface Bound {
  key: Key;
  lower: boolean;
  inclusive: boolean;
}

interface FieldCond {
  /** The first equality-like condition's values ($eq, $in, a bare value). Others are left to mingo. */
  eq: Key[] | null;
  bounds: Bound[];
}

interface Conjunction {
  fields: Map<string, FieldCond>;
  /** Each $or met in the conjunction: its branches. */
  ors: Plain[][];
}

/**
 * The conditions every matching document must meet: top-level fields and those of nested $and.
 * Conditions it does not understand are dropped, which only widens the candidates.
 */
function collect(filter: Plain, into: Conjunction = { fields: new Map(), ors: [] }): Conjunction {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$and') {
      if (Array.isArray(cond)) for (const branch of cond) if (isPlainObject(branch)) collect(branch, into);
    } else if (key === '$or') {
      if (Array.isArray(cond) && cond.length > 0 && cond.every(isPlainObject)) into.ors.push(cond);
    } else if (!key.startsWith('$')) {
      addField(into.fields, key, cond);
    }
  }
  return into;
}

function addField(fields: Map<string, FieldCond>, path: string, cond: unknown): void {
  const f = fields.get(path) ?? { eq: null, bounds: [] };
  fields.set(path, f);
  const direct = probeKey(cond);
  if (direct !== null) {
    f.eq ??= [direct];
    return;
  }
  if (!isPlainObject(cond)) return;
  const ops = Object.keys(cond);
  // An object with plain keys is equality with an embedded document: not looked up.
  if (ops.length === 0 || !ops.every((op) => op.startsWith('$'))) return;
  for (const op of ops) {
    const v = cond[op];
    if (op === '$eq') {
      const k = probeKey(v);
      if (k !== null) f.eq ??= [k];
    } else if (op === '$in') {
      if (!Array.isArray(v)) continue;
      const keys = v.map(probeKey);
      if (keys.every((k): k is Key => k !== null)) f.eq ??= [...new Set(keys)];
    } else if (op === '$gt' || op === '$gte' || op === '$lt' || op === '$lte') {
      const k = probeKey(v);
      if (k !== null && rangeType(k)) f.bounds.push({ key: k, lower: op.startsWith('$g'), inclusive: op.endsWith('e') });
    }
  }
}

// ─── what a document holds at a path ───────────────────────────────────────────────────────

/**
 * Every value a query on `parts` could compare with: mingo resolves a path through arrays at any
 * step and compares with an array's elements as well as the array, so all of them, flattened.
 */
function gather(value: unknown, parts: readonly string[], i: number, out: unknown[]): void {
  if (Array.isArray(value)) {
    for (const v of value) gather(v, parts, i, out);
    return;
  }
  if (i === parts.length) {
    out.push(value);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  gather((value as Plain)[parts[i] as string], parts, i + 1, out);
}

/** A path an index can follow the way mingo does: no array positions ("a.0"), nothing odd. */
function followable(path: string): boolean {
  return path.split('.').every((p) => p !== '' && !/^\d+$/.test(p) && p !== '__proto__');
}

// ─── one declared index ────────────────────────────────────────────────────────────────────

/** [key per indexed field …, ordinal, document key]: ordinals keep equal keys in natural order. */
type Entry = Key[];

export interface IndexHost {
  /** Every document with its key, in natural order. */
  documents(): Iterable<[string, Doc]>;
  ordinal(key: string): number | undefined;
}

/** Candidates from one plan: an estimate (entries to visit) and the document keys, possibly repeated. */
export interface Source {
  estimate: number;
  keys(): Iterable<string>;
}

interface Range {
  lo: Bound;
  hi: Bound;
}

export class SortedIndex {
  private entries: Entry[] | null = null;
  /** Per field: some document holds several values there (an array), so its bounds cannot be combined. */
  private multikey: boolean[];
  /** Per field: some document holds NaN or an invalid date, which mingo's $gte/$lte match (they compare equal). */
  private nan: boolean[];
  /** A document multiplied into too many entries: not used until a write makes a rebuild worth trying. */
  private unusable = false;
  private readonly parts: string[][];
  private readonly usable: boolean;
  private readonly n: number;
  /** Interned keys of strings and booleans: an index repeats the same few values (statuses, unit ids) a lot. */
  private readonly interned = new Map<string, string>();

  constructor(readonly decl: IndexDecl) {
    this.n = decl.keys.length;
    this.parts = decl.keys.map(([f]) => f.split('.'));
    this.usable = this.n > 0 && decl.keys.every(([f]) => followable(f));
    this.multikey = new Array<boolean>(this.n).fill(false);
    this.nan = new Array<boolean>(this.n).fill(false);
  }

  /** Marks the index stale: it is rebuilt from the documents when a query next wants it. */
  invalidate(): void {
    this.entries = null;
    this.unusable = false;
  }

  /** Keeps a built index in step with one document change (undefined: absent before / after). */
  update(key: string, before: Doc | undefined, beforeOrd: number | undefined, after: Doc | undefined, afterOrd: number | undefined): void {
    const entries = this.entries;
    if (!entries) {
      this.unusable = false; // the document that made it unusable may be gone: worth one more build
      return;
    }
    if (before && beforeOrd !== undefined) {
      for (const e of this.entriesOf(before, beforeOrd, key) ?? []) {
        const i = this.search(e, false);
        if (i < entries.length && cmpEntry(entries[i] as Entry, e, this.n) === 0) entries.splice(i, 1);
      }
    }
    if (after && afterOrd !== undefined) {
      const added = this.entriesOf(after, afterOrd, key);
      if (!added) {
        this.entries = null;
        this.unusable = true;
        return;
      }
      for (const e of added) entries.splice(this.search(e, true), 0, e);
    }
  }

  /**
   * The candidates this index can give for the conjunction: equality or $in on its leading fields,
   * then a range on the next one; null when it cannot narrow anything.
   */
  source(fields: Map<string, FieldCond>, host: IndexHost): Source | null {
    if (!this.usable) return null;
    const lead = fields.get(this.decl.keys[0]?.[0] as string);
    if (!lead || (lead.eq === null && lead.bounds.length === 0)) return null;
    const entries = this.ensure(host);
    if (!entries) return null;
    let prefixes: Key[][] = [[]];
    let depth = 0;
    let range: Range | null = null;
    for (let j = 0; j < this.n; j++) {
      const c = fields.get(this.decl.keys[j]?.[0] as string);
      if (c?.eq && prefixes.length * c.eq.length <= MAX_PROBES) {
        const eq = c.eq;
        prefixes = prefixes.flatMap((p) => eq.map((k) => [...p, k])); // `$in: []` leaves none: nothing matches
        depth += 1;
        continue;
      }
      if (c && c.eq === null && c.bounds.length > 0) range = this.rangeOf(c.bounds, j);
      break;
    }
    if (depth === 0 && !range) return null;
    const spans = prefixes.map((p) => this.span(entries, p, range));
    const estimate = spans.reduce((sum, [from, to]) => sum + Math.max(0, to - from), 0);
    const n = this.n;
    return {
      estimate,
      *keys() {
        for (const [from, to] of spans) for (let i = from; i < to; i++) yield (entries[i] as Entry)[n + 1] as string;
      },
    };
  }

  private ensure(host: IndexHost): Entry[] | null {
    if (this.entries) return this.entries;
    if (this.unusable) return null;
    this.multikey.fill(false);
    this.nan.fill(false);
    this.interned.clear();
    const all: Entry[] = [];
    for (const [key, doc] of host.documents()) {
      const ord = host.ordinal(key);
      if (ord === undefined) continue;
      const list = this.entriesOf(doc, ord, key);
      if (!list) {
        this.unusable = true;
        return null;
      }
      for (const e of list) all.push(e);
    }
    all.sort((a, b) => cmpEntry(a, b, this.n));
    this.entries = all;
    return all;
  }

  /** The document's entries (one per combination of its values), or null when there are too many. */
  private entriesOf(doc: Doc, ord: number, key: string): Entry[] | null {
    let tuples: Key[][] = [[]];
    for (let j = 0; j < this.n; j++) {
      const keys = this.keysAt(doc, j);
      if (tuples.length * keys.length > MAX_ENTRIES_PER_DOC) return null;
      tuples = keys.length === 1 ? tuples.map((t) => [...t, keys[0] as Key]) : tuples.flatMap((t) => keys.map((k) => [...t, k]));
    }
    // concat allocates exactly: a spread grows the backing store as it goes and keeps the slack,
    // which at 660k entries doubled the index's memory.
    return tuples.map((t) => t.concat(ord, key));
  }

  private keysAt(doc: Doc, j: number): Key[] {
    const values: unknown[] = [];
    gather(doc, this.parts[j] as string[], 0, values);
    const keys = new Set<Key>();
    for (const v of values) {
      const k = this.encode(v, j);
      if (k !== OTHER) keys.add(k);
    }
    if (keys.size > 1) this.multikey[j] = true;
    return keys.size === 0 ? [OTHER] : [...keys];
  }

  private encode(v: unknown, j: number): Key {
    if (typeof v === 'number' && Number.isNaN(v)) {
      this.nan[j] = true;
      return OTHER;
    }
    if (v instanceof Date && Number.isNaN(v.getTime())) {
      this.nan[j] = true;
      return OTHER;
    }
    const k = probeKey(v);
    if (k === null) return OTHER;
    if (typeof k !== 'string' || k.startsWith(DATE)) return k;
    const seen = this.interned.get(k);
    if (seen !== undefined) return seen;
    this.interned.set(k, k);
    return k;
  }

  /** One range over field j from the conditions on it, or null when a range there could miss a match. */
  private rangeOf(bounds: Bound[], j: number): Range | null {
    const type = rangeType((bounds[0] as Bound).key);
    if (!type) return null;
    if (type !== 'string' && this.nan[j]) return null;
    // mingo compares only within a type; with several values per document each bound may be met
    // by a different element, so then one bound alone is the safe range.
    const same = bounds.filter((b) => rangeType(b.key) === type);
    const used = this.multikey[j] ? same.slice(0, 1) : same;
    const [min, max]: [Key, Key] = type === 'number' ? [-Infinity, Infinity] : type === 'date' ? [DATE, DATE_END] : [STRING, STRING_END];
    let lo: Bound = { key: min, lower: true, inclusive: true };
    let hi: Bound = { key: max, lower: false, inclusive: type === 'number' };
    for (const b of used) {
      if (b.lower) {
        const c = cmpKey(b.key, lo.key);
        if (c > 0 || (c === 0 && !b.inclusive)) lo = b;
      } else {
        const c = cmpKey(b.key, hi.key);
        if (c < 0 || (c === 0 && !b.inclusive)) hi = b;
      }
    }
    return { lo, hi };
  }

  /** [from, to) of the entries starting with `prefix` (and within `range` on the next field). */
  private span(entries: Entry[], prefix: Key[], range: Range | null): [number, number] {
    if (!range) return [lowerBound(entries, prefix, false), lowerBound(entries, prefix, true)];
    const from = lowerBound(entries, [...prefix, range.lo.key], !range.lo.inclusive);
    const to = lowerBound(entries, [...prefix, range.hi.key], range.hi.inclusive);
    return [from, Math.max(from, to)];
  }

  /** Position of a whole entry: first not less than it, or (after) first greater than it. */
  private search(e: Entry, after: boolean): number {
    const entries = this.entries as Entry[];
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = cmpEntry(entries[mid] as Entry, e, this.n);
      if (c < 0 || (after && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Keys first, then ordinal: a total order (one document never has two equal entries). */
function cmpEntry(a: Entry, b: Entry, n: number): number {
  for (let i = 0; i < n; i++) {
    const c = cmpKey(a[i] as Key, b[i] as Key);
    if (c !== 0) return c;
  }
  return (a[n] as number) - (b[n] as number);
}

/** First entry whose leading keys are ≥ probe, or (after) > probe. */
function lowerBound(entries: Entry[], probe: Key[], after: boolean): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = entries[mid] as Entry;
    let c = 0;
    for (let i = 0; i < probe.length && c === 0; i++) c = cmpKey(e[i] as Key, probe[i] as Key);
    if (c < 0 || (after && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ─── choosing a plan ───────────────────────────────────────────────────────────────────────

/**
 * The cheapest way to find a superset of the filter's matches: _id lookups, one index, or the union
 * of an $or's branches (each planned the same way); null when only a scan will do.
 */
export function plan(filter: Plain, indexes: readonly SortedIndex[], host: IndexHost & { has(id: unknown): string | null }): Source | null {
  const conj = collect(filter);
  let best: Source | null = null;
  const consider = (s: Source | null) => {
    if (s && (!best || s.estimate < best.estimate)) best = s;
  };
  consider(idSource(filter, host));
  for (const index of indexes) consider(index.source(conj.fields, host));
  for (const branches of conj.ors) {
    const parts = branches.map((b) => plan(b, indexes, host));
    if (parts.every((p): p is Source => p !== null)) {
      consider({
        estimate: parts.reduce((sum, p) => sum + p.estimate, 0),
        *keys() {
          for (const p of parts) yield* p.keys();
        },
      });
    }
  }
  return best;
}

/** `_id` equality or $in: the documents map is the index. */
function idSource(filter: Plain, host: { has(id: unknown): string | null }): Source | null {
  const cond = filter._id;
  let ids: unknown[] | null = null;
  if (isDocId(cond)) ids = [cond];
  else if (isPlainObject(cond) && Object.keys(cond).every((op) => op.startsWith('$'))) {
    if ('$eq' in cond && isDocId(cond.$eq)) ids = [cond.$eq];
    else if (Array.isArray(cond.$in) && cond.$in.every(isDocId)) ids = cond.$in;
  }
  if (!ids) return null;
  const keys = ids.map((id) => host.has(id)).filter((k): k is string => k !== null);
  return { estimate: keys.length, keys: () => keys };
}
