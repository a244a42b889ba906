import type * as z from 'zod/mini';
import type { Access } from '../policy/policy';
import type { Refusals } from './errors';

export type Schema = z.ZodMiniType;

/**
 * One action's contract: shared by the cloud function (which validates and authorizes with it),
 * the typed API client (which derives its methods from it) and docs/api.md (generated from it).
 */
export interface ActionContract<I extends Schema = Schema, O extends Schema = Schema> {
  /** English one-liner for docs/api.md. */
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  /**
   * Who may call it and how far each role reaches (core/policy). The dispatcher applies the role
   * gate; the handler checks the scope against the target it loads.
   */
  readonly access: Access;
  /**
   * A write that a retry could repeat: the client must send a requestId and the function
   * returns the first result for a repeated one. Reads are safe to retry as they are.
   */
  readonly write: boolean;
  /**
   * A write idempotent by its own key (e.g. a deterministic document id), named here for the docs:
   * the dispatcher then keeps no idempotency record for it, saving two database operations.
   */
  readonly idempotentBy?: string;
  /**
   * The refusals the action's own handler gives, by reason (the dispatcher's, in DISPATCH_REFUSALS,
   * come on top): docs/api.md lists them and the functions tests fail on a reason not listed here.
   */
  readonly refusals?: Refusals;
  /**
   * How often one caller (OPENID) may use the action; a write without one gets WRITE_RATE_LIMIT.
   * The dispatcher enforces it before the handler runs and refuses RATE_LIMITED (`too_many_requests`).
   */
  readonly rateLimit?: RateLimit;
  /**
   * 'handler': the handler takes the rate limit itself, folded into a conditional update it makes
   * anyway (booking.book: the per-person counter), so the dispatcher adds no database operation.
   */
  readonly rateLimitTakenBy?: 'handler';
  /**
   * 'handler': the handler reads the caller's member record within a read it makes anyway (case.act:
   * the case's own $lookup read), so the dispatcher adds no database operation for it. Only for an
   * action every role may call (the role gate then needs no record); the record is read fresh on
   * every call, never cached, so a deactivated member cannot act.
   */
  readonly callerReadBy?: 'handler';
}

/**
 * A per-caller limit over sliding windows: at most `perMinute` calls in any 60 seconds and, if
 * given, `perDay` in any 24 hours. Actions naming the same bucket share one count.
 */
export interface RateLimit {
  readonly bucket: string;
  readonly perMinute: number;
  readonly perDay?: number;
}

/**
 * Every write without a limit of its own shares this one: a person at a counter or on a form
 * makes a few writes a minute; a script making more than one a second is not a person.
 */
export const WRITE_RATE_LIMIT: RateLimit = { bucket: 'write', perMinute: 60 };

/** The limit the dispatcher applies to an action: its own, else the writes' shared one, else none. */
export function rateLimitOf(contract: ActionContract): RateLimit | undefined {
  return contract.rateLimit ?? (contract.write ? WRITE_RATE_LIMIT : undefined);
}

export type Contracts = Record<string, ActionContract>;

export function action<I extends Schema, O extends Schema>(def: ActionContract<I, O>): ActionContract<I, O> {
  return def;
}

export type InputOf<A extends ActionContract> = z.input<A['input']>;
export type ParsedInputOf<A extends ActionContract> = z.output<A['input']>;
export type OutputOf<A extends ActionContract> = z.output<A['output']>;
