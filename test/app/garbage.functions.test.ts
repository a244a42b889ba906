import { ERROR_MESSAGES, FUNCTIONS, REASON_PATTERN, type ActionContract } from '../../core';
import { checkRefusal, RefusalCheckError, startTestCloud, type TestCloud } from '../support/devcloud';

/**
 * Garbage to every action through POST /fn/<name>: a stable code and reason, a 4xx-or-200 status,
 * no stack trace, nothing written.
 */
const GARBAGE: unknown[] = [
  'DROP TABLE cases',
  42,
  null,
  [1, 2, 3],
  { $where: 'sleep(1000)' },
  { id: { $gt: '' }, code: { $ne: null }, orgIds: 'qh-center' },
  { displayName: 'x'.repeat(100_000) },
  { tier: 'galaxy', services: [null], notice: 'none' },
  { __proto__: { admin: true }, constructor: { prototype: { polluted: true } } },
];

const ENVELOPES: unknown[] = [{}, { action: 7 }, { action: '' }, { action: 'whoami', requestId: 'short' }, { action: 'x'.repeat(100) }];

let cloud: TestCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ seed: true });
}, 30000);
afterAll(async () => {
  await cloud.close();
});

const actions = Object.entries(FUNCTIONS).flatMap(([fn, contracts]) =>
  Object.keys(contracts as Record<string, ActionContract>).map((name) => ({ fn, name })),
);

/** Checks one answer and returns its code. */
function expectCleanFailure(fn: string, action: string, status: number, text: string): string | undefined {
  expect(status).toBeLessThan(500);
  const body = JSON.parse(text) as { ok: boolean; error?: { code: string; message: string; details?: { reason?: unknown } } };
  expect(body.ok).toBe(false);
  expect(Object.keys(ERROR_MESSAGES)).toContain(body.error?.code);
  expect(body.error?.message).toMatch(/[\u4e00-\u9fa5]/);
  // Every refusal names its reason, one the action (or the dispatcher) documents.
  expect(body.error?.details?.reason).toMatch(REASON_PATTERN);
  checkRefusal(fn, action, status, body);
  expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|node_modules/);
  return body.error?.code;
}

/** Each collection's count, with audit_log's grown by the refusals X1 audits (FORBIDDEN, one row each). */
const counts = (forbidden = 0) => cloud.db.listCollections().map((c) => `${c.name}:${c.count - (c.name === 'audit_log' ? forbidden : 0)}`);

describe.each(actions)('$fn → $name', ({ fn, name }) => {
  it('answers every garbage payload, as the most powerful persona, with a clean failure and writes nothing', async () => {
    const before = counts();
    let forbidden = 0;
    for (const payload of GARBAGE) {
      const res = await fetch(`${cloud.url}/fn/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-devcloud-openid': 'demo-admin' },
        body: JSON.stringify({ action: name, payload, requestId: `garbage-${Math.random().toString(36).slice(2, 10)}` }),
      });
      if (expectCleanFailure(fn, name, res.status, await res.text()) === 'FORBIDDEN') forbidden++;
    }
    // Failed writes leave no half-written documents (idempotency included); the audit log gains
    // exactly one row per FORBIDDEN answer (an action this persona may not call), nothing else.
    expect(counts(forbidden)).toEqual(before);
  });
});

describe('garbage envelopes', () => {
  it.each(ENVELOPES.map((e) => ({ e })))('refuses $e cleanly', async ({ e }) => {
    const res = await fetch(`${cloud.url}/fn/identity`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-devcloud-openid': 'demo-resident' },
      body: JSON.stringify(e),
    });
    const action = typeof (e as { action?: unknown }).action === 'string' ? (e as { action: string }).action : '';
    expectCleanFailure('identity', action, res.status, await res.text());
  });
});

describe('the refusal check the functions tests rely on', () => {
  const refused = (details?: object) => ({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限办理这项操作', details } });

  it('fails a refusal without a reason, with a reason not in snake_case, or with one its contract does not list', () => {
    expect(() => checkRefusal('case', 'get', 200, refused())).toThrow(RefusalCheckError);
    expect(() => checkRefusal('case', 'get', 200, refused({ reason: 'outOfReach' }))).toThrow(/not snake_case/);
    expect(() => checkRefusal('case', 'get', 200, refused({ reason: 'slot_full' }))).toThrow(/do not list/);
    expect(() => checkRefusal('case', 'get', 200, { ok: false, error: { code: 'CONFLICT', message: '冲突', details: { reason: 'out_of_reach' } } })).toThrow(
      /documented as FORBIDDEN/,
    );
  });

  it('passes a documented refusal, a dispatcher refusal, an answer, and the platform’s own failures', () => {
    expect(() => checkRefusal('case', 'get', 200, refused({ reason: 'out_of_reach' }))).not.toThrow();
    expect(() => checkRefusal('case', 'get', 200, refused({ reason: 'role_not_allowed' }))).not.toThrow();
    expect(() => checkRefusal('case', 'get', 200, { ok: true, data: {} })).not.toThrow();
    expect(() => checkRefusal('nope', 'x', 404, { ok: false, error: { code: 'FUNCTION_NOT_FOUND', message: '服务暂不可用，请稍后再试' } })).not.toThrow();
  });
});
