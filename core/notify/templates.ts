import type { KeywordType } from './keywords';

/**
 * The subscribe-message templates the product sends: few, because WeChat grants each account a
 * handful and a resident is asked for at most 3 per tap. Each event names itself in the
 * template's `phrase` keyword (已受理, 待补材料, 已办结 …), so one template carries many events.
 *
 * A deployment's template ids are configuration, not code: the build reads SUBSCRIBE_TEMPLATE_IDS
 * (JSON, name → the id WeChat assigned) into dist/manifest.json `templateIds` and the mini-program's
 * build; the functions read the same JSON from their environment. Without it (devcloud) the id is
 * the name. `longTerm` templates (政务民生 accounts) keep their consent across sends; SUBSCRIBE_LONG_TERM
 * (comma-separated names) switches templates to long-term for a deployment that has them.
 */
export type { KeywordType } from './keywords';

export const TEMPLATE_NAMES = ['caseProgress', 'bookingReminder', 'surveyInvite', 'workNotice'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface TemplateDecl {
  name: TemplateName;
  title: string;
  longTerm: boolean;
  keywords: Record<string, KeywordType>;
}

export const TEMPLATES: TemplateDecl[] = [
  {
    name: 'caseProgress',
    title: '办理进度通知',
    longTerm: false,
    // 案件编号, 办理事项, 办理状态, 更新时间, 温馨提示
    keywords: { character_string1: 'character_string', thing2: 'thing', phrase3: 'phrase', time4: 'time', thing5: 'thing' },
  },
  {
    name: 'bookingReminder',
    title: '预约提醒',
    longTerm: false,
    // 预约地点, 预约时间, 预约状态, 备注
    keywords: { thing1: 'thing', time2: 'time', phrase3: 'phrase', thing4: 'thing' },
  },
  {
    name: 'surveyInvite',
    title: '服务评价邀请',
    longTerm: false,
    // 案件编号, 办理事项, 办结时间, 评价状态
    keywords: { character_string1: 'character_string', thing2: 'thing', time3: 'time', phrase4: 'phrase' },
  },
  {
    name: 'workNotice',
    title: '待办事项提醒',
    longTerm: false,
    // 案件编号, 办理事项, 待办类型, 办理期限
    keywords: { character_string1: 'character_string', thing2: 'thing', phrase3: 'phrase', time4: 'time' },
  },
];

export function templateOf(name: TemplateName): TemplateDecl {
  return TEMPLATES.find((t) => t.name === name) as TemplateDecl;
}

export function isTemplateName(value: unknown): value is TemplateName {
  return (TEMPLATE_NAMES as readonly unknown[]).includes(value);
}

/** name → WeChat template id, from SUBSCRIBE_TEMPLATE_IDS's JSON; a name missing from it stands for itself. */
export function templateIds(json: string | undefined): Record<TemplateName, string> {
  let given: Record<string, unknown> = {};
  try {
    const parsed: unknown = json ? JSON.parse(json) : {};
    if (parsed && typeof parsed === 'object') given = parsed as Record<string, unknown>;
  } catch {
    given = {};
  }
  return Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, typeof given[n] === 'string' && given[n] ? (given[n] as string) : n])) as Record<TemplateName, string>;
}

/** Whether a template keeps its consent across sends: declared so, or switched on for this deployment. */
export function isLongTerm(name: TemplateName, longTermList: string | undefined): boolean {
  const on = (longTermList ?? '').split(',').map((s) => s.trim());
  return templateOf(name).longTerm || on.includes(name);
}
