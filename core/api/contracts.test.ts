import type { ActionContract } from './action';
import { FUNCTIONS } from './registry';
import { AppError, DISPATCH_REFUSALS, ERROR_MESSAGES, REASON_PATTERN, refuse } from './errors';
import { ROLES } from '../identity/roles';
import { isWorker } from '../identity/roles';
import { rolesOf } from '../policy/policy';

const allActions = Object.entries(FUNCTIONS).flatMap(([fn, contracts]) =>
  Object.entries(contracts as Record<string, ActionContract>).map(([name, c]) => ({ id: `${fn}.${name}`, c })),
);

describe('action contracts', () => {
  it.each(allActions)('$id names its roles from the five known ones and documents itself', ({ c }) => {
    expect(rolesOf(c.access).length).toBeGreaterThan(0);
    for (const r of rolesOf(c.access)) expect(ROLES).toContain(r);
    expect(c.summary.length).toBeGreaterThan(10);
  });

  it('whoami rejects a payload that is not an object', () => {
    expect(FUNCTIONS.identity.whoami.input.safeParse('root').success).toBe(false);
    expect(FUNCTIONS.identity.whoami.input.safeParse({}).success).toBe(true);
  });
});

describe('errors', () => {
  it('every code has plain Chinese text and no code leaks English to residents', () => {
    for (const [code, message] of Object.entries(ERROR_MESSAGES)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(message).toMatch(/[\u4e00-\u9fa5]/);
      expect(message).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('an AppError answers its code, its message and only the details given', () => {
    expect(new AppError('NOT_FOUND').toBody()).toEqual({ code: 'NOT_FOUND', message: '没有找到相关记录' });
    expect(new AppError('CONFLICT', '名额已满', { reason: 'slot_taken', left: 0 }).toBody()).toEqual({
      code: 'CONFLICT',
      message: '名额已满',
      details: { reason: 'slot_taken', left: 0 },
    });
    expect(refuse('FORBIDDEN', 'out_of_reach', '只能看本单位的', { orgId: 'x' }).toBody()).toEqual({
      code: 'FORBIDDEN',
      message: '只能看本单位的',
      details: { reason: 'out_of_reach', orgId: 'x' },
    });
  });

  it('names every documented refusal in snake_case with a known code', () => {
    const documented = [...Object.entries(DISPATCH_REFUSALS), ...allActions.flatMap(({ c }) => Object.entries(c.refusals ?? {}))];
    for (const [reason, { code, when }] of documented) {
      expect(reason).toMatch(REASON_PATTERN);
      expect(Object.keys(ERROR_MESSAGES)).toContain(code);
      expect(when.length).toBeGreaterThan(10);
    }
  });
});

describe('roles', () => {
  it('only workers see the 管理 tab', () => {
    expect(isWorker(['resident'])).toBe(false);
    expect(isWorker(['resident', 'advisor'])).toBe(true);
    expect(isWorker(['staff'])).toBe(true);
  });
});
