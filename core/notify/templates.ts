/**
 * The subscribe-message templates the product sends. Each deployment maps these names to the
 * template ids WeChat assigned it (function env SUBSCRIBE_TEMPLATE_IDS, JSON); devcloud uses the
 * names themselves as ids. `longTerm` templates (政务民生 accounts) allow many sends per consent.
 *
 * These declarations stay in core, not in cloudfunctions: they are product config that both sides
 * share — the mini-program asks for consent by template (wx.requestSubscribeMessage) and the
 * functions send — and core is the one place both may import. Each field's keyword type is part
 * of the template as chosen in WeChat's console, so it is declared here; what a value of that type
 * may hold is WeChat's rule, checked by WeChat on send and by devcloud's messenger locally
 * (devcloud/ports/keywords.ts). The build writes these to dist/manifest.json for devcloud.
 */

/** WeChat's subscribe-message keyword types (the `thing2` in a field name is `thing`). */
export type KeywordType = 'thing' | 'phrase' | 'character_string' | 'number' | 'name' | 'phone_number' | 'time' | 'date';

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
