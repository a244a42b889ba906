// Shared cast and helpers for the case tests; not exported from the module index.
import type { AppError, ErrorCode } from '../api/errors';
import { decide, execute, intake, replay } from './machine';
import type { ActingActor, Attachment, CaseCommand, CaseEvent, CaseState, CommandContext, IntakeInput } from './types';

export const CENTER = 'county-center';
export const STATION = 'town-station';

export const people = {
  applicant: { openid: 'o-applicant', role: 'resident', name: '王大爷', orgIds: [] },
  proxy: { openid: 'o-proxy', role: 'resident', name: '王小明', orgIds: [] },
  stranger: { openid: 'o-stranger', role: 'resident', name: '路人甲', orgIds: [] },
  reception: { openid: 'o-reception', role: 'staff', name: '李前台', orgIds: [CENTER] },
  handler: { openid: 'o-handler', role: 'staff', name: '张律师', orgIds: [CENTER] },
  other: { openid: 'o-other', role: 'advisor', name: '赵顾问', orgIds: [CENTER] },
  stationStaff: { openid: 'o-station', role: 'staff', name: '孙所长', orgIds: [STATION] },
  supervisor: { openid: 'o-supervisor', role: 'supervisor', name: '周主任', orgIds: [CENTER] },
  admin: { openid: 'o-admin', role: 'admin', name: '吴管理员', orgIds: [] },
  system: { openid: 'system', role: 'system', name: '系统', orgIds: [] },
} satisfies Record<string, ActingActor>;

export type Who = keyof typeof people;

export const T0 = new Date('2026-03-02T01:00:00Z'); // Monday 09:00 Beijing

export function at(minutesAfterT0: number): Date {
  return new Date(T0.getTime() + minutesAfterT0 * 60_000);
}

export function ctx(who: Who, when: Date): CommandContext {
  return { actor: people[who], at: when };
}

export function intakeInput(overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    code: 'TJ202603020001',
    channel: 'miniprogram',
    category: 'mediation',
    summary: '邻里宅基地边界纠纷',
    applicant: { openid: 'o-applicant', name: '王大爷', phone: '13800000000' },
    proxy: { openid: 'o-proxy', name: '王小明', phone: '13900000000', relation: '儿子' },
    orgId: CENTER,
    priorityGroups: ['elderly'],
    ...overrides,
  };
}

export function newCase(overrides: Partial<IntakeInput> = {}, who: Who = 'proxy'): { state: CaseState; events: CaseEvent[] } {
  const events: CaseEvent[] = [intake(intakeInput(overrides), ctx(who, T0))];
  return { state: replay(events), events };
}

/** A file as the person's own client would have uploaded it. */
export function fileOf(who: Who, n = 1): Attachment {
  return { fileID: `cloud://env-1.bucket/uploads/${people[who].openid}/photo-${n}.jpg`, name: `照片${n}` };
}

/** A refusal as tests check it: by its code and reason, never by its Chinese words. */
export function refusal(code: ErrorCode, reason: string): { code: ErrorCode; details: { reason: string } } {
  return { code, details: { reason } };
}

/** A case and its ledger, driven the way a cloud function would. */
export class Story {
  state: CaseState;
  events: CaseEvent[];
  private minute = 0;

  constructor(start = newCase()) {
    this.state = start.state;
    this.events = [...start.events];
  }

  do(who: Who, command: CaseCommand): this {
    this.minute += 10;
    const out = execute(this.state, command, ctx(who, at(this.minute)));
    this.state = out.state;
    this.events.push(...out.events);
    return this;
  }

  fails(who: Who, command: CaseCommand): AppError {
    const decision = decide(this.state, command, ctx(who, at(this.minute + 10)));
    if (decision.ok) throw new Error(`expected ${command.type} by ${who} to fail`);
    return decision.error;
  }

  get last(): CaseEvent {
    const event = this.events[this.events.length - 1];
    if (!event) throw new Error('no events');
    return event;
  }
}

/** A case the handler has signed for and started. */
export function inProgress(intakeOverrides: Partial<IntakeInput> = {}): Story {
  const handler = { openid: people.handler.openid, name: people.handler.name };
  return new Story(newCase(intakeOverrides))
    .do('reception', { type: 'assign', handler })
    .do('handler', { type: 'accept' })
    .do('handler', { type: 'start' });
}
