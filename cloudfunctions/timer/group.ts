import { questionEscalation, questionReminder, type NoticeItem } from '@core';
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

const factsOf = (q: QuestionDoc) => ({ id: q._id, groupId: q.groupId, text: q.text, dueAt: new Date(q.dueAt) });

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
    notices.push(questionReminder(factsOf(q), facts.get(q.groupId)?.name ?? '村法律顾问群', q.orgId, at));
  }
  for (const q of late) {
    // The change marks it for the group pages' polls too: everyone sees it went up to the station.
    const { stats } = await msgs.where({ _id: q._id, status: 'open', escalatedAt: null }).update({ data: { status: 'escalated', escalatedAt: at, updatedAt: at, version: _.inc(1) } });
    if (stats.updated !== 1) continue;
    escalated += 1;
    const group = facts.get(q.groupId);
    const station = group?.orgPath[group.orgPath.length - 1];
    // The township station (its staff, else those above it) takes what the village could not settle in time.
    const chainUp = station ? [station, ...[...(group?.orgPath ?? [])].reverse().slice(1)] : [q.orgId];
    notices.push(questionEscalation(factsOf(q), group?.name ?? '村法律顾问群', chainUp, at));
  }
  await writeNoticesNow(notices, at);
  return { reminded, escalated };
}
