// 受理/登记: who may register a request, what the first event keeps, and the case it opens.
import { startClock } from '../../clock';
import { CATEGORY_INFO, priorityFor } from '../categories';
import { parseCaseCode } from '../code';
import { isWorkerActor } from '../guard';
import { text } from '../input';
import { badInput, forbidden } from '../refusals';
import { fileList } from '../uploads';
import { maskNumbersIn } from '../../privacy/mask';
import { sealedPhoneOf } from '../../privacy/sealed';
import type { ComplaintAbout } from '../complaint';
import type { Actor, Applicant, CaseEventOf, CaseState, CaseWindow, EventData, IntakeInput, Proxy } from '../types';

function applicantOf(input: IntakeInput): Applicant {
  const a = input.applicant;
  return { openid: a.openid, name: text(a.name, '来访人姓名', 20), phone: text(a.phone, '联系方式', 20), ...sealedPhoneOf(a) };
}

function proxyOf(input: IntakeInput): Proxy | null {
  if (!input.proxy) return null;
  return {
    openid: input.proxy.openid,
    name: text(input.proxy.name, '代办人姓名', 20),
    phone: text(input.proxy.phone, '代办人联系方式', 20),
    ...sealedPhoneOf(input.proxy),
    relation: text(input.proxy.relation, '代办人与申请人的关系', 20),
  };
}

/** A resident applies through the mini-program or a group chat, for themselves or as a declared 代办. */
function checkRegistrar(input: IntakeInput, applicant: Applicant, proxy: Proxy | null, actor: Actor): void {
  if (isWorkerActor(actor)) return;
  if (actor.role === 'system' || !['miniprogram', 'groupChat'].includes(input.channel)) {
    throw forbidden('窗口、热线和部门转来的事项由工作人员登记', 'worker_channel');
  }
  // Applying for someone else is 代办 and must say so: the ledger has to name who asked.
  if (applicant.openid !== actor.openid && proxy?.openid !== actor.openid) {
    throw forbidden('替别人申请请选择“代办”并填写代办人信息', 'undeclared_proxy');
  }
}

/** What the first event of a case keeps, after every check on the request and on who registers it. */
export function decideIntake(input: IntakeInput, actor: Actor): EventData['received'] {
  const parts = parseCaseCode(input.code);
  if (!parts || parts.category !== input.category) throw badInput('案件编号和事项类别不一致', 'code_category_mismatch');
  const applicant = applicantOf(input);
  const proxy = proxyOf(input);
  checkRegistrar(input, applicant, proxy, actor);
  const priorityGroups = [...new Set(input.priorityGroups ?? [])];
  const attachments = fileList(input.attachments ?? [], actor, false);
  const signature = input.signature ? (fileList([input.signature], actor, true)[0] ?? null) : null;
  if (signature && !isWorkerActor(actor)) throw forbidden('接待人签名由工作人员在登记时手写', 'signature_by_worker');
  return {
    code: input.code,
    channel: input.channel,
    category: input.category,
    // An ID or phone number typed into the summary is masked at intake: the summary is the ledger's
    // 事由, read by every worker and exported, and no case needs the number (the applicant's phone
    // has its own protected field; legal aid seals the ID number it collects).
    summary: maskNumbersIn(text(input.summary, '办理事项', 1000)),
    applicant,
    proxy,
    orgId: text(input.orgId, '承办单位', 40),
    priorityGroups,
    priority: priorityFor(priorityGroups),
    limit: input.limit ?? CATEGORY_INFO[input.category].limit,
    attachments,
    signature,
    window: windowOf(input),
    ...(aboutOf(input) && { about: aboutOf(input) as ComplaintAbout }),
    ...(input.followOf && { followOf: input.followOf }),
  };
}

/** `about` belongs to a complaint only; other requests concern no one. */
function aboutOf(input: IntakeInput): ComplaintAbout | null {
  if (!input.about) return null;
  if (input.category !== 'complaint') throw badInput('只有投诉需要选择投诉对象', 'about_not_complaint');
  return input.about;
}

/** The resident's window, if the request carries one this category knows. */
function windowOf(input: IntakeInput): CaseWindow | null {
  const window = input.window ?? null;
  if (window && !CATEGORY_INFO[input.category].windows.includes(window.kind)) {
    throw badInput(`${CATEGORY_INFO[input.category].label}不涉及这个申请期限`, 'window_not_for_category');
  }
  return window;
}

/** The case its first event opens: received, nobody on it yet, the clock started. */
export function openCase(event: CaseEventOf<'received'>): CaseState {
  const d = event.data;
  return {
    code: d.code,
    channel: d.channel,
    category: d.category,
    summary: d.summary,
    applicant: d.applicant,
    proxy: d.proxy,
    orgId: d.orgId,
    priorityGroups: d.priorityGroups,
    priority: d.priority,
    status: 'received',
    handler: null,
    firstHandler: null,
    receivedAt: event.at,
    receivedBy: event.actor,
    clock: startClock(event.at, d.limit),
    missingMaterials: [],
    materialsRequested: false,
    // `?? …`: cases received before files existed have neither field on their first event.
    files: d.attachments ?? [],
    internalFiles: [],
    signature: d.signature ?? null,
    transfer: null,
    lastDecline: null,
    result: null,
    rejection: null,
    withdrawal: null,
    evaluation: null,
    referral: null,
    window: d.window ?? null,
    ...(d.about && { complaint: d.about }),
    ...(d.followOf && { followOf: d.followOf }),
    closedAt: null,
    lastEventAt: event.at,
    version: 1,
  };
}
