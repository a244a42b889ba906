/**
 * devcloud's compiled $project + $group (the statistics board's pipeline shape) must answer
 * exactly what mingo answers for the same stages, or decline (null) so mingo runs them. Documents
 * come from small domains so groups collide, with the awkward values in: missing fields, null,
 * dates, NaN, ±0, arrays as values and arrays along a path.
 */
import fc from 'fast-check';
import { compileProjectGroup } from '../../devcloud/db/fast-aggregate';
import { aggregate } from '../../devcloud/db/query';

type Plain = Record<string, unknown>;

const DATES = [new Date('2026-01-01T00:00:00Z'), new Date('2026-06-01T00:00:00Z')];
const scalar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b') },
  { weight: 6, arbitrary: fc.constantFrom(1, 2, 5) },
  { weight: 2, arbitrary: fc.constantFrom(...DATES) },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: fc.constantFrom(null, 0, -0, 1.5, Number.NaN, '') },
);
const value = fc.oneof({ weight: 8, arbitrary: scalar }, { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) });
const doc = fc.record(
  {
    _id: fc.string({ minLength: 1, maxLength: 4 }),
    a: value,
    b: value,
    n: fc.oneof({ weight: 6, arbitrary: fc.record({ x: value, y: value }, { requiredKeys: [] }) }, { weight: 1, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(fc.record({ x: value })) }),
  },
  { requiredKeys: ['_id'] },
);

const project = fc.oneof(
  fc.constant({ a: 1, b: 1 }),
  fc.constant({ a: 1, x: '$n.x', _id: 0 }),
  fc.constant({ b: true, x: '$n.x', y: '$n.y' }),
  fc.constant({ a: 1, b: 1, n: 1 }),
);
const group = fc.oneof(
  fc.constant({ _id: '$a', count: { $sum: 1 } }),
  fc.constant({ _id: { a: '$a', b: '$b' }, count: { $sum: 1 }, total: { $sum: '$b' } }),
  fc.constant({ _id: { a: '$a', x: '$x' }, count: { $sum: 1 } }),
  fc.constant({ _id: null, count: { $sum: 2 }, xs: { $sum: '$x' } }),
  fc.constant({ _id: '$n.x', count: { $sum: 1 } }),
);

/** Rows in a stable order, with the sums as strings so NaN equals NaN. */
function canonical(rows: Plain[]): string[] {
  return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' ? `#${Object.is(v, -0) ? 0 : v}` : v))).sort();
}

describe('the compiled $project + $group', () => {
  it('answers as mingo does, or declines', () => {
    let compiled = 0;
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 30 }), project, group, (docs, p, g) => {
        const fast = compileProjectGroup(p, g);
        expect(fast).not.toBeNull(); // every generated spec is of the compiled shape
        const rows = fast!(docs);
        if (rows === null) return; // a path crossed an array: mingo's turn
        compiled += 1;
        expect(canonical(rows)).toEqual(canonical(aggregate(docs, [{ $project: p }, { $group: g }], () => [])));
      }),
      { numRuns: Number(process.env.FAST_AGG_RUNS ?? 1500) },
    );
    expect(compiled).toBeGreaterThan(300); // the property really exercised the fast path
  });

  it('declines stages outside its shape', () => {
    expect(compileProjectGroup({ a: { $add: ['$b', 1] } }, { _id: '$a', n: { $sum: 1 } })).toBeNull();
    expect(compileProjectGroup({ a: 0 }, { _id: '$a', n: { $sum: 1 } })).toBeNull();
    expect(compileProjectGroup({ a: 1 }, { _id: '$a', n: { $avg: '$b' } })).toBeNull();
    expect(compileProjectGroup({ a: 1 }, { _id: { $toUpper: '$a' }, n: { $sum: 1 } })).toBeNull();
  });
});
