import { EJSON } from 'bson';
import type { CollectionDecl } from '../../core/db/collections';
import { analyse, servingIndexes, shapeOf, type QueryShape } from './index-coverage';

// The check npm test runs over every query the suite sent (test/repo/index-coverage.ts), on planted shapes.
const wire = (v: unknown) => EJSON.stringify(v, { relaxed: false });
const get = (collectionName: string, query: object, order?: object) => ({
  action: 'database.getDocument',
  envName: 'devcloud',
  collectionName,
  queryType: 'WHERE',
  query: wire(query),
  ...(order && { order: wire(order) }),
});

const COLLECTIONS: CollectionDecl[] = [
  {
    name: 'cases',
    indexes: [
      { name: 'org_status', keys: [['orgId', 1], ['status', 1], ['dueAt', 1]] },
      { name: 'status_due', keys: [['status', 1], ['dueAt', 1]] },
      { name: 'code', keys: [['code', 1]], unique: true },
      { name: 'never', keys: [['nobodyAsks', 1]] },
    ],
  },
];

it('reads a query shape off the wire: fields and operators kept, values dropped', () => {
  expect(shapeOf(get('cases', { orgId: 'qs-dongpo', status: { $in: ['open'] } }, { dueAt: 1 }))).toEqual({
    collection: 'cases',
    filter: { orgId: 'v', status: { $in: 'v' } },
    sort: ['dueAt'],
  });
  // Inserts and by-id document operations are no queries.
  expect(shapeOf({ action: 'database.insertDocument', collectionName: 'cases', data: [] })).toBeNull();
  expect(shapeOf({ ...get('cases', { _id: 'x' }), queryType: 'DOC' })).toBeNull();
  // A test's own call on devcloud's database names no environment: not the product's query.
  const { envName: _sdk, ...harness } = get('cases', { applicantName: 'x' });
  expect(shapeOf(harness)).toBeNull();
  const aggregate = { action: 'database.aggregateDocuments', envName: 'devcloud', collectionName: 'cases', stages: [{ stageKey: '$match', stageValue: wire({ status: 'open' }) }] };
  expect(shapeOf(aggregate)).toEqual({ collection: 'cases', filter: { status: 'v' }, sort: [] });
});

it('credits the index a planner would pick: the longest prefix of pinned fields', () => {
  const shape: QueryShape = { collection: 'cases', filter: { orgId: 'v', status: 'v' }, sort: [] };
  expect(servingIndexes(shape, COLLECTIONS[0]!.indexes!).map((i) => i.name)).toEqual(['org_status']);
  expect(servingIndexes({ collection: 'cases', filter: { status: 'v' }, sort: ['dueAt'] }, COLLECTIONS[0]!.indexes!).map((i) => i.name)).toEqual(['status_due']);
  // A lookup by _id uses no declared index.
  expect(servingIndexes({ collection: 'cases', filter: { _id: { $in: 'v' } }, sort: [] }, COLLECTIONS[0]!.indexes!)).toEqual([]);
});

it('names an uncovered query and a dead index; a unique index is never dead', () => {
  const shapes: QueryShape[] = [
    { collection: 'cases', filter: { orgId: 'v', status: { $in: 'v' } }, sort: [] },
    { collection: 'cases', filter: { status: 'v' }, sort: ['dueAt'] },
    { collection: 'cases', filter: { applicantName: 'v' }, sort: [] },
  ];
  expect(analyse(shapes, COLLECTIONS)).toEqual({
    uncovered: ['query on cases {applicantName} is not covered by any declared index'],
    dead: ['cases.never (nobodyAsks 1) serves no query the tests sent'],
  });
});
