// What a village group's question tells people, built as N1's notices (cloudfunctions/_runtime/outbox.ts writes them).
import { formatShanghai } from '../clock/shanghai';
import { keywordTime, PUSH_POLICY, templateData, type NoticeItem, type Recipient } from '../notify/policy';

export interface QuestionFacts {
  id: string;
  groupId: string;
  text: string;
  dueAt: Date;
}

export const groupPage = (groupId: string) => `/pages/group/index/index?groupId=${encodeURIComponent(groupId)}`;

const snippet = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

/**
 * notify's links name a case or a booking; a question is neither, so its link carries the question's
 * id under `case` and the page that opens it (the inbox opens `page` only).
 */
function link(q: QuestionFacts): NoticeItem['link'] {
  return { kind: 'case', id: q.id, page: groupPage(q.groupId) };
}

function work(event: 'work.dueSoon' | 'work.overdue', q: QuestionFacts, groupName: string, to: Recipient, at: Date): NoticeItem {
  const rule = PUSH_POLICY[event];
  return {
    key: `group:${event === 'work.dueSoon' ? 'remind' : 'escalate'}:${q.id}`,
    to,
    event,
    push: rule.push,
    urgent: rule.urgent,
    template: rule.template,
    data: templateData(rule.template, { character_string1: q.id.slice(0, 32), thing2: `${groupName}：${q.text}`, phrase3: rule.phrase, time4: keywordTime(q.dueAt) }),
    title: event === 'work.dueSoon' ? '群里有问题待解答' : '群里的问题超时未答',
    body: `${groupName}：${snippet(q.text)}（应在 ${formatShanghai(q.dueAt, 'M月D日 HH:mm')} 前解答）`,
    link: link(q),
    at,
    notBefore: at,
  };
}

/** Before the answer time: the village's advisors. */
export function questionReminder(q: QuestionFacts, groupName: string, roomId: string, at: Date): NoticeItem {
  return work('work.dueSoon', q, groupName, { orgIds: [roomId], roles: ['advisor'] }, at);
}

/** After it, once: the township station's staff (else those above it), nearest first. */
export function questionEscalation(q: QuestionFacts, groupName: string, chainUp: string[], at: Date): NoticeItem {
  return work('work.overdue', q, groupName, { orgIds: chainUp, roles: ['staff', 'supervisor'], nearest: true }, at);
}

/** The asker hears in 消息 that their question has an answer (an inbox step, no push). */
export function questionAnswered(q: QuestionFacts, askerOpenid: string, groupName: string, at: Date): NoticeItem {
  const rule = PUSH_POLICY['case.step'];
  return {
    key: `group:answered:${q.id}`,
    to: { openid: askerOpenid },
    event: 'case.step',
    push: rule.push,
    urgent: rule.urgent,
    template: rule.template,
    data: templateData(rule.template, { character_string1: q.id.slice(0, 32), thing2: `${groupName}：${q.text}`, phrase3: rule.phrase, time4: keywordTime(at), thing5: '点开看法律顾问的答复' }),
    title: '您的提问有了答复',
    body: `${groupName}：${snippet(q.text)}`,
    link: link(q),
    at,
    notBefore: at,
  };
}

export interface LectureFacts {
  id: string;
  groupId: string;
  villageName: string;
  topic: string;
  date: string;
  statusLabel: string;
}

/** 订单式普法: the village's advisors hear of a new request (a work notice), the cadre of each step on it (消息). */
export function lectureRequested(l: LectureFacts, roomId: string, at: Date): NoticeItem {
  const rule = PUSH_POLICY['work.assigned'];
  return {
    key: `group:lecture:${l.id}:requested`,
    to: { orgIds: [roomId], roles: ['advisor'] },
    event: 'work.assigned',
    push: rule.push,
    urgent: rule.urgent,
    template: rule.template,
    data: templateData(rule.template, { character_string1: l.id.slice(0, 32), thing2: `${l.villageName}普法讲座：${l.topic}`, phrase3: rule.phrase, time4: keywordTime(at) }),
    title: '村里预约了普法讲座',
    body: `${l.villageName}：${l.topic}（${l.date}）`,
    link: { kind: 'case', id: l.id, page: groupPage(l.groupId) },
    at,
    notBefore: at,
  };
}

export function lectureMoved(l: LectureFacts, cadreOpenid: string, status: string, at: Date): NoticeItem {
  const rule = PUSH_POLICY['case.step'];
  return {
    key: `group:lecture:${l.id}:${status}`,
    to: { openid: cadreOpenid },
    event: 'case.step',
    push: rule.push,
    urgent: rule.urgent,
    template: rule.template,
    data: templateData(rule.template, { character_string1: l.id.slice(0, 32), thing2: `普法讲座：${l.topic}`, phrase3: rule.phrase, time4: keywordTime(at), thing5: `${l.date} ${l.statusLabel}` }),
    title: `普法讲座${l.statusLabel}`,
    body: `${l.topic}（${l.date}）`,
    link: { kind: 'case', id: l.id, page: groupPage(l.groupId) },
    at,
    notBefore: at,
  };
}
