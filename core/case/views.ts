import { formatShanghai, windowState } from '../clock';
import { maskPhone } from '../privacy/mask';
import type { CaseDetail, CaseSummary } from './contracts';
import { CATEGORY_INFO, CHANNEL_LABELS, OUTSIDE_BODIES } from './categories';
import { limitText, outsideExpectedBy, outsideSentence, windowSentence } from './deadline';
import type { WorkCalendar } from '../calendar';
import { availableCommands } from './guard';
import { describeRating } from '../evaluation/rating';
import { PERFORMANCE_LABELS } from './labels';
import { COMMAND_LABELS, MATERIAL_KIND_LABELS, STATUS_HINTS, STATUS_LABELS } from './labels';
import { CASE_STATUSES, isOpen } from './statuses';
import { STAYS, TRANSITIONS } from './transitions';
import type { ActingActor, Actor, Attachment, CaseEvent, CaseEventOf, CaseState, MaterialItem } from './types';

export interface TimelineEntry {
  at: Date;
  title: string;
  detail: string | null;
  /** Who acted, by name: service staff work 挂牌亮证, under their own name. */
  by: string;
  /** Files this step brought to the case; the receptionist's signature is for workers only. */
  files: Attachment[];
}

function filesOf(event: CaseEvent, asWorker: boolean): Attachment[] {
  switch (event.type) {
    case 'received': {
      const signature = asWorker && event.data.signature ? [{ ...event.data.signature, name: '接待人签名' }] : [];
      return [...(event.data.attachments ?? []), ...signature];
    }
    case 'materialsSupplied':
    case 'filesAdded':
      return event.data.files;
    default:
      return [];
  }
}

function itemsText(items: readonly MaterialItem[]): string {
  return items.map((i) => (i.count > 1 ? `${i.name}×${i.count}` : i.name)).join('、');
}

/** Unit names for ids; views fall back to the id when the caller has no directory at hand. */
export type UnitName = (orgId: string) => string;
const byId: UnitName = (id) => id;

/** The units a timeline mentions, so a caller can look their names up in one read. */
export function unitsMentioned(events: readonly CaseEvent[]): string[] {
  const ids = events.flatMap((e) =>
    e.type === 'triaged' ? [e.data.orgId] : e.type === 'transferred' || e.type === 'transferDeclined' ? [e.data.toOrgId, e.data.fromOrgId] : [],
  );
  return [...new Set(ids.filter((id): id is string => !!id))];
}

function describe(event: CaseEvent, unitName: UnitName): { title: string; detail: string | null } {
  switch (event.type) {
    case 'received':
      return { title: '已受理', detail: `${CATEGORY_INFO[event.data.category].label}，编号${event.data.code}` };
    case 'triaged':
      return { title: '已分流', detail: event.data.orgId ? `转到${unitName(event.data.orgId)}办理` : null };
    case 'assigned':
      return { title: '已安排工作人员', detail: `承办人：${event.data.handler.name}` };
    case 'accepted':
      return { title: '工作人员已签收', detail: `承办人：${event.data.handler.name}` };
    case 'started':
      return { title: '开始办理', detail: null };
    case 'noteAdded':
      return { title: '办理进展', detail: event.data.text };
    case 'reminded':
      return { title: event.actor.role === 'resident' ? '已催办' : '已督办', detail: null };
    case 'materialsRecorded':
      return {
        title: MATERIAL_KIND_LABELS[event.data.kind],
        detail: event.data.counterpart ? `${itemsText(event.data.items)}，交接人：${event.data.counterpart}` : itemsText(event.data.items),
      };
    case 'materialsRequested':
      return { title: '请补充材料（一次性告知）', detail: `需要补充：${event.data.items.join('、')}` };
    case 'materialsSupplied':
      return { title: '已补交材料', detail: event.data.items.join('、') };
    case 'filesAdded':
      return { title: '上传了材料', detail: event.data.files.map((f) => f.name).join('、') };
    case 'transferred':
      return { title: '转交其他单位办理', detail: `转给${unitName(event.data.toOrgId)}` };
    case 'referred':
      return { title: `已转交${OUTSIDE_BODIES[event.data.body].label}`, detail: null };
    case 'outsideAccepted':
      return { title: `${OUTSIDE_BODIES[event.data.body].label}已受理`, detail: `受理日期：${event.data.acceptedOn}${event.data.simplified ? '（简易程序）' : ''}` };
    case 'transferAccepted':
      return { title: '接收单位已签收', detail: `承办人：${event.data.handler.name}` };
    case 'transferDeclined':
      // The receiver's reason is between the two units; the applicant only needs to know who has it.
      return { title: '由原单位继续办理', detail: null };
    case 'resolved':
      return { title: '已办结', detail: event.data.result };
    case 'rejected':
      return { title: '不予受理', detail: `理由：${event.data.reason}；建议您到：${event.data.referTo}` };
    case 'withdrawn':
      return event.data.deemed
        ? { title: '逾期未补齐材料，视为撤回', detail: event.data.reason }
        : { title: '已撤回', detail: event.data.reason };
    case 'mediationRecorded':
    case 'performanceRecorded':
      return mediationEntry(event);
    case 'autoClosed':
      return { title: '已结案', detail: `办结后${event.data.days}天内没有评价，已自动结案` };
    case 'aidDecided':
      return { title: event.data.granted ? '决定给予法律援助' : '决定不予法律援助', detail: event.data.result };
    case 'evaluated':
      return ratingEntry(event);
    case 'applicantLinked':
      return { title: '申请人已在小程序里关联这件事', detail: null };
  }
}

function ratingEntry(event: CaseEventOf<'evaluated'>): { title: string; detail: string | null } {
  return {
    // A rating a worker typed in for a visitor says so wherever it is read (the actor names them).
    title: event.data.enteredBy === 'worker' ? '已评价（工作人员代录）' : '已评价',
    // The resident reads back what they said: level, 问题解决了吗, the dimensions, the comment.
    detail: describeRating(event.data),
  };
}

/** 调解成功 with the agreement and the 司法确认 day, 调解不成 with the routes told, or the agreement's performance. */
function mediationEntry(event: CaseEventOf<'mediationRecorded'> | CaseEventOf<'performanceRecorded'>): { title: string; detail: string | null } {
  if (event.type === 'performanceRecorded') {
    return { title: '协议履行情况', detail: `${PERFORMANCE_LABELS[event.data.performed]}${event.data.text ? `：${event.data.text}` : ''}` };
  }
  if (event.data.outcome === 'failure') return { title: '调解不成', detail: event.data.routesTold };
  const form = event.data.agreement?.form === 'oral' ? '口头协议（已记录）' : '书面调解协议';
  return { title: '调解成功', detail: `${form}：${event.data.agreement?.content ?? ''}。双方可在${event.data.confirmationBy}前共同向人民法院申请司法确认` };
}

function actorName(event: CaseEvent): string {
  return event.actor.role === 'system' ? '系统' : event.actor.name;
}

/** What the applicant sees: their events only, in plain Chinese, with any note appended. */
export function applicantTimeline(events: readonly CaseEvent[], unitName: UnitName = byId): TimelineEntry[] {
  return events
    .filter((e) => e.visibility === 'applicant')
    .map((e) => {
      const { title, detail } = describe(e, unitName);
      const full = [detail, e.note ?? null].filter((s): s is string => s !== null && s !== '').join('；');
      return { at: e.at, title, detail: full === '' ? null : full, by: actorName(e), files: filesOf(e, false) };
    });
}

/** The full internal timeline for staff: every event, notes included. */
export function staffTimeline(events: readonly CaseEvent[], unitName: UnitName = byId): Array<TimelineEntry & { internal: boolean }> {
  return events.map((e) => {
    const { title, detail } = describe(e, unitName);
    const extra =
      e.type === 'transferDeclined'
        ? `${unitName(e.data.toOrgId)}退回，理由：${e.data.reason}`
        : e.type === 'transferred'
          ? `理由：${e.data.reason}`
          : null;
    const full = [detail, extra, e.note ?? null].filter((s): s is string => s !== null && s !== '').join('；');
    return { at: e.at, title, detail: full === '' ? null : full, by: actorName(e), files: filesOf(e, true), internal: e.visibility === 'internal' };
  });
}

/** The 接待登记表 row (实体平台建设指导意见 §(九)3). */
export interface LedgerRow {
  caseCode: string;
  /** 来访人姓名, with the 代办 person named when there is one. */
  visitorName: string;
  /** 联系方式 */
  contact: string;
  /** 来访时间 */
  visitedAt: Date;
  /** 接待人员: the worker who registered it, or for self-service intake the first to take it on. */
  receptionist: string;
  /** 办理事项 */
  matter: string;
  /** 办理过程及结果 */
  processAndResult: string;
  /**
   * 接待人签名: the receptionist's handwritten signature taken at registration (kept as a file on
   * the case); for requests that came in through the mini-program, the worker who closed the
   * record under their own account (办结 or 不予受理), an attributed electronic record. Empty while open.
   */
  receptionistSignature: string;
  /** 满意度调查 */
  satisfaction: string;
}

export const LEDGER_COLUMNS: Record<keyof LedgerRow, string> = {
  caseCode: '案件编号',
  visitorName: '来访人姓名',
  contact: '联系方式',
  visitedAt: '来访时间',
  receptionist: '接待人员',
  matter: '办理事项',
  processAndResult: '办理过程及结果',
  receptionistSignature: '接待人签名',
  satisfaction: '满意度调查',
};

/** Derives the ledger row from the case and its events: the ledger never needs its own writes. */
export function ledgerRow(state: CaseState, events: readonly CaseEvent[], unitName: UnitName = byId): LedgerRow {
  const { applicant, proxy } = state;
  const worker = (actor: Actor) => actor.role !== 'resident' && actor.role !== 'system';
  const receptionist = worker(state.receivedBy)
    ? state.receivedBy.name
    : (events.find((e) => worker(e.actor))?.actor.name ?? '');
  const closing = [...events].reverse().find((e) => e.type === 'resolved' || e.type === 'rejected');
  // The ledger is the office's record, so internal steps belong in it too.
  const process = staffTimeline(events, unitName)
    .map((entry) => `${formatShanghai(entry.at, 'MM-DD HH:mm')} ${entry.title}${entry.detail ? `（${entry.detail}）` : ''}`)
    .join('；');
  const outcome =
    state.result !== null
      ? `结果：${state.result}`
      : state.rejection
        ? `不予受理：${state.rejection.reason}，建议到${state.rejection.referTo}`
        : state.withdrawal
          ? state.withdrawal.deemed
            ? '视为撤回'
            : '已撤回'
          : `当前：${STATUS_LABELS[state.status]}`;
  const evaluation = state.evaluation;
  return {
    caseCode: state.code,
    visitorName: proxy ? `${applicant.name}（${proxy.relation}${proxy.name}代办）` : applicant.name,
    // The ledger's phone policy: masked numbers only, always (cases stored before protection too).
    // A full number is read only through case.contact, one case at a time, one audit row per case
    // revealed: an export of 500 rows never becomes 500 numbers behind one audit row.
    contact: proxy ? `${maskPhone(applicant.phone)}；代办人${maskPhone(proxy.phone)}` : maskPhone(applicant.phone),
    visitedAt: state.receivedAt,
    receptionist,
    matter: `${CATEGORY_INFO[state.category].label}（${CHANNEL_LABELS[state.channel]}）：${state.summary}`,
    processAndResult: `${process}。${outcome}`,
    receptionistSignature: state.signature
      ? `${state.receivedBy.name}（手写签名）`
      : closing && worker(closing.actor)
        ? `${closing.actor.name}（电子记录）`
        : '',
    satisfaction: evaluation
      ? `${evaluation.satisfaction}分 ${describeRating(evaluation)}${
          evaluation.enteredBy === 'worker' ? `（工作人员${evaluation.recordedBy.name}代录）` : ''
        }`
      : state.status === 'resolved'
        ? '待评价'
        : '未评价',
  };
}

/**
 * The mermaid drawing of every status change, generated from the transition table so
 * docs/case-states.md cannot drift from the code (a test compares them).
 */
export function stateDiagram(): string {
  const lines = ['stateDiagram-v2'];
  for (const status of CASE_STATUSES) lines.push(`  state "${STATUS_LABELS[status]} ${status}" as ${status}`);
  lines.push('  [*] --> received: intake 受理');
  for (const t of TRANSITIONS) lines.push(`  ${t.from} --> ${t.to}: ${t.command} ${COMMAND_LABELS[t.command]}`);
  for (const status of ['evaluated', 'closed', 'rejected', 'withdrawn'] as const) lines.push(`  ${status} --> [*]`);
  return lines.join('\n');
}

/** The commands that leave the status as it is, as a markdown table (too many self-loops to draw). */
export function stayTable(): string {
  const rows = Object.entries(STAYS).map(
    ([command, statuses]) =>
      `| ${command} | ${COMMAND_LABELS[command as keyof typeof COMMAND_LABELS]} | ${(statuses ?? []).join(', ')} |`,
  );
  return ['| command | 操作 | allowed in |', '|---|---|---|', ...rows].join('\n');
}

/** A case as stored: its state under its id, with the deadline the store keeps beside it. */
export type StoredCase = CaseState & { _id: string; dueAt: Date | string | null };

/**
 * When and on which calendar a view is read: the resident's window is urgent relative to now, and
 * the outside body's expected day is counted on the work calendar. Without it a view says neither.
 */
export interface ViewTime {
  now: Date;
  calendar?: WorkCalendar;
}

/** A case in a list: what a row of 办事进度 or the 工作台 shows. */
export function toSummary(doc: StoredCase, at?: ViewTime): CaseSummary {
  const window = doc.window ?? null;
  const state = window && at ? windowState(window, at.now) : null;
  return {
    id: doc._id,
    code: doc.code,
    category: doc.category,
    categoryLabel: CATEGORY_INFO[doc.category].label,
    summary: doc.summary,
    status: doc.status,
    statusLabel: STATUS_LABELS[doc.status],
    hint: STATUS_HINTS[doc.status],
    priority: doc.priority,
    orgId: doc.orgId,
    applicantName: doc.applicant.name,
    handlerName: doc.handler?.name ?? null,
    dueAt: doc.dueAt ? new Date(doc.dueAt).toISOString() : null,
    lastEventAt: new Date(doc.lastEventAt).toISOString(),
    // The resident's own deadline: flagged while the matter is still open and the window closes soon.
    urgent: state === 'urgent' && isOpen(doc.status),
    applyBy: window
      ? {
          kind: window.kind,
          lastDay: window.lastDay,
          endsAt: new Date(window.endsAt).toISOString(),
          closed: state === 'closed',
          text: windowSentence(window),
        }
      : null,
  };
}

/** Urgent open requests first (the resident's window closes soon), then as listed. */
export function urgentFirst<T extends { urgent: boolean }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => Number(b.urgent) - Number(a.urgent));
}

/**
 * Whose clocks a case runs, for its page: the center's own (what 按期办结率 judges) and, once
 * referred, the outside body's statutory period, shown and never judged.
 */
export function timeLimitsOf(doc: StoredCase, calendar?: WorkCalendar): CaseDetail['timeLimits'] {
  const info = CATEGORY_INFO[doc.category];
  const referral = doc.referral ?? null;
  const expectedBy = referral && calendar ? outsideExpectedBy(referral, calendar) : null;
  return {
    center: {
      measures: info.measures,
      limit: limitText(doc.clock.limit),
      source: info.limitSource,
      endsAt: info.ends,
      stoppedAt: referral ? new Date(referral.referredAt).toISOString() : null,
    },
    outside: referral
      ? {
          body: referral.body,
          bodyLabel: OUTSIDE_BODIES[referral.body].label,
          referredAt: new Date(referral.referredAt).toISOString(),
          acceptedOn: referral.acceptedOn,
          expectedBy,
          source: (referral.acceptedOn === null ? (OUTSIDE_BODIES[referral.body].acceptanceReview ?? OUTSIDE_BODIES[referral.body].period) : OUTSIDE_BODIES[referral.body].period)?.source ?? null,
          text: outsideSentence(referral, expectedBy),
        }
      : null,
    bodies: doc.referral ? [] : info.bodies.map((key) => ({ key, label: OUTSIDE_BODIES[key].label })),
  };
}

/**
 * One case as this caller may see it: the applicant's side reads only applicant-visible events;
 * a worker acting on the case reads the whole internal timeline.
 */
export function toDetail(doc: StoredCase, events: readonly CaseEvent[], actor: ActingActor, asWorker: boolean, unitName: UnitName, at?: ViewTime): CaseDetail {
  // The rated handler and 首办 read that the case was rated, never who rated it (回访 is their supervisor's).
  const rated = asWorker && [doc.handler?.openid, doc.firstHandler?.openid].includes(actor.openid);
  const timeline = asWorker
    ? staffTimeline(events, unitName).map((e, i) => (rated && events[i]?.type === 'evaluated' && events[i]?.data.enteredBy !== 'worker' ? { ...e, by: '' } : e))
    : applicantTimeline(events, unitName).map((e) => ({ ...e, internal: false }));
  return {
    case: toSummary(doc, at),
    timeLimits: timeLimitsOf(doc, at?.calendar),
    missingMaterials: doc.missingMaterials,
    materialsNotice: (doc.materialsNotice ?? []).filter((m) => doc.missingMaterials.includes(m.name)),
    transfer: doc.transfer ? { fromOrgId: doc.transfer.fromOrgId, toOrgId: doc.transfer.toOrgId, reason: asWorker ? doc.transfer.reason : '' } : null,
    lastDecline: asWorker && doc.lastDecline ? { byOrgId: doc.lastDecline.byOrgId, reason: doc.lastDecline.reason } : null,
    result: doc.result,
    firstHandlerName: doc.firstHandler?.name ?? null,
    timeline: timeline.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    commands: availableCommands(doc, actor),
    asWorker,
    contact: asWorker
      ? {
          name: doc.applicant.name,
          phone: maskPhone(doc.applicant.phone),
          proxy: doc.proxy ? { name: doc.proxy.name, relation: doc.proxy.relation, phone: maskPhone(doc.proxy.phone) } : null,
        }
      : null,
  };
}
