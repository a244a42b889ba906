import {
  AppError,
  DEFAULT_SETTINGS,
  clockViews,
  availableAidSteps,
  nextDue,
  refuse,
  workingRole,
  AID_STATUS_LABELS,
  aidNotices,
  decisionForm,
  postNotices,
  type AidActor,
  type AidContext,
  type AidState,
  type AidView,
  type Grant,
  type LegalAidSettings,
  type Post,
  type WorkCalendar,
} from '@core';
import { db, getOrNull } from '../_runtime/cloud';
import type { ActionContext } from '../_runtime/function';
import { actingOrgIds } from '../case/reach';
import { writeNotices, writeNoticesNow } from '../_runtime/outbox';
import { reveal, sealedOf } from '../_runtime/protect';

/** The stored record: the state plus what the queues and reach checks need. */
export interface AidDoc extends AidState {
  _id: string;
  orgId: string;
  orgPath: string[];
  /** When the application was filed: the period the 按期 tallies count it in. */
  receivedAt: Date;
  nextDueAt: Date | null;
  objectionPending: boolean;
  verificationPending: boolean;
  /** Closed and not yet 回访: the legal-aid post's task (Art 59). */
  returnVisitPending: boolean;
}

export interface StoredSettings extends LegalAidSettings {
  aidPosts: string[];
  bureauPosts: string[];
  /** The 司法局's unit: complaints about legal aid go there (Art 56), its workers decide objections (Art 49); null: the center takes complaints. */
  bureauOrgId?: string | null;
}

const TRANSACTION_ATTEMPTS = 5;

export async function loadSettings(): Promise<StoredSettings> {
  const doc = await getOrNull<StoredSettings & { _id: string }>(db.collection<StoredSettings & { _id: string }>('legal_aid_settings').doc('current'));
  if (!doc) return { ...DEFAULT_SETTINGS, aidPosts: [], bureauPosts: [] };
  const { _id, ...settings } = doc;
  void _id;
  // Clock limits are the statute's and seed 004's; a settings document never loosens them.
  return { ...DEFAULT_SETTINGS, ...settings, clocks: DEFAULT_SETTINGS.clocks };
}

/**
 * Staff and supervisors granted on the 司法局's unit itself answer for it (Art 49 objections) beside the
 * named posts — by a grant there, not by reach from above (the center's subtree holds the unit), and
 * never someone on the aid post, whose decisions the objections are about.
 */
function atBureau(grants: readonly Grant[], settings: StoredSettings): boolean {
  const unit = settings.bureauOrgId;
  return !!unit && grants.some((g) => g.orgId === unit && (g.role === 'staff' || g.role === 'supervisor'));
}

/** Who decides objections: the named 司法局 posts and the workers of its unit, none of them on the aid post. */
async function bureauPeople(settings: StoredSettings): Promise<string[]> {
  const unit = settings.bureauOrgId;
  const { data } = unit ? await db.collection<{ _id: string; grants?: Grant[] }>('members').where({ active: true, orgIds: unit }).limit(100).get() : { data: [] };
  const workers = data.filter((m) => atBureau(m.grants ?? [], settings)).map((m) => m._id);
  return [...new Set([...settings.bureauPosts, ...workers])].filter((id) => settings.bureauPosts.includes(id) || !settings.aidPosts.includes(id));
}

/** The caller as the legal-aid steps see them: role, the units they act for, the posts they hold. */
export async function aidActor(ctx: ActionContext, settings: StoredSettings): Promise<AidActor> {
  const me = ctx.actor.openid;
  const posts: Post[] = [];
  if (settings.aidPosts.includes(me)) posts.push('aid');
  if (settings.bureauPosts.includes(me) || (atBureau(ctx.actor.grants, settings) && !settings.aidPosts.includes(me))) posts.push('bureau');
  const role = workingRole(ctx.actor.roles);
  return { openid: me, name: ctx.actor.displayName ?? (role === 'resident' ? '申请人' : '工作人员'), role, orgIds: await actingOrgIds(ctx), posts };
}

/** Whether the caller reaches the record: its applicant side, its lawyer, a post, or a worker of its unit. */
export function reaches(doc: AidDoc, actor: AidActor): boolean {
  return (
    doc.applicantIds.includes(actor.openid) ||
    doc.lawyer?.openid === actor.openid ||
    actor.posts.length > 0 ||
    actor.role === 'admin' ||
    (actor.role !== 'resident' && actor.orgIds.includes(doc.orgId))
  );
}

export function docOf(state: AidState, orgId: string, orgPath: string[], calendar: WorkCalendar): AidDoc {
  return {
    ...state,
    _id: state.caseId,
    orgId,
    orgPath,
    receivedAt: state.history[0]?.at ?? state.lastAt,
    nextDueAt: nextDue(state, calendar),
    objectionPending: state.objection !== null && state.objection.upheld === null,
    verificationPending: state.verification?.result === 'pending',
    returnVisitPending: state.status === 'closed' && !state.returnVisit,
  };
}

function stateOf(doc: AidDoc): AidState {
  const { _id, orgId: _o, orgPath: _p, receivedAt: _r, nextDueAt: _n, objectionPending: _op, verificationPending: _vp, returnVisitPending: _rv, ...state } = doc;
  void _id;
  return state;
}

const notFound = () => refuse('NOT_FOUND', 'case_not_found', '没有找到这份申请');

export async function loadAid(caseId: string, actor: AidActor): Promise<AidDoc> {
  const doc = await getOrNull<AidDoc>(db.collection<AidDoc>('legal_aid').doc(caseId));
  if (!doc || !reaches(doc, actor)) throw notFound();
  return doc;
}

/** Reads, decides in core and writes back in one transaction, so two steps never both land. */
export async function changeAid(caseId: string, ctx: AidContext, decide: (state: AidState) => AidState): Promise<AidDoc> {
  try {
    return await db.runTransaction(async (tx) => {
      const before = (await getOrNull(tx.collection('legal_aid').doc(caseId))) as AidDoc | null;
      if (!before || !reaches(before, ctx.actor)) throw notFound();
      const was = stateOf(before);
      const doc = docOf(decide(was), before.orgId, before.orgPath, ctx.calendar);
      const { _id, ...fields } = doc;
      void _id;
      await tx.collection('legal_aid').doc(caseId).set({ data: fields });
      // The applicant hears of the step in the same transaction that records it (N1's outbox).
      await writeNotices(tx, aidNotices(was, doc), ctx.at);
      return doc;
    }, TRANSACTION_ATTEMPTS);
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { code?: string; errMsg?: string; message?: string };
    if (e.code === 'DATABASE_TRANSACTION_CONFLICT' || /conflict/i.test(e.errMsg ?? e.message ?? '')) {
      throw refuse('CONFLICT', 'concurrent_change', '有人刚刚处理了这份申请，请刷新后再试');
    }
    throw err;
  }
}

/** Who reads the facts in full: the applicant side, the lawyer, the posts and the station's staff. */
function readsFacts(doc: AidDoc, actor: AidActor): boolean {
  const stationStaff = doc.stationOrgId !== null && actor.role !== 'advisor' && actor.orgIds.includes(doc.stationOrgId);
  return doc.applicantIds.includes(actor.openid) || doc.lawyer?.openid === actor.openid || actor.posts.length > 0 || actor.role === 'admin' || stationStaff;
}

/** The facts for this caller: opened through the one audited path for those who decide, masked for everyone else. */
export async function factsFor(ctx: ActionContext, doc: AidDoc, actor: AidActor): Promise<string> {
  const field = doc.sealed?.facts;
  if (!field) return '';
  if (!readsFacts(doc, actor)) return field.masked;
  const [facts] = await reveal(ctx, { purpose: 'case.legalAid.read', subject: doc.caseId, owners: doc.applicantIds, units: [doc.orgId] }, [sealedOf(field)]);
  return facts ?? field.masked;
}

/** The record as the caller sees it, with the steps they may take now. */
export function viewOf(doc: AidDoc, ctx: AidContext, facts = doc.sealed?.facts?.masked ?? ''): AidView {
  return {
    caseId: doc.caseId,
    code: doc.code,
    status: doc.status,
    statusLabel: AID_STATUS_LABELS[doc.status],
    matter: doc.matter,
    route: doc.route,
    urgent: doc.urgent,
    greenChannel: doc.greenChannel,
    homeVisit: doc.homeVisit,
    applicantName: doc.applicantName,
    facts,
    idNumber: doc.sealed?.idNumber?.masked ?? null,
    declaration: doc.declaration ?? null,
    helper: doc.helper ? { name: doc.helper.name, kind: doc.helper.kind } : null,
    missing: doc.missing,
    decision: doc.decision ? { granted: doc.decision.granted, reasons: doc.decision.reasons, provisional: doc.decision.provisional } : null,
    lawyer: doc.lawyer?.name ?? null,
    lawyerUnit: doc.lawyer?.unit ?? null,
    rating: doc.rating ? { satisfaction: doc.rating.satisfaction, comment: doc.rating.comment } : null,
    preferredLawyer: doc.preferredLawyer,
    objection: doc.objection ? { against: doc.objection.against, reason: doc.objection.reason, upheld: doc.objection.upheld, reasons: doc.objection.reasons } : null,
    verification: doc.verification,
    decisionDoc: decisionForm(doc),
    clocks: clockViews(doc, ctx.at, ctx.calendar).map((c) => ({ ...c, dueAt: c.dueAt ? c.dueAt.toISOString() : null })),
    history: doc.history.map((e) => ({ type: e.type, at: new Date(e.at).toISOString(), by: e.actor.name, text: e.text })),
    steps: availableAidSteps(doc, ctx),
  };
}

/**
 * Work put before a post by a step: the application reaching the agency (filed there, or
 * forwarded by the station) to the legal-aid post, an objection to the 司法局. Keyed per
 * application and stage, so a retried step tells no one twice.
 */
export async function tellPosts(doc: AidDoc, step: string, at: Date): Promise<void> {
  const settings = await loadSettings();
  const dueOf = (name: 'decision' | 'objection') => doc.clocks[name]?.clock ?? null;
  if ((step === 'apply' || step === 'forward') && doc.status === 'underReview') {
    await writeNoticesNow(postNotices(doc, 'review', settings.aidPosts, at, doc.nextDueAt), at);
  }
  if (step === 'object' && dueOf('objection')) {
    await writeNoticesNow(postNotices(doc, 'objection', await bureauPeople(settings), at, doc.nextDueAt), at);
  }
  // 回访受援人 (Art 59) once the lawyer has closed the case: the post's task, in its 回访 queue.
  if (step === 'close' && doc.returnVisitPending) {
    await writeNoticesNow(postNotices(doc, 'returnVisit', settings.aidPosts, at, null), at);
  }
  // A data source that did not answer: a person finishes the check.
  if (step === 'checkSources' && doc.verificationPending && doc.verification?.manualReason) {
    await writeNoticesNow(postNotices(doc, 'verification', settings.aidPosts, at, null), at);
  }
}
