import { isPlainObject, type Plain } from './codec';
import type { IndexDecl } from './types';

/** Sort spec as the wire sends it: field → 1 | -1, in key order. */
export type SortSpec = Record<string, number>;

// Operators an index can serve: equality, membership, ranges; plus array forms MongoDB also serves.
const INDEXABLE_OPS = new Set(['$eq', '$in', '$gt', '$gte', '$lt', '$lte', '$all', '$elemMatch']);

function isPrefixRegex(v: unknown): boolean {
  if (v instanceof RegExp) return v.source.startsWith('^');
  return typeof v === 'string' && v.startsWith('^');
}

/** Whether a field's condition could use an index on that field (eq, $in, range, anchored regex). */
function indexableCondition(cond: unknown): boolean {
  if (cond instanceof RegExp) return isPrefixRegex(cond);
  if (!isPlainObject(cond)) return true;
  const ops = Object.keys(cond).filter((k) => k.startsWith('$'));
  if (ops.length === 0) return true; // equality with an embedded document
  return ops.some((op) => INDEXABLE_OPS.has(op) || (op === '$regex' && isPrefixRegex(cond.$regex)));
}

function leadingFields(indexes: IndexDecl[]): Set<string> {
  const set = new Set<string>(['_id']);
  for (const index of indexes) {
    const first = index.keys[0];
    if (first) set.add(first[0]);
  }
  return set;
}

function filterCovered(filter: Plain, leading: Set<string>): boolean {
  for (const [key, cond] of Object.entries(filter)) {
    if (key === '$or' && Array.isArray(cond) && cond.length > 0) {
      if (cond.every((branch) => isPlainObject(branch) && filterCovered(branch, leading))) return true;
    } else if (key === '$and' && Array.isArray(cond)) {
      if (cond.some((branch) => isPlainObject(branch) && filterCovered(branch, leading))) return true;
    } else if (!key.startsWith('$') && leading.has(key) && indexableCondition(cond)) {
      return true;
    }
  }
  return false;
}

/** Field names a filter mentions, nested logical branches included, for the error message. */
function filterFields(filter: Plain, out: string[] = []): string[] {
  for (const [key, cond] of Object.entries(filter)) {
    if ((key === '$or' || key === '$and' || key === '$nor') && Array.isArray(cond)) {
      for (const branch of cond) if (isPlainObject(branch)) filterFields(branch, out);
    } else if (!key.startsWith('$') && !out.includes(key)) {
      out.push(key);
    }
  }
  return out;
}

/**
 * Strict mode's rule, kept pure for unit tests. `_id` is always indexed; an empty filter without a
 * sort is a plain scan CloudBase allows. Otherwise some index's first key must be a top-level filter
 * field used with an indexable condition (each `$or` branch covered, or any `$and` branch), or, when
 * the filter is empty, the first sort field. Returns null when covered, else the message naming the
 * query shape, e.g. `query on cases {status, orgPath} order {dueAt} is not covered by any declared index`.
 */
export function uncoveredQuery(collection: string, filter: Plain, sort: SortSpec | undefined, indexes: IndexDecl[]): string | null {
  const sortFields = sort ? Object.keys(sort) : [];
  const leading = leadingFields(indexes);
  const empty = Object.keys(filter).length === 0;
  if (empty) {
    const first = sortFields[0];
    if (first === undefined || leading.has(first)) return null;
  } else if (filterCovered(filter, leading)) {
    return null;
  }
  const order = sortFields.length ? ` order {${sortFields.join(', ')}}` : '';
  return `query on ${collection} {${filterFields(filter).join(', ')}}${order} is not covered by any declared index`;
}
