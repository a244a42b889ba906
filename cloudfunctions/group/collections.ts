import { defineCollections } from '@core';

export const groupCollections = defineCollections([
  {
    name: 'groups',
    purpose: 'one village advisor group per village room (_id = the room id), created on first use: join code, share-card token, bound WeChat groups (opengid)',
    indexes: [
      { name: 'joinCode', keys: [['joinCode', 1]], unique: true },
      { name: 'opengids', keys: [['opengids', 1]] },
    ],
  },
  {
    name: 'group_members',
    purpose: 'who joined which group (_id = groupId:openid) and their group role; never read by access checks on cases',
    indexes: [
      { name: 'openid', keys: [['openid', 1]] },
      { name: 'group_role', keys: [['groupId', 1], ['role', 1]] },
    ],
  },
  { name: 'group_homes', purpose: 'a resident’s home village (_id = openid), set by joining its group; read by 首页' },
  {
    name: 'group_messages',
    purpose: 'questions, answers and plain messages; a question carries its tracking (status, dueAt, answer time, escalation, case)',
    indexes: [
      // poll: what changed in a group since the cursor; open: the latest page.
      { name: 'group_updated', keys: [['groupId', 1], ['updatedAt', 1]] },
      // the timer: open questions whose reminder or answer time has come.
      { name: 'status_due', keys: [['status', 1], ['dueAt', 1]] },
      { name: 'status_remind', keys: [['status', 1], ['remindAt', 1]] },
      // the advisor's desk: unanswered or held across their villages, oldest first.
      { name: 'org_status_created', keys: [['orgId', 1], ['status', 1], ['createdAt', 1]] },
      { name: 'org_moderation_created', keys: [['orgId', 1], ['moderation', 1], ['createdAt', 1]] },
    ],
  },
  {
    name: 'group_notices',
    purpose: '法治宣传 notices for a village, a township or the county (orgId), newest first',
    indexes: [{ name: 'org_at', keys: [['orgId', 1], ['at', -1]] }],
  },
  { name: 'group_quick_replies', purpose: 'an advisor’s saved quick replies (_id = openid)' },
  {
    name: 'group_lectures',
    purpose: '订单式普法: a cadre’s lecture request (topic, day) followed to delivery',
    indexes: [{ name: 'org_at', keys: [['orgId', 1], ['at', -1]] }],
  },
]);
