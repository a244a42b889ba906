import * as z from 'zod/mini';
import {
  AppError,
  ERROR_MESSAGES,
  refuse,
  type FieldProblem,
  type ActionContract,
  type CallResponse,
  type Contracts,
  type OutputOf,
  type ParsedInputOf,
  mayCall,
  rateLimitOf,
  ROLES,
} from '@core';
import { cloud } from './cloud';
import { actorOf, loadActor, type Actor, type MemberDoc } from './actor';
import { auditRefusal, refusalNote, targetOf, type RefusedCall } from './audit';
import { withIdempotency } from './idempotency';
import { log } from './log';
import { takeRateToken } from './rate-limit';
import './zod-locale';

export interface ActionContext {
  actor: Actor;
  /** The calling action's access rule, for the handler's scope check on what it loads. */
  access: ActionContract['access'];
  /** Present on every write (the contract demands it); handlers may derive stable ids from it. */
  requestId: string | undefined;
  /** Time as this deployment sees it; devcloud can move it for tests. */
  now(): Date;
  /**
   * For an action whose handler reads the caller (contract `callerReadBy: 'handler'`): until called,
   * `actor` stands for a caller with no grants. Give it the member record the handler's own read
   * brought (null: none), or nothing to read it now; `actor` then becomes the caller as they are.
   */
  adoptCaller?(record?: MemberDoc | null): Promise<Actor>;
}

export type Handler<A extends ActionContract> = (input: ParsedInputOf<A>, ctx: ActionContext) => Promise<OutputOf<A>>;
export type Handlers<C extends Contracts> = { [K in keyof C]: Handler<C[K]> };

/** Work a function's timer trigger does (config.json `triggers`), keyed by trigger name. */
export type Timers = Record<string, (ctx: { now(): Date }) => Promise<unknown>>;

/** What the platform says invoked us: a timer trigger's invocation is `wx_trigger`, a mini-program's `wx_client`. */
const TIMER_SOURCE = 'wx_trigger';

/**
 * The timer event CloudBase delivers ({Type: 'Timer', TriggerName}). Its shape proves nothing (any
 * caller can send that body, and HTTP-API invocations carry no OPENID either), so only the
 * platform's word counts: SOURCE `wx_trigger` and no OPENID. Anything else shaped like it is an
 * ordinary call, refused as a bad envelope.
 */
function timerOf(event: unknown, timers: Timers): { name: string; run: Timers[string] } | null {
  if (typeof event !== 'object' || event === null) return null;
  const { Type, TriggerName } = event as { Type?: unknown; TriggerName?: unknown };
  if (Type !== 'Timer' || typeof TriggerName !== 'string') return null;
  const { OPENID, SOURCE } = cloud.getWXContext() as { OPENID?: unknown; SOURCE?: unknown };
  if (SOURCE !== TIMER_SOURCE || (OPENID !== undefined && OPENID !== '')) return null;
  const run = timers[TriggerName];
  if (!run) throw refuse('UNKNOWN_ACTION', 'unknown_trigger');
  return { name: TriggerName, run };
}

const envelopeSchema = z.object({
  action: z.string().check(z.minLength(1), z.maxLength(64)),
  payload: z.optional(z.unknown()),
  requestId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/))),
});

function now(): Date {
  // devcloud's clock offset for tests; absent (0) on CloudBase.
  const offset = Number(process.env.DEVCLOUD_CLOCK_OFFSET_MS ?? 0);
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0));
}

/** Each broken rule: a refine names its own (`params: { rule }`), anything else by zod's issue code. */
function fieldProblems(error: z.core.$ZodError): FieldProblem[] {
  return error.issues.map((i) => {
    const own = i.code === 'custom' ? (i.params as { rule?: unknown } | undefined)?.rule : undefined;
    return { path: i.path.join('.'), message: i.message, rule: typeof own === 'string' ? own : i.code };
  });
}

/**
 * The one dispatcher every cloud function uses: validate the envelope and payload, resolve the
 * caller from the platform (never the payload), check the role, validate, run the handler (idempotently
 * for writes), check the output against the contract, and answer the envelope. Nothing thrown
 * inside ever reaches the client as a stack trace.
 */
export function defineFunction<C extends Contracts>(name: string, contracts: C, handlers: Handlers<C>, timers: Timers = {}) {
  return async function main(event: unknown): Promise<CallResponse<unknown>> {
    const started = Date.now();
    const traceId = `${name}-${started.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    let actionName = '';
    // Known once the caller is: a refusal of another unit's or person's data is audited with it.
    let refused: RefusedCall | null = null;
    // A caller the handler was to read and did not (it refused first): read before auditing them.
    let pendingCaller: () => Promise<unknown> = async () => undefined;
    try {
      const timer = timerOf(event, timers);
      if (timer) {
        actionName = `timer:${timer.name}`;
        const data = await timer.run({ now });
        log('info', 'timer', { traceId, fn: name, trigger: timer.name, ms: Date.now() - started, ok: true });
        return { ok: true, data };
      }
      const envelope = envelopeSchema.safeParse(event);
      if (!envelope.success) throw refuse('BAD_REQUEST', 'bad_envelope', undefined, { fields: fieldProblems(envelope.error) });
      actionName = envelope.data.action;
      if (!Object.prototype.hasOwnProperty.call(contracts, actionName)) throw refuse('UNKNOWN_ACTION', 'unknown_action');
      const contract = contracts[actionName] as ActionContract;
      const handler = handlers[actionName] as Handler<ActionContract>;

      const { OPENID } = cloud.getWXContext() as { OPENID?: string | number };
      if (OPENID === undefined || OPENID === '') throw refuse('UNAUTHENTICATED', 'no_caller');
      const openid = String(OPENID);

      // Every role may call such an action, so the gate passes whoever the record says the caller is.
      const deferred = contract.callerReadBy === 'handler' && ROLES.every((r) => (contract.access[r]?.length ?? 0) > 0);
      const actor = deferred ? await actorOf(openid, null) : await loadActor(openid);
      let adopted = !deferred;
      const adoptCaller = async (record?: MemberDoc | null) => {
        if (!adopted) {
          // In place: the refusal audit below holds the same object.
          Object.assign(actor, record === undefined ? await loadActor(openid) : await actorOf(openid, record));
          adopted = true;
        }
        return actor;
      };
      const requestId = envelope.data.requestId;
      const input = contract.input.safeParse(envelope.data.payload === undefined ? {} : envelope.data.payload);
      // What the call was after, for the audit log; only a valid payload's ids are written down.
      refused = { actor, action: `${name}.${actionName}`, at: now(), requestId, target: input.success ? targetOf(input.data) : {} };
      // The role gate comes before the validation answer: a caller who may not use an action learns
      // nothing about its payload.
      if (!mayCall(actor, contract.access)) throw refuse('FORBIDDEN', 'role_not_allowed');
      if (!input.success) throw refuse('VALIDATION_FAILED', 'invalid_input', undefined, { fields: fieldProblems(input.error) });
      if (contract.write && !contract.idempotentBy && !requestId) {
        throw refuse('BAD_REQUEST', 'missing_request_id', undefined, { fields: [{ path: 'requestId', message: '缺少请求编号', rule: 'required' }] });
      }
      // One conditional update per call taken (see takeRateToken); a refused payload costs nothing.
      const limit = rateLimitOf(contract);
      if (limit && contract.rateLimitTakenBy !== 'handler') await takeRateToken(openid, limit, now());

      const ctx: ActionContext = { actor, access: contract.access, requestId, now, ...(deferred && { adoptCaller }) };
      pendingCaller = () => adoptCaller();
      const run = async () => {
        const result = await handler(input.data, ctx);
        const checked = contract.output.safeParse(result);
        // A handler answering outside its contract is our bug, not the caller's.
        if (!checked.success) throw new Error(`output of ${name}.${actionName} breaks its contract: ${checked.error.message}`);
        return checked.data;
      };
      const data = contract.write && !contract.idempotentBy && requestId ? await withIdempotency({ scope: `${name}.${actionName}`, openid, requestId, payload: input.data, now, run, reads: { handlers, contracts, ctx } }) : await run();
      log('info', 'call', { traceId, fn: name, action: actionName, ms: Date.now() - started, ok: true });
      return { ok: true, data };
    } catch (err) {
      if (err instanceof AppError) {
        const note = refused && refusalNote(err);
        if (refused && note) await pendingCaller().then(() => auditRefusal(refused as RefusedCall, err, note)).catch((e: unknown) => log('error', 'refusal not audited', { traceId, fn: name, action: actionName, error: String(e) }));
        log('info', 'call', { traceId, fn: name, action: actionName, ms: Date.now() - started, ok: false, code: err.code, reason: err.details?.reason });
        return { ok: false, error: err.toBody() };
      }
      log('error', 'call failed', {
        traceId,
        fn: name,
        action: actionName,
        ms: Date.now() - started,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      });
      return { ok: false, error: { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL, details: { reason: 'internal_error', traceId } } };
    }
  };
}
