import { formatShanghai, keywordTime, templateData, type NoticeItem } from '@core';
import { _, db } from '../_runtime/cloud';
import { writeNoticesNow } from '../_runtime/outbox';

/**
 * Village group questions nobody answered: the village's advisors are reminded before the answer
 * time, and once it has passed the question escalates to the township station, exactly once. Each
 * step is a conditional update on the question (reminded/escalated still unset), so two runs
 * cannot both take it; the notice's key is the question's, so a replay writes nothing twice.
 */
interface QuestionDoc {
  _id: string;
  groupId: string;
  orgId: string;
  text: string;
  status: string;
  dueAt: Date;
  remindedAt: Date | null;
  escalatedAt: Date | null;
}
interface GroupFacts {
  _id: string;
  name: string;
  orgPath: string[];
}

const SCAN_LIMIT = 200;
const groupPage = (groupId: string) => `/pages/group/index/index?groupId=${encodeURIComponent(groupId)}`;

function questionNotice(event: 'work.dueSoon' | 'work.overdue', q: QuestionDoc, group: GroupFacts | undefined, to: NoticeItem['to'], at: Date): NoticeItem {
  const phrase = event === 'work.dueSoon' ? '即将到期' : '已超期';
  const where = group?.name ?? '村法律顾问群';
  return {
    key: `group:${event === 'work.dueSoon' ? 'remind' : 'escalate'}:${q._id}`,
    to,
    event,
    push: true,
    urgent: false,
    template: 'workNotice',
    data: templateData('workNotice', { character_string1: q._id.slice(0, 32), thing2: `${where}：${q.text}`, phrase3: phrase, time4: keywordTime(new Date(q.dueAt)) }),
    title: event === 'work.dueSoon' ? '群里有问题待解答' : '群里的问题超时未答',
    body: `${where}：${q.text.slice(0, 40)}（应在 ${formatShanghai(new Date(q.dueAt), 'M月D日 HH:mm')} 前解答）`,
    // notify's links know cases and bookings; the page is what the entry opens.
    link: { kind: 'case', id: q._id, page: groupPage(q.groupId) },
    at,
    notBefore: at,
  };
}

async function groupsOf(ids: string[]): Promise<Map<string, GroupFacts>> {
  if (ids.length === 0) return new Map();
  const { data } = await db.collection<GroupFacts>('groups').where({ _id: _.in([...new Set(ids)]) }).limit(100).get();
  return new Map(data.map((g) => [g._id, g]));
}

export async function groupQuestions(at: Date): Promise<{ reminded: number; escalated: number }> {
  const msgs = db.collection<QuestionDoc>('group_messages');
  const remind = (await msgs.where({ status: 'open', remindAt: _.lte(at), remindedAt: null }).limit(SCAN_LIMIT).get()).data;
  const late = (await msgs.where({ status: 'open', dueAt: _.lte(at), escalatedAt: null }).limit(SCAN_LIMIT).get()).data;
  const facts = await groupsOf([...remind, ...late].map((q) => q.groupId));
  const notices: NoticeItem[] = [];
  let reminded = 0;
  let escalated = 0;
  for (const q of remind) {
    const { stats } = await msgs.where({ _id: q._id, status: 'open', remindedAt: null }).update({ data: { remindedAt: at } });
    if (stats.updated !== 1) continue;
    reminded += 1;
    notices.push(questionNotice('work.dueSoon', q, facts.get(q.groupId), { orgIds: [q.orgId], roles: ['advisor'] }, at));
  }
  for (const q of late) {
    // The change marks it for the group pages' polls too: everyone sees it went up to the station.
    const { stats } = await msgs.where({ _id: q._id, status: 'open', escalatedAt: null }).update({ data: { status: 'escalated', escalatedAt: at, updatedAt: at, version: _.inc(1) } });
    if (stats.updated !== 1) continue;
    escalated += 1;
    const group = facts.get(q.groupId);
    const station = group?.orgPath[group.orgPath.length - 1];
    // The township station (its staff, else those above it) takes what the village could not settle in time.
    const to: NoticeItem['to'] = { orgIds: station ? [station, ...[...(group?.orgPath ?? [])].reverse().slice(1)] : [q.orgId], roles: ['staff', 'supervisor'], nearest: true };
    notices.push(questionNotice('work.overdue', q, group, to, at));
  }
  await writeNoticesNow(notices, at);
  return { reminded, escalated };
}
