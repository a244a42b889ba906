import crypto from 'node:crypto';
import {
  GROUP_ROLE_LABELS,
  JOIN_CODE_ALPHABET,
  joinCodeFrom,
  mayAccess,
  mayView,
  QUESTION_STATUS_LABELS,
  refuse,
  type Access,
  type GroupMessageView,
  type GroupNoticeView,
  type GroupRole,
  type MessageKind,
  type Moderation,
  type QuestionStatus,
  type StoredPhone,
} from '@core';
import type { Actor } from '../_runtime/actor';
import { _, db, getOrNull } from '../_runtime/cloud';
import { isDuplicate } from '../_runtime/outbox';
import { loadOrgs, type OrgDoc } from '../_runtime/orgs';

export interface GroupDoc {
  _id: string;
  /** The village room. */
  orgId: string;
  /** Its ancestors: station, center. */
  orgPath: string[];
  name: string;
  joinCode: string;
  /** The share card's token: a card carrying it may bind the WeChat group it is opened in. */
  shareToken: string;
  opengids: string[];
  createdAt: Date;
}

export interface MemberDoc {
  _id: string;
  groupId: string;
  openid: string;
  role: GroupRole;
  name: string;
  joinedAt: Date;
}

export interface MessageDoc {
  _id: string;
  groupId: string;
  orgId: string;
  kind: MessageKind;
  text: string;
  images: string[];
  private: boolean;
  moderation: Moderation;
  authorOpenid: string;
  authorName: string;
  authorRole: string;
  questionId: string | null;
  /** A private question's asker, on its answers too: they are for the asker alone. */
  askerOpenid: string | null;
  status: QuestionStatus | null;
  dueAt: Date | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  answeredAt: Date | null;
  answerSeconds: number | null;
  answeredBy: string | null;
  caseId: string | null;
  caseCode: string | null;
  /** The asker's name and phone (sealed), given when asking, for a case if one is needed. */
  contact: ({ name: string } & StoredPhone) | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface NoticeDocG {
  _id: string;
  orgId: string;
  orgName: string;
  title: string;
  text: string;
  at: Date;
  authorOpenid: string;
  authorName: string;
}

export const groups = () => db.collection<GroupDoc>('groups');
export const members = () => db.collection<MemberDoc>('group_members');
export const messages = () => db.collection<MessageDoc>('group_messages');
export const notices = () => db.collection<NoticeDocG>('group_notices');

/** A village's advisors and the staff and supervisors above it (and admins): they see and answer every message there. */
export const VILLAGE_WORKERS: Access = { advisor: ['subtree'], staff: ['subtree'], supervisor: ['subtree'], admin: ['any'] };

export function isVillageWorker(actor: Actor, group: Pick<GroupDoc, 'orgId' | 'orgPath'>): boolean {
  return mayAccess(actor, VILLAGE_WORKERS, { orgId: group.orgId, orgPath: group.orgPath });
}

export const villageName = (org: Pick<OrgDoc, 'name'>) => org.name.replace(/公共法律服务工作室$/, '');

function newCode(): string {
  return joinCodeFrom([...crypto.randomBytes(6)]);
}
void JOIN_CODE_ALPHABET;

/** A group not yet stored: what the village's group will be once a caller allowed to use it does. */
export type GroupFound = GroupDoc & { unsaved?: true };

function draftGroup(org: OrgDoc, now: Date): GroupFound {
  return {
    _id: org._id,
    orgId: org._id,
    orgPath: [...org.path],
    name: `${villageName(org)}法律顾问群`,
    joinCode: newCode(),
    shareToken: crypto.randomBytes(12).toString('base64url'),
    opengids: [],
    createdAt: now,
    unsaved: true,
  };
}

/**
 * A village's group as stored or, before anyone has used it, as it would be (unsaved). Reading it
 * writes nothing, so a call refused after looking (not a worker there, not a member) never
 * creates a group; a handler saves it (saveGroup) once the caller has passed its checks. A unit
 * that is not a village room has none.
 */
export async function findGroup(roomId: string, now: Date): Promise<GroupFound> {
  const found = await getOrNull(groups().doc(roomId));
  if (found) return found;
  const [org] = await loadOrgs([roomId]);
  if (!org || org.tier !== 'room') throw refuse('NOT_FOUND', 'group_not_found', '没有找到这个村的群');
  return draftGroup(org, now);
}

/** Stores a group found unsaved (first use); whoever stored it first wins, and every caller gets that one. */
export async function saveGroup(group: GroupFound): Promise<GroupDoc> {
  if (!group.unsaved) return group;
  const { unsaved: _unsaved, ...doc } = group;
  void _unsaved;
  for (let attempt = 0; attempt < 3; attempt++) {
    const draw = attempt === 0 ? doc : { ...doc, joinCode: newCode() };
    try {
      await groups().add({ data: draw });
      return draw;
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      // Another call created it first, or the code was taken: read again, or draw another code.
      const again = await getOrNull(groups().doc(doc._id));
      if (again) return again;
    }
  }
  throw refuse('NOT_FOUND', 'group_not_found', '没有找到这个村的群');
}

export async function membership(groupId: string, openid: string): Promise<MemberDoc | null> {
  return getOrNull(members().doc(`${groupId}:${openid}`));
}

/** What the caller is in a group: a worker by grant, a member, or nobody (then it is not found, as if absent). */
export async function standing(actor: Actor, group: GroupDoc): Promise<{ worker: boolean; member: MemberDoc | null }> {
  const worker = isVillageWorker(actor, group);
  const member = await membership(group._id, actor.openid);
  if (!worker && !member) throw refuse('NOT_FOUND', 'group_not_found', '没有找到这个村的群，请先加入');
  return { worker, member };
}

export function roleLabel(worker: boolean, member: MemberDoc | null, actor: Actor): string {
  if (member) return GROUP_ROLE_LABELS[member.role];
  if (actor.roles.includes('advisor')) return '法律顾问';
  return worker ? '工作人员' : '村民';
}

export function visibleTo(doc: MessageDoc, openid: string, worker: boolean): boolean {
  return mayView({ authorOpenid: doc.authorOpenid, private: doc.private, moderation: doc.moderation, askerOpenid: doc.askerOpenid }, { openid, villageWorker: worker });
}

export function toView(doc: MessageDoc, openid: string): GroupMessageView {
  return {
    id: doc._id,
    kind: doc.kind,
    text: doc.text,
    imageCount: doc.images.length,
    authorName: doc.authorName,
    authorRole: doc.authorRole,
    mine: doc.authorOpenid === openid,
    at: new Date(doc.createdAt),
    private: doc.private,
    moderation: doc.moderation,
    questionId: doc.questionId,
    status: doc.status,
    statusLabel: doc.status ? QUESTION_STATUS_LABELS[doc.status] : '',
    dueAt: doc.dueAt ? new Date(doc.dueAt) : null,
    answeredAt: doc.answeredAt ? new Date(doc.answeredAt) : null,
    answerSeconds: doc.answerSeconds,
    caseId: doc.caseId,
    caseCode: doc.caseCode,
    version: doc.version,
  };
}

export function noticeView(doc: NoticeDocG): GroupNoticeView {
  return { id: doc._id, orgId: doc.orgId, orgName: doc.orgName, title: doc.title, text: doc.text, at: new Date(doc.at), authorName: doc.authorName };
}

/** 法治宣传 for a village: its own, its township's and the county's notices, newest first. */
export async function noticesFor(group: Pick<GroupDoc, 'orgId' | 'orgPath'>, limit = 10): Promise<GroupNoticeView[]> {
  const { data } = await notices()
    .where({ orgId: _.in([group.orgId, ...group.orgPath]) })
    .orderBy('at', 'desc')
    .limit(limit)
    .get();
  return data.map(noticeView);
}

/** The message ids are time-ordered so a page sorts by id alone when two share a millisecond. */
export function newMessageId(now: Date): string {
  return `m${now.getTime().toString(36)}${crypto.randomBytes(5).toString('hex')}`;
}
