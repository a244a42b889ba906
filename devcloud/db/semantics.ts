import { Context, evalExpr } from 'mingo/core';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Any, AnyObject, Options } from 'mingo/types';
import { isPlainObject } from './codec';
import { DbError } from './errors';

/**
 * Where mingo answers differently from MongoDB (which CloudBase's database is), devcloud answers as
 * MongoDB does, or refuses naming the operator. Checked against MongoDB's documented behaviour in
 * test/devcloud/semantics.devcloud.test.ts.
 */

/**
 * The values a dotted path reaches in a document, as MongoDB's query engine walks it: through an
 * array of documents it goes into each element (a numeric part also picks the element at that
 * index); a part that is missing reaches nothing.
 */
export function pathValues(value: unknown, parts: readonly string[]): unknown[] {
  if (parts.length === 0) return [value];
  const [part, ...rest] = parts as [string, ...string[]];
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    if (/^\d+$/.test(part) && Number(part) < value.length) out.push(...pathValues(value[Number(part)], rest));
    for (const el of value) if (isPlainObject(el) && part in el) out.push(...pathValues(el[part], rest));
    return out;
  }
  if (isPlainObject(value) && part in value) return pathValues(value[part], rest);
  return [];
}

const reached = (doc: unknown, selector: string) => pathValues(doc, selector.split('.'));

/** MongoDB's $mod: the value truncated toward zero; an array field matches by any element; null, text and NaN never. */
const $mod = (selector: string, spec: Any) => {
  if (!Array.isArray(spec) || spec.length !== 2 || !spec.every((n) => typeof n === 'number' && Number.isFinite(n)) || spec[0] === 0) {
    throw new DbError('DATABASE_INVALID_OPERRATOR', '$mod needs [divisor, remainder]: two numbers, the divisor not 0');
  }
  const [divisor, remainder] = spec.map(Math.trunc) as [number, number];
  const fits = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && Math.trunc(v) % divisor === remainder;
  return (doc: AnyObject) => reached(doc, selector).some((v) => fits(v) || (Array.isArray(v) && v.some(fits)));
};

/** MongoDB's $size: an array the path reaches has that length; values an array of documents yields one by one are not an array. */
const $size = (selector: string, n: Any) => (doc: AnyObject) => reached(doc, selector).some((v) => Array.isArray(v) && v.length === n);

const LOGICAL = new Set(['$and', '$or', '$nor', '$expr', '$where', '$comment']);

/** MongoDB's $elemMatch: an array the path reaches has an element matching; scalars a path yields through an array do not count. */
const $elemMatch = (selector: string, spec: Any, options: Options) => {
  if (!isPlainObject(spec)) throw new DbError('DATABASE_INVALID_OPERRATOR', '$elemMatch needs an object');
  const keys = Object.keys(spec);
  // {$gt: 5}: a condition on the element itself; {b: …} or {$and: …}: a query on element documents.
  const onValue = keys.length > 0 && keys.every((k) => k.startsWith('$') && !LOGICAL.has(k));
  const inner = onValue ? new Query({ v: spec } as AnyObject, options) : new Query(spec as AnyObject, options);
  const test = (el: unknown) => (onValue ? inner.test({ v: el } as AnyObject) : isPlainObject(el) && inner.test(el as AnyObject));
  return (doc: AnyObject) => reached(doc, selector).some((v) => Array.isArray(v) && v.some(test));
};

/** mingo has no validator configured and would match every document: refuse rather than answer wrongly. */
const $jsonSchema = () => {
  throw new DbError('DATABASE_INVALID_OPERRATOR', '$jsonSchema is not supported by devcloud: mingo cannot check a JSON schema as MongoDB does (query with ordinary operators instead)');
};

/** Offsets MongoDB accepts as a timezone that devcloud can apply: UTC and ±HH[:MM]. */
function offsetMinutes(tz: unknown): number {
  if (tz === undefined || tz === null || tz === 'UTC' || tz === 'GMT' || tz === 'Z') return 0;
  const m = typeof tz === 'string' ? /^([+-])(\d{2}):?(\d{2})?$/.exec(tz) : null;
  if (!m) throw new DbError('DATABASE_INVALID_OPERRATOR', `$week with timezone ${JSON.stringify(tz)} is not supported by devcloud: give a UTC offset such as "+08:00"`);
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * MongoDB's $week (strftime %U): weeks begin on Sunday, the first Sunday of the year starts week 1
 * and the days before it are week 0 (0–53). mingo counts differently.
 */
const $week = (obj: AnyObject, expr: Any, options: Options) => {
  const form = isPlainObject(expr) && 'date' in expr ? expr : { date: expr };
  const raw = evalExpr(obj, form.date as Any, options);
  if (raw === null || raw === undefined) return null;
  if (!(raw instanceof Date)) throw new DbError('DATABASE_INVALID_OPERRATOR', '$week takes a date');
  const tz = 'timezone' in form ? evalExpr(obj, form.timezone as Any, options) : undefined;
  const local = new Date(raw.getTime() + offsetMinutes(tz) * 60_000);
  const yearStart = Date.UTC(local.getUTCFullYear(), 0, 1);
  const dayOfYear = Math.floor((local.getTime() - yearStart) / 86_400_000);
  return Math.floor((dayOfYear + 7 - local.getUTCDay()) / 7);
};

/**
 * mingo's operators with devcloud's in their place. (mingo's own Query/Aggregator put its defaults
 * first, and the first of a name wins: devcloud uses the classes that take a context as given.)
 */
export const MONGO_CONTEXT = Context.init({
  accumulator: accumulatorOps as never,
  expression: { ...expressionOps, $week } as never,
  pipeline: pipelineOps as never,
  projection: projectionOps as never,
  query: { ...queryOps, $mod, $size, $elemMatch, $jsonSchema } as never,
  window: windowOps as never,
});
