import { randomBytes } from 'node:crypto';
import { ObjectId } from 'bson';
import { clone, getPath, idKey, toWire, type Doc, type DocId } from './codec';
import { DbError } from './errors';
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
      this.indexes.push({ name: decl.name, keys: decl.keys.map(([f, d]) => [f, d]), ...(decl.unique ? { unique: true } : {}) });
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
    if (doc) this.docs.set(key, doc);
    else this.docs.delete(key);
  }

  reindex(): void {
    for (const decl of this.indexes) if (decl.unique) this.unique.set(decl.name, this.buildUnique(decl));
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
    if (doc) this.docs.set(key, clone(doc));
    else this.docs.delete(key);
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
