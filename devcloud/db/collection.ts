import { randomBytes } from 'node:crypto';
import { ObjectId } from 'bson';
import { clone, getPath, idKey, isDocId, toWire, type Doc, type DocId, type Plain } from './codec';
import { DbError } from './errors';
import { BULK_REBUILD, SortedIndex, plan, type IndexHost } from './indexes';
import type { IndexDecl } from './types';

/**
 * CloudBase's generated _ids are 32 hex characters. An ObjectId's 24 (time, process, counter)
 * plus 8 random keeps them unique and roughly time-ordered.
 */
export function newDocId(): string {
  return new ObjectId().toHexString() + randomBytes(4).toString('hex');
}

/** One intended write: the document's new image, or null to delete it. */
export interface Change {
  id: DocId;
  doc: Doc | null;
}

/** A collection's documents, in insertion order (the natural order queries without a sort see). */
export class Collection {
  private readonly docs = new Map<string, Doc>();
  /** Last write sequence per _id (deletions included), so transactions can detect a changed document. */
  private readonly versions = new Map<string, number>();
  /** For each unique index: key tuple → owning document's idKey. */
  private readonly unique = new Map<string, Map<string, string>>();
  /**
   * Each document's place in the natural order: the Map keeps insertion order (an update keeps the
   * place, a delete and re-insert goes last), and ordinals mirror it so index candidates can be
   * put back into that order without walking the whole Map.
   */
  private readonly ordinals = new Map<string, number>();
  private lastOrdinal = 0;
  /** Every declared index, unique or not, for narrowing queries. */
  private readonly sorted: SortedIndex[] = [];
  private readonly host: IndexHost & { has(id: unknown): string | null } = {
    documents: () => this.docs.entries(),
    ordinal: (key) => this.ordinals.get(key),
    has: (id) => (isDocId(id) && this.docs.has(idKey(id)) ? idKey(id) : null),
  };
  readonly indexes: IndexDecl[] = [];

  constructor(readonly name: string) {}

  get size(): number {
    return this.docs.size;
  }

  /** Live documents: callers must not mutate them. */
  values(): IterableIterator<Doc> {
    return this.docs.values();
  }

  get(id: DocId): Doc | undefined {
    return this.docs.get(idKey(id));
  }

  version(id: DocId): number {
    return this.versions.get(idKey(id)) ?? 0;
  }

  /**
   * Adds indexes not yet known by name; returns whether anything changed. While loading, `build` is
   * false and `reindex()` builds the unique maps once the data is complete.
   */
  ensureIndexes(decls: IndexDecl[], build = true): boolean {
    let changed = false;
    for (const decl of decls) {
      if (this.indexes.some((i) => i.name === decl.name)) continue;
      if (decl.unique && build) this.unique.set(decl.name, this.buildUnique(decl));
      const kept: IndexDecl = { name: decl.name, keys: decl.keys.map(([f, d]) => [f, d]), ...(decl.unique ? { unique: true } : {}) };
      this.indexes.push(kept);
      this.sorted.push(new SortedIndex(kept));
      changed = true;
    }
    return changed;
  }

  private buildUnique(decl: IndexDecl): Map<string, string> {
    const map = new Map<string, string>();
    for (const [key, doc] of this.docs) {
      const k = uniqueKey(decl, doc);
      if (map.has(k)) throw duplicate(this.name, decl, k);
      map.set(k, key);
    }
    return map;
  }

  /**
   * Applies the changes all-or-nothing: a unique-index violation undoes the ones already applied.
   * `seq` is the write sequence recorded as each document's version.
   */
  apply(changes: Change[], seq: number): void {
    // A bulk load rebuilds indexes once on next use rather than splicing them document by document.
    if (changes.length > BULK_REBUILD) for (const index of this.sorted) index.invalidate();
    const undo: Array<{ id: DocId; before: Doc | undefined; version: number | undefined }> = [];
    try {
      for (const change of changes) {
        const key = idKey(change.id);
        undo.push({ id: change.id, before: this.docs.get(key), version: this.versions.get(key) });
        this.put(key, change.doc);
        this.versions.set(key, seq);
      }
    } catch (e) {
      for (const u of undo.reverse()) {
        const key = idKey(u.id);
        this.put(key, u.before ?? null);
        if (u.version === undefined) this.versions.delete(key);
        else this.versions.set(key, u.version);
      }
      throw e;
    }
  }

  /**
   * Loading from disk skips unique checks: replaying a log over a newer snapshot passes through
   * states that were never live. `reindex()` checks the end state.
   */
  load(doc: Doc | null, id: DocId): void {
    const key = idKey(id);
    if (doc) {
      if (!this.docs.has(key)) this.ordinals.set(key, ++this.lastOrdinal);
      this.docs.set(key, doc);
    } else {
      this.docs.delete(key);
      this.ordinals.delete(key);
    }
    for (const index of this.sorted) index.invalidate();
  }

  reindex(): void {
    for (const decl of this.indexes) if (decl.unique) this.unique.set(decl.name, this.buildUnique(decl));
    for (const index of this.sorted) index.invalidate();
  }

  /**
   * The documents a filter could match, in natural order, found through the declared indexes (and
   * _id): a superset of the matches, which the caller still filters. Null when no index narrows it.
   */
  candidates(filter: Plain): Doc[] | null {
    const source = plan(filter, this.sorted, this.host);
    if (!source || source.estimate >= this.docs.size) return null;
    const picked: Array<[number, Doc]> = [];
    const seen = new Set<string>();
    for (const key of source.keys()) {
      if (seen.has(key)) continue;
      seen.add(key);
      const doc = this.docs.get(key);
      const ord = this.ordinals.get(key);
      if (doc && ord !== undefined) picked.push([ord, doc]);
    }
    picked.sort((a, b) => a[0] - b[0]);
    return picked.map(([, doc]) => doc);
  }

  private put(key: string, doc: Doc | null): void {
    const before = this.docs.get(key);
    const uniques = this.indexes.filter((i) => i.unique);
    const claims: Array<[Map<string, string>, string]> = [];
    for (const decl of uniques) {
      const map = this.unique.get(decl.name);
      if (!map) continue;
      if (doc) {
        const k = uniqueKey(decl, doc);
        const owner = map.get(k);
        if (owner !== undefined && owner !== key) throw duplicate(this.name, decl, k);
        claims.push([map, k]);
      }
    }
    for (const decl of uniques) {
      const map = this.unique.get(decl.name);
      if (map && before) {
        const k = uniqueKey(decl, before);
        if (map.get(k) === key) map.delete(k);
      }
    }
    for (const [map, k] of claims) map.set(k, key);
    const stored = doc ? clone(doc) : undefined;
    const beforeOrd = this.ordinals.get(key);
    if (stored) {
      this.docs.set(key, stored);
      if (beforeOrd === undefined) this.ordinals.set(key, ++this.lastOrdinal);
    } else {
      this.docs.delete(key);
      this.ordinals.delete(key);
    }
    const afterOrd = this.ordinals.get(key);
    for (const index of this.sorted) index.update(key, before, beforeOrd, stored, afterOrd);
  }
}

/** A missing field counts as null, as in CloudBase (MongoDB): two documents without it collide. */
function uniqueKey(decl: IndexDecl, doc: Doc): string {
  return toWire(decl.keys.map(([field]) => getPath(doc, field) ?? null));
}

function duplicate(collection: string, decl: IndexDecl, key: string): DbError {
  const fields = decl.keys.map(([f]) => f).join(', ');
  return new DbError(
    'DATABASE_DUPLICATE_WRITE',
    `E11000 duplicate key error collection: ${collection} index: ${decl.name} (${fields}) dup key: ${key}`,
  );
}
