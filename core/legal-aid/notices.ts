// What the applicant side is told after a legal-aid step, through N1's outbox (core/notify): the
// materials notice and the deemed withdrawal are pushed as the case's own are; the other steps go
// to the inbox (case.step) until the push policy names legal-aid decisions of their own.
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
};

function eventOf(e: AidEvent): NoticeEvent {
  if (e.type === 'requestMaterials') return 'case.materialsRequested';
  if (e.type === 'withdrawn') return 'case.deemedWithdrawn';
  return 'case.step';
}

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
  return fresh.flatMap((e, i) => {
    const title = TITLES[e.type];
    if (!title) return [];
    const event = eventOf(e);
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
}

/**
 * The work put before a post: an application reaching the agency's review goes to the legal-aid
 * post, an objection to the 司法局; each person told once per application and stage.
 */
export function postNotices(state: AidState, stage: 'review' | 'objection', posts: readonly string[], at: Date, dueAt: Date | null): NoticeItem[] {
  const facts = { code: state.code, category: 'legalAid' as const, summary: MATTER_LABELS[state.matter] };
  return posts.map((openid) => ({
    ...workNotice('work.assigned', state.caseId, facts, { openid }, `legalAid:${state.caseId}:${stage}:${openid}`, at, dueAt),
    title: stage === 'review' ? '有法律援助申请待审查' : '有法律援助异议待审查',
    link: { kind: 'case' as const, id: state.caseId, page: aidPage(state.caseId) },
  }));
}
