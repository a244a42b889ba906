// What the applicant side is told after a legal-aid step, through N1's outbox (core/notify): the
// agency's decisions (grant, refusal, dispatch, termination, the 司法局's answer to an objection)
// are pushed under their own phrase, the materials notice and the deemed withdrawal as the case's
// own are; progress and the rest go to the inbox (case.step). When the case closes or ends, the
// 受援人 is invited to rate the lawyer's work, and the legal-aid post is given its 回访 (Art 59).
import { formatShanghai } from '../clock';
import { PUSH_POLICY, keywordTime, templateData, workNotice, type NoticeEvent, type NoticeItem } from '../notify/policy';
import { MATTER_LABELS } from './rules';
import type { AidEvent, AidState } from './state';

export const aidPage = (caseId: string) => `/pages/legal-aid/detail/index?caseId=${encodeURIComponent(caseId)}`;

const TITLES: Record<string, string> = {
  forward: '工作站已初审，转交法律援助中心',
  requestMaterials: '需要补交材料',
  withdrawn: '逾期未补材料，视为撤回',
  grant: '决定给予法律援助',
  refuse: '决定不予法律援助',
  dispatch: '已指派律师',
  reportProgress: '律师告知办理进展',
  changeLawyer: '已更换承办律师',
  close: '法律援助案件已结案',
  terminate: '法律援助已终止',
  decideObjection: '司法局已审查您的异议',
  checkSources: '经济困难核查结果',
};

const DECISIONS: Partial<Record<string, NoticeEvent>> = {
  requestMaterials: 'case.materialsRequested',
  withdrawn: 'case.deemedWithdrawn',
  grant: 'aid.granted',
  refuse: 'aid.refused',
  dispatch: 'aid.dispatched',
  terminate: 'aid.terminated',
  decideObjection: 'aid.objectionDecided',
};

/** A verification that found the promise false ends aid: told as a termination; any other result stays on the timeline. */
function eventOf(e: AidEvent, after: AidState): NoticeEvent | null {
  if (e.type === 'verify' || e.type === 'checkSources') return after.status === 'terminated' && after.falsePromise ? 'aid.terminated' : null;
  return DECISIONS[e.type] ?? 'case.step';
}

const ENDED: ReadonlySet<string> = new Set(['close', 'terminate']);

function tipOf(e: AidEvent, state: AidState): string {
  if (e.type === 'requestMaterials') {
    const due = state.clocks.materials?.clock;
    const by = due ? `请于${formatShanghai(new Date(due.startedAt.getTime() + due.limit.amount * 86_400_000), 'M月D日')}前补齐：` : '请补齐：';
    return `${by}${state.missing.join('、')}`;
  }
  return e.text;
}

/**
 * The notices of the steps `after` has beyond `before`: one per step and applicant-side person,
 * never for a step they took themselves; keys follow the record's version, so a retried step
 * writes the same keys.
 */
export function aidNotices(before: AidState, after: AidState): NoticeItem[] {
  const fresh = after.history.slice(before.history.length);
  const steps = fresh.flatMap((e, i) => {
    const title = e.type === 'verify' ? '法律援助已终止' : TITLES[e.type];
    const event = eventOf(e, after);
    if (!title || !event) return [];
    const rule = PUSH_POLICY[event];
    const tip = tipOf(e, after);
    const version = before.version + i + 1;
    return after.applicantIds
      .filter((openid) => openid !== e.actor.openid)
      .map(
        (openid): NoticeItem => ({
          key: `legalAid:${after.caseId}:${version}:${openid}`,
          to: { openid },
          event,
          push: rule.push,
          urgent: rule.urgent,
          template: rule.template,
          data: templateData(rule.template, {
            character_string1: after.code,
            thing2: `法律援助：${MATTER_LABELS[after.matter]}`,
            phrase3: rule.phrase,
            time4: keywordTime(e.at),
            thing5: tip,
          }),
          title,
          body: `${after.code} ${tip}`,
          link: { kind: 'case', id: after.caseId, page: aidPage(after.caseId) },
          at: e.at,
          notBefore: e.at,
        }),
      );
  });
  const last = fresh[fresh.length - 1];
  // Only where a lawyer worked on it; a promise found false ends aid without asking for a rating.
  const ended = last && ENDED.has(last.type) && before.status !== after.status && after.lawyer !== null;
  return ended ? [...steps, ...rateInvites(after, last.at)] : steps;
}

/**
 * 好差评 of the lawyer's work (core/evaluation's model), asked once the case is closed or aid ended:
 * not after the agency's decision, which is the case row's 办结 and rates nothing of the lawyer.
 */
export function rateInvites(state: AidState, at: Date): NoticeItem[] {
  const rule = PUSH_POLICY['survey.invite'];
  return state.applicantIds.map((openid) => ({
    key: `legalAid:${state.caseId}:rate:${openid}`,
    to: { openid },
    event: 'survey.invite',
    push: rule.push,
    urgent: rule.urgent,
    template: rule.template,
    data: templateData(rule.template, {
      character_string1: state.code,
      thing2: `法律援助：${MATTER_LABELS[state.matter]}`,
      time3: keywordTime(at),
      phrase4: rule.phrase,
    }),
    title: '请评价律师的办案工作',
    body: `${state.code} ${state.status === 'closed' ? '已结案' : '法律援助已终止'}，请为承办律师的工作打个分`,
    link: { kind: 'case', id: state.caseId, page: aidPage(state.caseId) },
    at,
    notBefore: at,
  }));
}

/**
 * The work put before a post: an application reaching the agency's review goes to the legal-aid
 * post, an objection to the 司法局; each person told once per application and stage.
 */
const POST_TITLES = { review: '有法律援助申请待审查', objection: '有法律援助异议待审查', returnVisit: '法律援助案件已结案，请回访受援人', verification: '法律援助核查需要人工办理' } as const;

export function postNotices(state: AidState, stage: keyof typeof POST_TITLES, posts: readonly string[], at: Date, dueAt: Date | null): NoticeItem[] {
  const facts = { code: state.code, category: 'legalAid' as const, summary: MATTER_LABELS[state.matter] };
  return posts.map((openid) => ({
    ...workNotice('work.assigned', state.caseId, facts, { openid }, `legalAid:${state.caseId}:${stage}:${openid}`, at, dueAt),
    title: POST_TITLES[stage],
    link: { kind: 'case' as const, id: state.caseId, page: aidPage(state.caseId) },
  }));
}
