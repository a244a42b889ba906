import { defineCollections, unitsOf, type AppError } from '@core';
import type { Actor } from './actor';
import { db } from './cloud';
import type { ActionContext } from './function';

export const auditCollections = defineCollections([
  {
    name: 'audit_log',
    purpose: 'who did what to whom: membership changes, every read of sensitive personal information, and every refused reach for another unit’s or person’s data',
    indexes: [
      { name: 'subject_at', keys: [['subject', 1], ['at', -1]] },
      { name: 'actor_at', keys: [['actor', 1], ['at', -1]] },
      // identity.auditLog: an admin's look at a period, and a supervisor's at the units of their subtree.
      { name: 'at', keys: [['at', -1]] },
      { name: 'orgIds_at', keys: [['orgIds', 1], ['at', -1]] },
    ],
  },
]);

interface Entry {
  actor: Actor;
  what: string;
  subject: string | null;
  detail: Record<string, unknown>;
  at: Date;
  requestId: string | null;
  /** Units the entry concerns besides the actor's own: what a supervisor's audit log is scoped by. */
  units: readonly string[];
  /** The case the entry is about, whose unit joins `units`. */
  caseId?: string;
}

/**
 * Units an entry's detail names: an invite's or a change's units (`orgIds`, `grants`, `before`/`after`
 * of a member), so a change made by someone outside a subtree still shows in that subtree's log.
 */
function unitsNamed(detail: unknown, depth = 0): string[] {
  if (typeof detail !== 'object' || detail === null || depth > 2) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (/^(?:orgId|toOrgId)$/.test(key) && typeof value === 'string') found.push(value);
    else if (key === 'orgIds' && Array.isArray(value)) found.push(...value.filter((v): v is string => typeof v === 'string'));
    else if (key === 'grants' && Array.isArray(value)) found.push(...value.map((g: { orgId?: unknown }) => g?.orgId).filter((v): v is string => typeof v === 'string'));
    else if (key === 'before' || key === 'after' || key === 'target') found.push(...unitsNamed(value, depth + 1));
  }
  return found;
}

/**
 * The unit of the case an entry is about (a phone revealed, a file opened, a case refused), so the
 * supervisors above that unit see who looked, whichever unit the looker serves. One read by _id.
 */
async function caseUnits(caseId: string | undefined): Promise<string[]> {
  if (!caseId) return [];
  const { data } = await db.collection<{ _id: string; orgId?: string }>('cases').where({ _id: caseId }).field({ orgId: true }).limit(1).get();
  return data[0]?.orgId ? [data[0].orgId] : [];
}

async function append(e: Entry): Promise<void> {
  // Rows written before `orgIds` existed carry none: only admins see those.
  const orgIds = [...new Set([...unitsOf(e.actor.grants ?? []), ...e.units, ...unitsNamed(e.detail), ...(await caseUnits(e.caseId))])];
  await db.collection('audit_log').add({
    data: { actor: e.actor.openid, roles: e.actor.roles, orgIds, what: e.what, subject: e.subject, detail: e.detail, at: e.at, requestId: e.requestId },
  });
}

/**
 * Appends one audit entry. `units`: the units the subject belongs to when the detail does not name
 * them (a case's unit for a read of its applicant's phone), so that unit's supervisor sees the entry.
 */
export async function audit(ctx: ActionContext, what: string, subject: string, detail: Record<string, unknown> = {}, units: readonly string[] = []): Promise<void> {
  await append({ actor: ctx.actor, what, subject, detail, at: ctx.now(), requestId: ctx.requestId ?? null, units, ...(what.startsWith('case.') && { caseId: subject }) });
}

/** Why a refusal that is not FORBIDDEN is audited, as its handler knows it. */
export interface RefusalNote {
  /** What really happened when the answer is uniform on purpose, e.g. `out_of_reach` behind `case_not_found`. */
  cause: string;
  /** The record refused when the handler found it (a case found by its code), else the payload's ids say. */
  subject?: string;
  /** The units the refused record belongs to (a case's unit), so their supervisors see the reach. */
  units?: readonly string[];
}

const notes = new WeakMap<AppError, RefusalNote>();

/**
 * Marks a refusal for the audit log though its code is not FORBIDDEN: an answer made the same for
 * "someone else's" and "no such record" (so an id or code reveals nothing) is still a reach for
 * someone else's data, and the log must say which it was.
 */
export function auditedRefusal(err: AppError, note: RefusalNote): AppError {
  notes.set(err, note);
  return err;
}

/** Every FORBIDDEN (the role gate's and every handler's scope check) and every refusal marked above; no other. */
export function refusalNote(err: AppError): RefusalNote | null {
  return notes.get(err) ?? (err.code === 'FORBIDDEN' ? { cause: err.details?.reason ?? 'forbidden' } : null);
}

/** Identifier fields of a payload (`caseId`, `orgId`, `orgIds`, `bookingId`, `openid`, `code`…): what a refused call was after. */
const TARGET_KEY = /^(?:id|code|openid|[a-z][A-Za-z]*Ids?)$/;
/** Enough ids to see what was asked for; the schemas bound each id's length already. */
const TARGET_IDS = 20;

export function targetOf(input: unknown): Record<string, string | string[]> {
  if (typeof input !== 'object' || input === null) return {};
  const target: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!TARGET_KEY.test(key)) continue;
    if (typeof value === 'string') target[key] = value;
    else if (Array.isArray(value)) target[key] = value.filter((v): v is string => typeof v === 'string').slice(0, TARGET_IDS);
  }
  return target;
}

export interface RefusedCall {
  actor: Actor;
  /** `<function>.<action>` */
  action: string;
  at: Date;
  requestId: string | undefined;
  /** The payload's ids (targetOf), when the payload was valid. */
  target: Record<string, string | string[]>;
}

/** One audit entry for a refused call: who, which action, the answer's code and reason, the real cause and the target. */
export async function auditRefusal(call: RefusedCall, err: AppError, note: RefusalNote): Promise<void> {
  const first = Object.values(call.target).flat()[0];
  await append({
    actor: call.actor,
    what: 'call.refused',
    subject: note.subject ?? first ?? null,
    detail: { action: call.action, code: err.code, reason: err.details?.reason ?? null, cause: note.cause, target: call.target },
    at: call.at,
    requestId: call.requestId ?? null,
    units: note.units ?? [],
    ...(typeof call.target.caseId === 'string' && { caseId: call.target.caseId }),
  });
}
