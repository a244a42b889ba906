import fc from 'fast-check';
import { AppError } from '../api/errors';
import { isPaused, shanghaiDay } from '../clock';
import { CASE_CATEGORIES, CATEGORY_INFO, OUTSIDE_BODY_KEYS, PRIORITY_GROUPS } from './categories';
import { availableCommands } from './guard';
import { apply, decide, replay } from './machine';
import { CASE_MACHINE_REFUSALS, type CaseMachineReason } from './refusals';
import { CASE_STATUSES, TERMINAL_STATUSES } from './statuses';
import { STAYS, TRANSITIONS } from './transitions';
import { COMMAND_TYPES, type CaseCommand, type CaseEvent, type CaseState, type CommandType, type PersonRef } from './types';
import { CENTER, STATION, T0, fileOf, newCase, people, type Who } from './testing';

const whoArb = fc.constantFrom(...(Object.keys(people) as Who[]));
const personArb = fc.constantFrom<PersonRef>(
  { openid: people.handler.openid, name: people.handler.name },
  { openid: people.other.openid, name: people.other.name },
  { openid: people.stationStaff.openid, name: people.stationStaff.name },
);
const textArb = fc.constantFrom('情况说明', '  ', '', '已电话联系');
const itemsArb = fc.subarray(['收入证明', '户口簿', '身份证', ' '], { minLength: 0, maxLength: 3 });

// Files of whoever acts (accepted) or of someone else (refused): both doors get tried.
const filesArb = fc.subarray(
  (Object.keys(people) as Who[]).map((who) => fileOf(who)),
  { minLength: 0, maxLength: 2 },
);

const commandArb: fc.Arbitrary<CaseCommand> = fc.oneof(
  fc.record({
    type: fc.constant('triage' as const),
    category: fc.option(fc.constantFrom(...CASE_CATEGORIES), { nil: undefined }),
    priorityGroups: fc.option(fc.subarray([...PRIORITY_GROUPS]), { nil: undefined }),
    orgId: fc.option(fc.constantFrom(CENTER, STATION), { nil: undefined }),
  }),
  fc.record({ type: fc.constant('assign' as const), handler: personArb }),
  fc.constant({ type: 'accept' as const }),
  fc.constant({ type: 'start' as const }),
  fc.record({ type: fc.constant('addNote' as const), text: textArb, visibility: fc.constantFrom('applicant' as const, 'internal' as const) }),
  fc.constant({ type: 'remind' as const }),
  fc.record({
    type: fc.constant('recordMaterials' as const),
    kind: fc.constantFrom('received' as const, 'handedOver' as const, 'signedFor' as const),
    items: fc.array(fc.record({ name: fc.constantFrom('身份证', '合同', '收据'), count: fc.integer({ min: 0, max: 3 }) }), { maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('requestMaterials' as const), items: itemsArb }),
  fc.record({ type: fc.constant('supplyMaterials' as const), items: itemsArb, files: fc.option(filesArb, { nil: undefined }) }),
  fc.record({ type: fc.constant('addFiles' as const), files: filesArb }),
  fc.record({ type: fc.constant('transfer' as const), toOrgId: fc.constantFrom(CENTER, STATION), reason: textArb }),
  fc.constant({ type: 'acceptTransfer' as const }),
  fc.record({ type: fc.constant('declineTransfer' as const), reason: textArb }),
  fc.record({ type: fc.constant('refer' as const), body: fc.constantFrom(...OUTSIDE_BODY_KEYS) }),
  fc.record({
    type: fc.constant('recordAcceptance' as const),
    acceptedOn: fc.constantFrom('2026-03-01', '2026-03-02', '2026-03-05', '2026-04-30', '2026-02-30'),
    simplified: fc.option(fc.boolean(), { nil: undefined }),
  }),
  fc.record({ type: fc.constant('resolve' as const), result: textArb }),
  fc.record({ type: fc.constant('reject' as const), reason: textArb, referTo: fc.constantFrom('县法院', '') }),
  fc.record({ type: fc.constant('withdraw' as const), reason: fc.option(textArb, { nil: undefined }) }),
  fc.record({ type: fc.constant('evaluate' as const), satisfaction: fc.integer({ min: 0, max: 6 }), comment: fc.option(textArb, { nil: undefined }) }),
);

// Mostly forward in time by up to three days, sometimes backwards to exercise the order check.
const stepArb = fc.record({ who: whoArb, command: commandArb, minutes: fc.integer({ min: -5, max: 3 * 24 * 60 }) });

const startArb = fc.constantFrom(
  () => newCase(),
  () => newCase({ proxy: null }, 'applicant'),
  () => newCase({ category: 'notary', code: 'GZ202603020001' }),
  () => newCase({ channel: 'walkIn', applicant: { openid: null, name: '李奶奶', phone: '0710-1234567' }, proxy: null }, 'reception'),
);

const ALLOWED_CODES = ['INVALID_STATE', 'FORBIDDEN', 'VALIDATION_FAILED'];

interface Observed {
  from: CaseStatus;
  command: CommandType;
  to: CaseStatus;
}
type CaseStatus = CaseState['status'];

function isInTable({ from, command, to }: Observed): boolean {
  if (from === to && (STAYS[command] ?? []).includes(from)) return true;
  return TRANSITIONS.some((t) => t.from === from && t.command === command && t.to === to);
}

/** Runs the steps the way a cloud function would and checks every invariant after each one. */
interface Step {
  who: Who;
  command: CaseCommand;
  minutes: number;
}

function run(start: () => { state: CaseState; events: CaseEvent[] }, steps: ReadonlyArray<Step | ((state: CaseState) => Step)>) {
  let { state, events } = start();
  events = [...events];
  let now = T0.getTime();
  let firstHandler = state.firstHandler;
  for (const step of steps) {
    const { who, command, minutes } = typeof step === 'function' ? step(state) : step;
    now += minutes * 60_000;
    const actor = people[who];
    const before = state;
    const offered = availableCommands(before, actor).includes(command.type);
    const decision = decide(before, command, { actor, at: new Date(now) });
    if (!decision.ok) {
      expect(decision.error).toBeInstanceOf(AppError);
      expect(ALLOWED_CODES).toContain(decision.error.code);
      // Every refusal says why in a form a program can read, listed with the code it comes with.
      const reason = (decision.error.details as { reason: CaseMachineReason }).reason;
      expect(decision.error.details).toEqual({ reason: expect.stringMatching(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/) });
      expect(decision.error.code).toBe(CASE_MACHINE_REFUSALS[reason].code);
      // A button is hidden exactly when the status or the person forbids it; bad content is no reason to hide it.
      if (decision.error.code !== 'VALIDATION_FAILED' && !(decision.error.details as { reason?: string } | undefined)?.reason?.startsWith('time')) {
        expect(offered).toBe(false);
      }
      continue;
    }
    expect(offered).toBe(true);
    state = decision.events.reduce(apply, state);
    events.push(...decision.events);

    expect(CASE_STATUSES).toContain(state.status);
    expect(isInTable({ from: before.status, command: command.type, to: state.status })).toBe(true);
    if (firstHandler !== null) expect(state.firstHandler).toEqual(firstHandler);
    firstHandler = state.firstHandler;
    expect(isPaused(state.clock)).toBe(state.status === 'awaitingMaterials');
    // After the end only notes follow, and a mediation agreement's performance (人民调解法 Art 31).
    if ((TERMINAL_STATUSES as readonly string[]).includes(before.status)) expect(['addNote', 'recordPerformance']).toContain(command.type);
    expect(state.version).toBe(events.length);
  }
  return { state, events };
}

/** A well-formed command of the given type, so guided runs go deep instead of bouncing off validation. */
function validCommand(type: CommandType, pick: number, state: CaseState, who: Who): CaseCommand {
  const person = pick % 2 === 0 ? { openid: people.handler.openid, name: people.handler.name } : { openid: people.other.openid, name: people.other.name };
  switch (type) {
    case 'triage':
      return { type, priorityGroups: pick % 3 === 0 ? [] : ['migrantWorker'], orgId: pick % 5 === 0 ? STATION : undefined };
    case 'assign':
      return { type, handler: person };
    case 'addNote':
      return { type, text: '进展', visibility: pick % 2 === 0 ? 'applicant' : 'internal' };
    case 'recordMaterials':
      return { type, kind: (['received', 'handedOver', 'signedFor'] as const)[pick % 3] ?? 'received', items: [{ name: '身份证', count: 1 }] };
    case 'requestMaterials':
      return { type, items: ['收入证明'] };
    case 'supplyMaterials':
      return { type, items: ['收入证明'], ...(pick % 2 === 0 ? { files: [fileOf(who)] } : {}) };
    case 'addFiles':
      return { type, files: [fileOf(who, pick)] };
    case 'transfer':
      return { type, toOrgId: state.orgId === STATION ? CENTER : STATION, reason: '属地办理' };
    case 'declineTransfer':
      return { type, reason: '不属本辖区' };
    case 'refer':
      return { type, body: CATEGORY_INFO[state.category].bodies[pick % CATEGORY_INFO[state.category].bodies.length] ?? 'notaryOffice' };
    case 'recordAcceptance':
      return { type, acceptedOn: shanghaiDay(state.referral?.referredAt ?? T0), simplified: pick % 2 === 0 };
    case 'resolve':
      return { type, result: '已办结' };
    case 'reject':
      return { type, reason: '不属于受理范围', referTo: '县法院' };
    case 'withdraw':
      return { type };
    case 'recordAidDecision':
      return { type, granted: pick % 2 === 0, result: '决定给予法律援助，指派律师承办' };
    case 'evaluate':
      return { type, satisfaction: (pick % 5) + 1 };
    case 'recordMediation':
      return pick % 2 === 0 ? { type, outcome: 'failure' } : { type, outcome: 'success', agreement: { form: pick % 3 === 0 ? 'oral' : 'written', content: '赔偿五千元' } };
    case 'recordPerformance':
      return { type, performed: (['full', 'partial', 'none'] as const)[pick % 3] ?? 'full' };
    case 'accept':
    case 'start':
    case 'remind':
    case 'acceptTransfer':
    case 'autoClose':
      return { type };
  }
}

const WHO = Object.keys(people) as Who[];

/** Picks one of the buttons anybody sees, then a person who sees it: every command gets its turn. */
const guidedArb = fc.array(
  fc.noBias(fc.record({ person: fc.nat(), button: fc.nat(), pick: fc.nat(), minutes: fc.integer({ min: 0, max: 2 * 24 * 60 }) })),
  { maxLength: 40 },
).map((picks) =>
  picks.map(({ person, button, pick, minutes }) => (state: CaseState): Step => {
    const offers = WHO.map((who) => ({ who, buttons: availableCommands(state, people[who]) }));
    const offered = COMMAND_TYPES.filter((type) => offers.some((o) => o.buttons.includes(type)));
    // Ending a case is always on offer; picked evenly it would end most runs before they get deep.
    const ongoing = offered.filter((type) => type !== 'reject' && type !== 'withdraw');
    const types = pick % 4 === 0 || ongoing.length === 0 ? offered : ongoing;
    const type = types[button % Math.max(types.length, 1)] ?? 'addNote';
    const able = offers.filter((o) => o.buttons.includes(type));
    const who = able[person % Math.max(able.length, 1)]?.who ?? 'admin';
    return { who, command: validCommand(type, pick, state, who), minutes };
  }),
);

describe('case state machine properties', () => {
  it('random command sequences keep every invariant and replaying the ledger gives the stored case', () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { maxLength: 60 }), (start, steps) => {
        const { state, events } = run(start, steps);
        expect(replay(events)).toEqual(state);
        for (let i = 1; i < events.length; i += 1) {
          expect(events[i]!.at.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.at.getTime());
        }
      }),
      { numRuns: 400 },
    );
  });

  it('guided sequences of offered buttons always succeed and keep every invariant', () => {
    fc.assert(
      fc.property(startArb, guidedArb, (start, steps) => {
        const { state, events } = run(start, steps);
        expect(replay(events)).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });

  it('every status and every transition in the table is reachable by offered buttons', () => {
    // Breadth-first over what the buttons allow, so the check is exhaustive rather than lucky.
    const seenStatuses = new Set<CaseStatus>();
    const seenTransitions = new Set<string>();
    const visited = new Set<string>();
    const signature = (s: CaseState) =>
      [s.status, s.category, s.materialsRequested, s.orgId, s.handler?.openid, s.transfer?.backTo, s.applicant.openid].join('|');
    let frontier = [newCase().state, newCase({ category: 'legalAid', code: 'FY202603020001' }).state, newCase({ channel: 'walkIn', applicant: { openid: null, name: '李奶奶', phone: '0710-1234567' }, proxy: null }, 'reception').state];
    for (let depth = 1; frontier.length > 0 && depth <= 12; depth += 1) {
      const next: CaseState[] = [];
      for (const state of frontier) {
        seenStatuses.add(state.status);
        for (const who of WHO) {
          for (const type of availableCommands(state, people[who])) {
            for (const pick of [0, 1, 2, 3, 4]) {
              const decision = decide(state, validCommand(type, pick, state, who), { actor: people[who], at: new Date(T0.getTime() + depth * 3_600_000) });
              if (!decision.ok) continue;
              const after = decision.events.reduce(apply, state);
              seenTransitions.add(`${state.status}|${type}|${after.status}`);
              if (!visited.has(signature(after))) {
                visited.add(signature(after));
                next.push(after);
              }
            }
          }
        }
      }
      frontier = next;
    }
    expect([...seenStatuses].sort()).toEqual([...CASE_STATUSES].sort());
    const missing = TRANSITIONS.filter((t) => !seenTransitions.has(`${t.from}|${t.command}|${t.to}`));
    expect(missing).toEqual([]);
  });
});
