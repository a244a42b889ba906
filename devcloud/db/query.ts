import { find, update } from 'mingo';
import { Aggregator } from 'mingo/aggregator';
import { Query } from 'mingo/query';
import type { AnyObject } from 'mingo/types';
import { isPlainObject, type Doc, type Plain } from './codec';
import { DbError } from './errors';
import type { SortSpec } from './coverage';
import { MONGO_CONTEXT } from './semantics';

/** The mingo surface devcloud uses, so query semantics live in one place. */

export interface Window {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
}

const UPDATE_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$currentDate', '$bit',
]);

function asMingoError(e: unknown, what: string): DbError {
  if (e instanceof DbError) return e;
  return new DbError('DATABASE_REQUEST_FAILED', `${what}: ${(e as Error).message}`);
}

export function matcher(filter: Plain): (doc: Doc) => boolean {
  try {
    const q = new Query(filter as AnyObject, { context: MONGO_CONTEXT });
    return (doc) => q.test(doc);
  } catch (e) {
    throw asMingoError(e, 'invalid query');
  }
}

/** Matching documents (live references) in sort order, windowed. */
export function select(docs: Iterable<Doc>, filter: Plain, window: Window = {}): Doc[] {
  const test = matcher(filter);
  const matched: Doc[] = [];
  for (const doc of docs) if (test(doc)) matched.push(doc);
  const hasSort = window.sort && Object.keys(window.sort).length > 0;
  if (!hasSort && !window.skip && window.limit === undefined) return matched;
  try {
    let cursor = find(matched, {});
    if (hasSort) cursor = cursor.sort(window.sort as Record<string, 1 | -1>);
    if (window.skip) cursor = cursor.skip(window.skip);
    if (window.limit !== undefined) cursor = cursor.limit(window.limit);
    return cursor.all() as Doc[];
  } catch (e) {
    throw asMingoError(e, 'invalid sort');
  }
}

export function project(docs: Doc[], projection: Plain | undefined): Plain[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  try {
    return find(docs, {}, projection as AnyObject).all() as Plain[];
  } catch (e) {
    throw asMingoError(e, 'invalid projection');
  }
}

export function isModifier(data: Plain): boolean {
  return Object.keys(data).some((k) => k.startsWith('$'));
}

function touchesId(data: Plain): boolean {
  return Object.values(data).some((fields) => isPlainObject(fields) && Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.')));
}

/** Applies update operators in place; returns whether anything changed (CloudBase's `updated` counts changes). */
export function applyModifier(doc: Doc, modifier: Plain): boolean {
  for (const op of Object.keys(modifier)) {
    if (!UPDATE_OPERATORS.has(op)) throw new DbError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${op}`);
  }
  if (touchesId(modifier)) throw new DbError('INVALID_PARAM', '_id cannot be updated');
  try {
    return update(doc, modifier as never, undefined, undefined, { cloneMode: 'deep' }).length > 0;
  } catch (e) {
    throw asMingoError(e, 'update failed');
  }
}

/** A plain object as update data merges its fields, as `doc().update()` with `merge: true` does. */
export function toModifier(data: Plain): Plain {
  return isModifier(data) ? data : { $set: data };
}

/** Top-level equality fields of a filter: what an upsert's new document starts from. */
export function equalityFields(filter: Plain): Plain {
  const out: Plain = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (isPlainObject(v) && Object.keys(v).some((op) => op.startsWith('$'))) {
      if ('$eq' in v) out[k] = v.$eq;
      continue;
    }
    if (!(v instanceof RegExp)) out[k] = v;
  }
  return out;
}

export function aggregate(docs: Plain[], pipeline: Plain[], resolve: (name: string) => Plain[]): Plain[] {
  try {
    return new Aggregator(pipeline as AnyObject[], { collectionResolver: (name: string) => resolve(name) as AnyObject[], context: MONGO_CONTEXT }).run(docs as AnyObject[]) as Plain[];
  } catch (e) {
    throw asMingoError(e, 'aggregate failed');
  }
}
