// The case state machine's orchestration: register, decide, apply, replay, execute. The rules
// themselves are named elsewhere: the transition table (transitions.ts), who may (guard.ts),
// and each command's decider and each event's applier (commands/<verb>.ts, listed in commands/index.ts).
import { AppError } from '../api/errors';
import { APPLIERS, DECIDERS, decideIntake, openCase } from './commands';
import { complaintPayloadRefusal } from './complaint';
import { guard } from './guard';
import { actorOf, optionalText } from './input';
import { corrupt, invalid } from './refusals';
import type { Applier, CaseCommand, CaseEvent, CaseEventOf, CaseState, CommandContext, Decider, EventBase, IntakeInput } from './types';

/** Registers a request (受理/登记): the first event of every case. */
export function intake(input: IntakeInput, ctx: CommandContext): CaseEventOf<'received'> {
  return { type: 'received', at: ctx.at, actor: actorOf(ctx.actor), visibility: 'applicant', data: decideIntake(input, ctx.actor) };
}

export type Decision = { ok: true; events: CaseEvent[] } | { ok: false; error: AppError };

/**
 * What a command would record, or why it may not: INVALID_STATE for the wrong status,
 * FORBIDDEN for the wrong person, VALIDATION_FAILED for bad content. Nothing else escapes.
 */
export function decide(state: CaseState, command: CaseCommand, ctx: CommandContext): Decision {
  try {
    return { ok: true, events: decideOrThrow(state, command, ctx) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }
}

function decideOrThrow(state: CaseState, command: CaseCommand, ctx: CommandContext): CaseEvent[] {
  const blocked = guard(state, command.type, ctx.actor) ?? complaintPayloadRefusal(state, command);
  if (blocked) throw blocked;
  // The ledger is read top to bottom; an event dated before the last one would reorder history.
  if (!(ctx.at.getTime() >= state.lastEventAt.getTime())) {
    throw invalid('这件事刚有了新进展，请刷新后再试', 'time_order');
  }
  const note = optionalText(command.note, '备注');
  const base: EventBase = { at: ctx.at, actor: actorOf(ctx.actor), ...(note === null ? {} : { note }) };
  // The table pairs each command type with its own decider; TypeScript cannot follow that pairing.
  const decider = DECIDERS[command.type] as Decider<CaseCommand['type']>;
  return [decider(state, command, base)];
}

/**
 * One event onto the state. It trusts the actor checks `decide` made, but refuses an event
 * the transition table does not allow, so a tampered ledger cannot replay into a made-up state.
 */
export function apply(state: CaseState | null, event: CaseEvent): CaseState {
  if (event.type === 'received') {
    if (state !== null) throw corrupt(event, state);
    return openCase(event);
  }
  if (state === null) throw corrupt(event, state);
  // As for the deciders: each event type has its own applier.
  const applier = APPLIERS[event.type] as Applier<typeof event.type>;
  return { ...applier(state, event), lastEventAt: event.at, version: state.version + 1 };
}

/** The case as its ledger says it is; the stored document must equal this. */
export function replay(events: readonly CaseEvent[]): CaseState {
  const state = events.reduce<CaseState | null>(apply, null);
  if (state === null) throw invalid('这件事的办理记录不完整，请联系技术支持', 'empty_ledger');
  return state;
}

/** Decides and applies in one step, throwing the AppError: what a cloud function handler calls. */
export function execute(
  state: CaseState,
  command: CaseCommand,
  ctx: CommandContext,
): { state: CaseState; events: CaseEvent[] } {
  const decision = decide(state, command, ctx);
  if (!decision.ok) throw decision.error;
  return { state: decision.events.reduce(apply, state), events: decision.events };
}
