import type { KeywordType } from './keywords';

/**
 * The subscribe-message templates the product sends. Each deployment maps these names to the
 * template ids WeChat assigned it (function env SUBSCRIBE_TEMPLATE_IDS, JSON); devcloud uses the
 * names themselves as ids. `longTerm` templates (政务民生 accounts) allow many sends per consent.
 */
export interface TemplateDecl {
  name: string;
  title: string;
  longTerm: boolean;
  keywords: Record<string, KeywordType>;
}

export const TEMPLATES: TemplateDecl[] = [
  {
    name: 'caseProgress',
    title: '办理进度通知',
    longTerm: false,
    keywords: { character_string1: 'character_string', thing2: 'thing', phrase3: 'phrase', time4: 'time', thing5: 'thing' },
  },
  {
    name: 'bookingReminder',
    title: '预约提醒',
    longTerm: false,
    keywords: { thing1: 'thing', time2: 'time', thing3: 'thing', thing4: 'thing' },
  },
  {
    name: 'surveyInvite',
    title: '服务评价邀请',
    longTerm: false,
    keywords: { character_string1: 'character_string', thing2: 'thing', time3: 'time' },
  },
];
