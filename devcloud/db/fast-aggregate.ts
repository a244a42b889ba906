import { isPlainObject, type Plain } from './codec';

/**
 * A fast path for the reporting pipeline the statistics board runs — $project of plain fields,
 * then $group by plain fields with $sum — which mingo evaluates at about 1.5 s per 100k
 * documents, enough to time a county's year-long board out. Only that shape is compiled; any
 * other stage, or a document whose path crosses an array (where MongoDB would map over it),
 * returns null and mingo runs the pipeline as before. test/devcloud/fast-aggregate.devcloud.test.ts checks
 * the two agree on generated documents.
 */
export type ProjectGroup = (docs: Iterable<Plain>) => Plain[] | null;

const CROSSED_ARRAY = Symbol('crossed an array');

function fieldRef(v: unknown): string[] | null {
  return typeof v === 'string' && /^\$[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(v) ? v.slice(1).split('.') : null;
}

function read(doc: Plain, path: readonly string[]): unknown {
  let cur: unknown = doc;
  for (const part of path) {
    if (Array.isArray(cur)) return CROSSED_ARRAY;
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

type Field = { name: string; path: string[] };

function compileProject(spec: unknown): ((doc: Plain) => Plain | null) | null {
  if (!isPlainObject(spec)) return null;
  let keepId = true;
  const fields: Field[] = [];
  for (const [name, v] of Object.entries(spec)) {
    if (name.startsWith('$') || name.includes('.')) return null;
    if (name === '_id' && (v === 0 || v === false)) keepId = false;
    else if (v === 1 || v === true) fields.push({ name, path: [name] });
    else {
      const path = fieldRef(v);
      if (!path) return null;
      fields.push({ name, path });
    }
  }
  if (keepId && !fields.some((f) => f.name === '_id')) fields.unshift({ name: '_id', path: ['_id'] });
  return (doc) => {
    const out: Plain = {};
    for (const { name, path } of fields) {
      const v = read(doc, path);
      if (v === CROSSED_ARRAY) return null;
      if (v !== undefined) out[name] = v;
    }
    return out;
  };
}

/** Grouping identity: equal keys for values MongoDB groups together (missing counts as null). */
function keyOf(v: unknown): string {
  if (v === undefined || v === null) return 'z';
  if (v instanceof Date) return `d${v.getTime()}`;
  if (Array.isArray(v)) return `[${v.map(keyOf).join(',')}]`;
  if (isPlainObject(v)) return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${keyOf(x)}`).join(',')}}`;
  if (typeof v === 'number' || typeof v === 'bigint') return `n${String(v)}`;
  return `${typeof v}${JSON.stringify(v)}`;
}

function compileGroup(spec: unknown): ((docs: Plain[]) => Plain[] | null) | null {
  if (!isPlainObject(spec) || !('_id' in spec)) return null;
  const id = spec._id;
  let idOf: (doc: Plain) => unknown;
  const single = fieldRef(id);
  if (single) idOf = (doc) => read(doc, single);
  else if (isPlainObject(id)) {
    const parts = Object.entries(id).map(([name, v]) => ({ name, path: fieldRef(v) }));
    if (parts.length === 0 || parts.some((p) => p.path === null || p.name.startsWith('$'))) return null;
    idOf = (doc) => {
      const out: Plain = {};
      for (const { name, path } of parts) {
        const v = read(doc, path as string[]);
        if (v === CROSSED_ARRAY) return CROSSED_ARRAY;
        // As in MongoDB, a missing field is left out of the key (and {} differs from {a: null}).
        if (v !== undefined) out[name] = v;
      }
      return out;
    };
  } else if (id === null || typeof id === 'number' || typeof id === 'boolean' || (typeof id === 'string' && !id.startsWith('$'))) idOf = () => id;
  else return null;
  const sums: Array<{ name: string; add: (doc: Plain) => number | typeof CROSSED_ARRAY }> = [];
  for (const [name, acc] of Object.entries(spec)) {
    if (name === '_id') continue;
    if (!isPlainObject(acc) || Object.keys(acc).length !== 1 || !('$sum' in acc)) return null;
    const arg = acc.$sum;
    if (typeof arg === 'number') sums.push({ name, add: () => arg });
    else {
      const path = fieldRef(arg);
      if (!path) return null;
      sums.push({
        name,
        add: (doc) => {
          const v = read(doc, path);
          // mingo's $sum skips NaN as it skips non-numbers; the fast path answers as the slow one.
          return v === CROSSED_ARRAY ? v : typeof v === 'number' && !Number.isNaN(v) ? v : 0;
        },
      });
    }
  }
  return (docs) => {
    const groups = new Map<string, Plain>();
    for (const doc of docs) {
      const key = idOf(doc);
      if (key === CROSSED_ARRAY) return null;
      const k = keyOf(key);
      let row = groups.get(k);
      if (!row) {
        row = { _id: key === undefined ? null : key };
        for (const s of sums) row[s.name] = 0;
        groups.set(k, row);
      }
      for (const s of sums) {
        const n = s.add(doc);
        if (n === CROSSED_ARRAY) return null;
        row[s.name] = (row[s.name] as number) + n;
      }
    }
    return [...groups.values()];
  };
}

/** A compiled `$project` + `$group` pair, or null when either stage is outside the fast shape. */
export function compileProjectGroup(project: unknown, group: unknown): ProjectGroup | null {
  const p = compileProject(project);
  const g = compileGroup(group);
  if (!p || !g) return null;
  return (docs) => {
    const narrowed: Plain[] = [];
    for (const doc of docs) {
      const out = p(doc);
      if (!out) return null;
      narrowed.push(out);
    }
    return g(narrowed);
  };
}
