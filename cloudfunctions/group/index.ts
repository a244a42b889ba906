import {
  answerDueAt,
  answerSeconds,
  groupContracts,
  LECTURE_STATUS_LABELS,
  mayMoveLecture,
  moderationOf,
  officeHoursText,
  questionAnswered,
  lectureMoved,
  lectureRequested,
  refuse,
  remindAtFor,
  shanghaiDay,
  statusAfterAnswer,
  type GroupRole,
  type LectureStatus,
  type Suggest,
} from '@core';
import type { Actor } from '../_runtime/actor';
import { loadCalendar } from '../_runtime/calendar';
import { _, db, getOrNull } from '../_runtime/cloud';
import { tempFileUrl } from '../_runtime/files';
import { defineFunction, type ActionContext } from '../_runtime/function';
import { loadOrgs, subtreeIds } from '../_runtime/orgs';
import { contentGuard } from '../_runtime/ports';
import { writeNoticesNow } from '../_runtime/outbox';
import { protectPhone } from '../_runtime/protect';
import { actingActor } from '../case/reach';
import { openCase } from '../case/store';
import { CURSOR_LIFE_MS, decodeCursor, encodeCursor } from './cursor';
import { openData } from './open-data';
import {
  findGroup,
  saveGroup,
  type GroupFound,
  groups,
  isVillageWorker,
  members,
  membership,
  messages,
  newMessageId,
  notices,
  noticesFor,
  noticeView,
  roleLabel,
  standing,
  toView,
  villageName,
  visibleTo,
  type GroupDoc,
  type MessageDoc,
} from './store';

const PAGE = 50;
const POLL_PAGE = 100;
const WORKER_ROLES = ['advisor', 'staff', 'supervisor'] as const;

interface LectureDoc {
  _id: string;
  groupId: string;
  orgId: string;
  villageName: string;
  topic: string;
  date: string;
  status: LectureStatus;
  note: string;
  requestedBy: string;
  requesterOpenid: string;
  at: Date;
  updatedAt: Date;
}
const lectures = () => db.collection<LectureDoc>('group_lectures');
const lectureView = (d: LectureDoc) => ({
  id: d._id,
  groupId: d.groupId,
  villageName: d.villageName,
  topic: d.topic,
  date: d.date,
  status: d.status,
  statusLabel: LECTURE_STATUS_LABELS[d.status],
  note: d.note,
  requestedBy: d.requestedBy,
  at: new Date(d.at),
});

/** The units a worker works at (their grants), and every village room they serve: their own, and those under a station or center. */
async function workerUnits(actor: Actor): Promise<{ own: Array<{ id: string; name: string }>; rooms: Array<{ id: string; name: string; path: string[] }> }> {
  const units = [...new Set(actor.grants.filter((g) => (WORKER_ROLES as readonly string[]).includes(g.role)).map((g) => g.orgId))];
  const orgs = await loadOrgs(await subtreeIds(units));
  return {
    own: orgs.filter((o) => units.includes(o._id)).map((o) => ({ id: o._id, name: o.name })),
    rooms: orgs.filter((o) => o.tier === 'room').map((o) => ({ id: o._id, name: villageName(o), path: [...o.path] })),
  };
}

async function workerRooms(actor: Actor): Promise<Array<{ id: string; name: string; path: string[] }>> {
  return (await workerUnits(actor)).rooms;
}

/** Text the guard must judge, and the images (whose check is asynchronous: a resident's wait for the advisor). */
async function verdicts(texts: string[], openid: string, images: number, worker: boolean): Promise<Suggest[]> {
  const out: Suggest[] = [];
  for (const content of texts) out.push((await contentGuard.check({ content, openid, scene: 3 })).suggest);
  // mediaCheckAsync answers within 30 minutes by push, not to this call: a resident's photo waits for a person.
  if (images > 0 && !worker) out.push('review');
  return out;
}

const risky = () => refuse('VALIDATION_FAILED', 'content_risky', '内容含有不适合发布的信息，没有发出，请修改后再发');

async function loadQuestion(questionId: string): Promise<MessageDoc> {
  const q = await getOrNull(messages().doc(questionId));
  if (!q || q.kind !== 'question') throw refuse('NOT_FOUND', 'question_not_found', '没有找到这个问题');
  return q;
}

/** The group as stored, or unsaved before its first use: a handler saves it only after its checks pass. */
async function groupOf(groupId: string, ctx: ActionContext): Promise<GroupFound> {
  return findGroup(groupId, ctx.now());
}

/** The change-marker fields every write to a message sets, so a poll picks it up. */
const touched = (now: Date) => ({ updatedAt: now, version: _.inc(1) });

export const main = defineFunction('group', groupContracts, {
  async mine(_input, ctx) {
    const { actor } = ctx;
    const home = await getOrNull(db.collection<{ _id: string; groupId: string; name: string }>('group_homes').doc(actor.openid));
    if (actor.roles.includes('resident')) {
      const { data } = await members().where({ openid: actor.openid }).limit(50).get();
      const names = data.length ? (await groups().where({ _id: _.in(data.map((m) => m.groupId)) }).limit(50).get()).data : [];
      return {
        groups: data.map((m) => ({ groupId: m.groupId, name: names.find((g) => g._id === m.groupId)?.name ?? m.groupId, role: roleLabel(false, m, actor), unanswered: 0 })),
        worker: false,
        home: home ? { groupId: home.groupId, name: home.name } : null,
      };
    }
    const rooms = await workerRooms(actor);
    const open = rooms.length
      ? (await messages().where({ orgId: _.in(rooms.map((r) => r.id)), status: _.in(['open', 'escalated']) }).limit(1000).get()).data
      : [];
    return {
      groups: rooms.map((r) => ({ groupId: r.id, name: `${r.name}法律顾问群`, role: roleLabel(true, null, actor), unanswered: open.filter((m) => m.orgId === r.id && m.moderation === 'visible').length })),
      worker: true,
      home: home ? { groupId: home.groupId, name: home.name } : null,
    };
  },

  async open(input, ctx) {
    const now = ctx.now();
    const { actor } = ctx;
    const found = await groupOf(input.groupId, ctx);
    const { worker, member } = await standing(actor, found);
    // First use by someone who may see it (a worker there: nobody is a member yet): stored now.
    const group = await saveGroup(found);
    const [{ data: latest }, { total }, notes, schedule, org, people] = await Promise.all([
      messages().where({ groupId: group._id }).orderBy('updatedAt', 'desc').limit(PAGE).get(),
      members().where({ groupId: group._id }).count(),
      noticesFor(group),
      getOrNull(db.collection<{ sessions: Array<{ weekday: number; from: string; to: string }>; active: boolean }>('schedules').doc(group.orgId)),
      loadOrgs([group.orgId]),
      db.collection<{ _id: string; displayName: string; grants?: Array<{ role: string; orgId: string }>; active: boolean }>('members').where({ orgIds: group.orgId }).limit(20).get(),
    ]);
    const inviter = worker || member?.role === 'cadre';
    const t = latest.reduce((m, d) => Math.max(m, new Date(d.updatedAt).getTime()), 0);
    const cursor = encodeCursor({ groupId: group._id, openid: actor.openid, worker, t, ids: latest.filter((d) => new Date(d.updatedAt).getTime() === t).map((d) => d._id), e: now.getTime() + CURSOR_LIFE_MS });
    const mayLectures = worker || member?.role === 'cadre';
    const lectureRows = mayLectures ? (await lectures().where({ orgId: group.orgId }).orderBy('at', 'desc').limit(10).get()).data : [];
    const hours = schedule?.active && schedule.sessions.length ? officeHoursText(schedule.sessions) : (org[0]?.notice.officeHours ?? '');
    return {
      groupId: group._id,
      name: group.name,
      role: roleLabel(worker, member, actor),
      worker,
      member: member !== null,
      joinCode: inviter ? group.joinCode : null,
      sharePath: inviter ? `/pages/group/index/index?groupId=${encodeURIComponent(group._id)}&t=${group.shareToken}` : null,
      officeHours: hours,
      advisors: people.data.filter((p) => p.active && (p.grants ?? []).some((g) => g.role === 'advisor' && g.orgId === group.orgId)).map((p) => p.displayName),
      memberCount: total,
      notices: notes,
      messages: latest
        .filter((d) => visibleTo(d, actor.openid, worker))
        .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime() || a._id.localeCompare(b._id))
        .map((d) => toView(d, actor.openid)),
      cursor,
      lectures: lectureRows.map(lectureView),
    };
  },

  async poll(input, ctx) {
    const now = ctx.now();
    const facts = decodeCursor(input.cursor);
    // A cursor is the caller's own, for this group: anything else reads as a group they cannot see.
    if (!facts || facts.groupId !== input.groupId || facts.openid !== ctx.actor.openid) throw refuse('NOT_FOUND', 'group_not_found', '没有找到这个村的群，请先加入');
    if (facts.e < now.getTime()) return { messages: [], cursor: input.cursor, expired: true };
    // The one query: what changed at or after the cursor's instant, those it already holds left out.
    const { data } = await messages()
      .where({ groupId: facts.groupId, updatedAt: _.gte(new Date(facts.t)) })
      .orderBy('updatedAt', 'asc')
      .limit(POLL_PAGE)
      .get();
    const fresh = data.filter((d) => !(new Date(d.updatedAt).getTime() === facts.t && facts.ids.includes(d._id)));
    const last = fresh.reduce((m, d) => Math.max(m, new Date(d.updatedAt).getTime()), facts.t);
    const ids = last === facts.t ? [...facts.ids, ...fresh.map((d) => d._id)] : fresh.filter((d) => new Date(d.updatedAt).getTime() === last).map((d) => d._id);
    return {
      messages: fresh.filter((d) => visibleTo(d, facts.openid, facts.worker)).map((d) => toView(d, facts.openid)),
      cursor: encodeCursor({ ...facts, t: last, ids }),
      expired: false,
    };
  },

  async join(input, ctx) {
    const now = ctx.now();
    const openid = ctx.actor.openid;
    let group: GroupDoc | null = null;
    if (input.code) {
      group = (await groups().where({ joinCode: input.code.toUpperCase() }).limit(1).get()).data[0] ?? null;
      if (!group) throw refuse('NOT_FOUND', 'code_invalid', '没有这个村群码，请核对');
    } else if (input.groupId && input.token && input.cloudId) {
      group = await groupOf(input.groupId, ctx);
      if (input.token !== group.shareToken) throw refuse('FORBIDDEN', 'card_invalid', '这张卡片已失效，请让村干部重新分享');
      const entered = await openData.groupEnter(input.cloudId, openid);
      if (entered === 'expired') throw refuse('VALIDATION_FAILED', 'card_expired', '卡片信息已过期，请从群里重新打开');
      if (!entered.opengid || (entered.chatType !== 3 && entered.chatType !== 4)) throw refuse('VALIDATION_FAILED', 'not_from_group', '请从村里的微信群打开这张卡片');
      if (!group.opengids.includes(entered.opengid)) {
        const bound = (await groups().where({ opengids: entered.opengid }).limit(2).get()).data.filter((g) => g._id !== group?._id);
        if (bound.length) throw refuse('CONFLICT', 'group_bound_elsewhere', '这个微信群已经绑定了别的村');
        // The first card opened in a WeChat group binds it to the village whose card it was.
        await groups().doc(group._id).update({ data: { opengids: _.addToSet(entered.opengid) } });
      }
    } else {
      throw refuse('NOT_FOUND', 'code_invalid', '请填写村群码');
    }
    const id = `${group._id}:${openid}`;
    const existing = await membership(group._id, openid);
    if (!existing) {
      try {
        await members().add({ data: { _id: id, groupId: group._id, openid, role: 'resident' satisfies GroupRole, name: input.name ?? '村民', joinedAt: now } });
      } catch (err) {
        if (!/E11000|duplicate|exist/i.test(String((err as Error).message ?? err))) throw err;
      }
    } else if (input.name && input.name !== existing.name) {
      await members().doc(id).update({ data: { name: input.name } });
    }
    // Where this person lives, as far as the app knows: 首页's 法治宣传 and booking start from it.
    await db.collection('group_homes').doc(openid).set({ data: { groupId: group._id, orgId: group.orgId, name: group.name, setAt: now } });
    return { groupId: group._id, name: group.name };
  },

  async post(input, ctx) {
    const now = ctx.now();
    const { actor } = ctx;
    const found = await groupOf(input.groupId, ctx);
    const { worker, member } = await standing(actor, found);
    const group = await saveGroup(found);
    const images = input.images ?? [];
    if (images.some((f) => !f.includes(`/uploads/${actor.openid}/`))) throw refuse('FORBIDDEN', 'foreign_file', '只能发自己上传的图片');
    let question: MessageDoc | null = null;
    if (input.kind === 'answer') {
      if (!worker) throw refuse('FORBIDDEN', 'workers_only', '只有本村的法律顾问和工作人员可以解答');
      if (!input.questionId) throw refuse('NOT_FOUND', 'question_not_found', '没有找到这个问题');
      question = await loadQuestion(input.questionId);
      if (question.groupId !== group._id) throw refuse('NOT_FOUND', 'question_not_found', '没有找到这个问题');
      if (question.moderation !== 'visible') throw refuse('INVALID_STATE', 'question_held', '这个问题还在审核，请先审核');
    }
    const moderation = moderationOf(await verdicts([input.text], actor.openid, images.length, worker), worker);
    // Risky content is refused here and stored nowhere: nobody, the author included, is ever shown it.
    if (moderation === 'refused') throw risky();
    const { calendar } = await loadCalendar(now);
    const isQuestion = input.kind === 'question';
    const dueAt = isQuestion ? answerDueAt(now, calendar) : null;
    const doc: MessageDoc = {
      _id: newMessageId(now),
      groupId: group._id,
      orgId: group.orgId,
      kind: input.kind,
      text: input.text,
      images,
      private: isQuestion ? (input.private ?? false) : (question?.private ?? false),
      moderation,
      authorOpenid: actor.openid,
      authorName: member?.name ?? actor.displayName ?? '村民',
      authorRole: roleLabel(worker, member, actor),
      questionId: question?._id ?? null,
      askerOpenid: isQuestion ? actor.openid : (question?.askerOpenid ?? null),
      status: isQuestion ? 'open' : null,
      dueAt,
      remindAt: dueAt ? remindAtFor(dueAt) : null,
      remindedAt: null,
      escalatedAt: null,
      answeredAt: null,
      answerSeconds: null,
      answeredBy: null,
      caseId: null,
      caseCode: null,
      contact: isQuestion && input.contact ? { name: input.contact.name, ...protectPhone(input.contact.phone) } : null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await messages().add({ data: doc });
    if (question) {
      // The first answer stops the clock; later ones are more replies on the same question.
      const set = { status: statusAfterAnswer(question.status ?? 'open'), answeredAt: now, answerSeconds: answerSeconds(new Date(question.createdAt), now), answeredBy: actor.openid, ...touched(now) };
      const { stats } = await messages().where({ _id: question._id, answeredAt: null }).update({ data: set });
      // The first answer is news for the asker (消息); later replies show in the group.
      if (stats.updated === 1 && question.askerOpenid && question.askerOpenid !== actor.openid) {
        const facts = { id: question._id, groupId: group._id, text: question.text, dueAt: new Date(question.dueAt ?? now) };
        await writeNoticesNow([questionAnswered(facts, question.askerOpenid, group.name, now)], now);
      }
    }
    return { message: toView(doc, actor.openid) };
  },

  async moderate(input, ctx) {
    const now = ctx.now();
    const doc = await getOrNull(messages().doc(input.messageId));
    const group = doc ? await getOrNull(groups().doc(doc.groupId)) : null;
    if (!doc || !group || !isVillageWorker(ctx.actor, group)) throw refuse('NOT_FOUND', 'message_not_found', '没有找到这条消息');
    if (doc.moderation !== 'held') {
      if (input.approve) return { message: toView(doc, ctx.actor.openid) };
      throw refuse('INVALID_STATE', 'not_held', '这条消息不在待审核中');
    }
    if (!input.approve) {
      await messages().doc(doc._id).remove();
      return { message: null };
    }
    await messages().where({ _id: doc._id, moderation: 'held' }).update({ data: { moderation: 'visible', approvedBy: ctx.actor.openid, ...touched(now) } });
    return { message: toView({ ...doc, moderation: 'visible', updatedAt: now, version: doc.version + 1 }, ctx.actor.openid) };
  },

  async closeQuestion(input, ctx) {
    const now = ctx.now();
    const q = await loadQuestion(input.questionId);
    if (q.askerOpenid !== ctx.actor.openid) {
      // Someone else's private question is not there at all for them.
      if (q.private) throw refuse('NOT_FOUND', 'question_not_found', '没有找到这个问题');
      throw refuse('FORBIDDEN', 'not_asker', '只有提问的人可以确认已解决');
    }
    if (q.status === 'closed') return { message: toView(q, ctx.actor.openid) };
    if (q.status !== 'answered') throw refuse('INVALID_STATE', 'question_not_answered', '还没有人解答，暂不能确认');
    await messages().where({ _id: q._id, status: 'answered' }).update({ data: { status: 'closed', closedAt: now, ...touched(now) } });
    return { message: toView({ ...q, status: 'closed', updatedAt: now, version: q.version + 1 }, ctx.actor.openid) };
  },

  async convert(input, ctx) {
    const now = ctx.now();
    const q = await loadQuestion(input.questionId);
    const group = await getOrNull(groups().doc(q.groupId));
    if (!group) throw refuse('NOT_FOUND', 'question_not_found', '没有找到这个问题');
    if (!isVillageWorker(ctx.actor, group)) throw refuse('FORBIDDEN', 'workers_only', '只有本村的法律顾问和工作人员可以转为工单');
    if (q.caseId && q.caseCode) return { caseId: q.caseId, caseCode: q.caseCode };
    if (q.moderation !== 'visible') throw refuse('INVALID_STATE', 'question_held', '这个问题还在审核，请先审核');
    const contact = input.name && input.phone ? { name: input.name, ...protectPhone(input.phone) } : q.contact;
    if (!contact) throw refuse('VALIDATION_FAILED', 'contact_missing', '请填写提问人的姓名和手机号');
    const { calendar } = await loadCalendar(now);
    // One case per question: its id comes from the question, so a second tap finds the first case.
    const caseId = `g${q._id}`;
    const doc = await openCase(
      caseId,
      {
        channel: 'groupChat',
        category: input.category ?? 'consultation',
        summary: `群里提问（${group.name}）：${q.text}`.slice(0, 1000),
        applicant: { openid: q.askerOpenid, ...contact },
        proxy: null,
        orgId: group.orgId,
        priorityGroups: [],
      },
      { actor: actingActor(ctx, '法律顾问'), at: now },
      [...group.orgPath],
      calendar,
    );
    await messages().doc(q._id).update({ data: { caseId: doc._id, caseCode: doc.code, ...touched(now) } });
    return { caseId: doc._id, caseCode: doc.code };
  },

  async workspace(_input, ctx) {
    const { own, rooms } = await workerUnits(ctx.actor);
    const ids = rooms.map((r) => r.id);
    const nameOf = (id: string) => rooms.find((r) => r.id === id)?.name ?? id;
    const [open, held, quick, talks] = await Promise.all([
      ids.length ? messages().where({ orgId: _.in(ids), status: _.in(['open', 'escalated']) }).orderBy('createdAt', 'asc').limit(100).get() : { data: [] as MessageDoc[] },
      ids.length ? messages().where({ orgId: _.in(ids), moderation: 'held' }).orderBy('createdAt', 'asc').limit(50).get() : { data: [] as MessageDoc[] },
      getOrNull(db.collection<{ replies: string[] }>('group_quick_replies').doc(ctx.actor.openid)),
      ids.length ? lectures().where({ orgId: _.in(ids), status: _.in(['requested', 'scheduled']) }).orderBy('at', 'asc').limit(100).get() : { data: [] as LectureDoc[] },
    ]);
    const row = (d: MessageDoc) => ({ groupId: d.groupId, villageName: nameOf(d.orgId), message: toView(d, ctx.actor.openid) });
    return {
      questions: open.data.filter((d) => d.moderation === 'visible').map(row),
      held: held.data.map(row),
      quickReplies: quick?.replies ?? [],
      lectures: [...talks.data].sort((a, b) => a.date.localeCompare(b.date)).map(lectureView),
      // Their own units first (a station or the center: township- or county-wide), then each village.
      noticeUnits: [...own.filter((o) => !ids.includes(o.id)), ...rooms.map((r) => ({ id: r.id, name: r.name }))],
    };
  },

  async saveQuickReplies(input, ctx) {
    await db.collection('group_quick_replies').doc(ctx.actor.openid).set({ data: { replies: input.replies, updatedAt: ctx.now() } });
    return { quickReplies: input.replies };
  },

  async postNotice(input, ctx) {
    const now = ctx.now();
    const [org] = await loadOrgs([input.orgId]);
    if (!org) throw refuse('NOT_FOUND', 'group_not_found', '没有找到这个单位');
    if (!isVillageWorker(ctx.actor, { orgId: org._id, orgPath: org.path })) throw refuse('FORBIDDEN', 'unit_out_of_reach', '只能给自己服务的村镇发布');
    const verdict = moderationOf(await verdicts([`${input.title}\n${input.text}`], ctx.actor.openid, 0, true), true);
    if (verdict === 'refused') throw risky();
    const doc = { _id: newMessageId(now).replace(/^m/, 'n'), orgId: org._id, orgName: org.name, title: input.title, text: input.text, at: now, authorOpenid: ctx.actor.openid, authorName: ctx.actor.displayName ?? '法律顾问' };
    await notices().add({ data: doc });
    return { notice: noticeView(doc) };
  },

  async home(_input, ctx) {
    const home = await getOrNull(db.collection<{ _id: string; groupId: string; name: string }>('group_homes').doc(ctx.actor.openid));
    if (!home) return { home: null, notices: [] };
    const group = await getOrNull(groups().doc(home.groupId));
    return { home: { groupId: home.groupId, name: home.name }, notices: group ? await noticesFor(group) : [] };
  },

  async setRole(input, ctx) {
    const group = await groupOf(input.groupId, ctx);
    if (!isVillageWorker(ctx.actor, group)) throw refuse('NOT_FOUND', 'group_not_found', '没有找到这个村的群');
    const member = await membership(group._id, input.openid);
    if (!member) throw refuse('NOT_FOUND', 'member_not_found', '这个人还没有入群');
    await members().doc(member._id).update({ data: { role: input.role } });
    return { openid: input.openid, role: input.role };
  },

  async fileUrl(input, ctx) {
    const doc = await getOrNull(messages().doc(input.messageId));
    const group = doc ? await getOrNull(groups().doc(doc.groupId)) : null;
    if (!doc || !group) throw refuse('NOT_FOUND', 'message_not_found', '没有找到这条消息');
    const worker = isVillageWorker(ctx.actor, group);
    const member = worker ? null : await membership(group._id, ctx.actor.openid);
    if ((!worker && !member) || !visibleTo(doc, ctx.actor.openid, worker)) throw refuse('NOT_FOUND', 'message_not_found', '没有找到这条消息');
    const file = doc.images[input.index];
    if (!file) throw refuse('NOT_FOUND', 'file_not_found', '图片不存在');
    return { url: (await tempFileUrl(file, ctx.now())).url };
  },

  async requestLecture(input, ctx) {
    const now = ctx.now();
    const group = await groupOf(input.groupId, ctx);
    const member = await membership(group._id, ctx.actor.openid);
    if (!member) throw refuse('NOT_FOUND', 'group_not_found', '没有找到这个村的群，请先加入');
    if (member.role !== 'cadre') throw refuse('FORBIDDEN', 'cadres_only', '请村干部来预约普法讲座');
    if (input.date < shanghaiDay(now)) throw refuse('VALIDATION_FAILED', 'date_past', '日期已经过了，请重新选择');
    if (moderationOf(await verdicts([input.topic], ctx.actor.openid, 0, false), false) === 'refused') throw risky();
    const doc: LectureDoc = {
      _id: newMessageId(now).replace(/^m/, 'l'),
      groupId: group._id,
      orgId: group.orgId,
      villageName: group.name.replace(/法律顾问群$/, ''),
      topic: input.topic,
      date: input.date,
      status: 'requested',
      note: input.note ?? '',
      requestedBy: member.name,
      requesterOpenid: ctx.actor.openid,
      at: now,
      updatedAt: now,
    };
    await lectures().add({ data: doc });
    await writeNoticesNow([lectureRequested({ ...doc, id: doc._id, statusLabel: LECTURE_STATUS_LABELS[doc.status] }, group.orgId, now)], now);
    return lectureView(doc);
  },

  async updateLecture(input, ctx) {
    const now = ctx.now();
    const doc = await getOrNull(lectures().doc(input.lectureId));
    const group = doc ? await getOrNull(groups().doc(doc.groupId)) : null;
    if (!doc || !group || !isVillageWorker(ctx.actor, group)) throw refuse('NOT_FOUND', 'lecture_not_found', '没有找到这个普法申请');
    if (!mayMoveLecture(doc.status, input.status)) throw refuse('INVALID_STATE', 'lecture_step', '当前状态下不能这样操作');
    const next = { status: input.status, date: input.date ?? doc.date, note: input.note ?? doc.note, updatedAt: now, [`${input.status}At`]: now };
    const { stats } = await lectures().where({ _id: doc._id, status: doc.status }).update({ data: next });
    if (stats.updated !== 1) throw refuse('INVALID_STATE', 'lecture_step', '情况已有变化，请刷新后再试');
    const after = { ...doc, ...next };
    // The key names the step, and a re-scheduled day is a step of its own.
    await writeNoticesNow([lectureMoved({ ...after, id: doc._id, statusLabel: LECTURE_STATUS_LABELS[after.status] }, doc.requesterOpenid, `${after.status}:${after.date}`, now)], now);
    return lectureView(after);
  },
});
