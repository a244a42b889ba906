/**
 * WeChat's rules for subscribe-message keyword values
 * (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html).
 * They are the platform's, so devcloud's messenger owns them: a value outside its type's limit
 * makes the send fail with errcode 47003 here as it does on WeChat.
 */
export const KEYWORD_TYPES = ['thing', 'phrase', 'character_string', 'number', 'name', 'phone_number', 'time', 'date'] as const;
export type KeywordType = (typeof KEYWORD_TYPES)[number];

export function isKeywordType(value: unknown): value is KeywordType {
  return (KEYWORD_TYPES as readonly unknown[]).includes(value);
}

const CHINESE_ONLY = /^[\u4e00-\u9fa5]+$/;
const TIME = /^\d{4}[-年]\d{1,2}[-月]\d{1,2}日?( \d{1,2}:\d{2}(:\d{2})?)?(~\d{4}[-年]\d{1,2}[-月]\d{1,2}日?( \d{1,2}:\d{2}(:\d{2})?)?)?$/;

/** Why a value breaks its keyword's rule, or null when WeChat would accept it. */
export function keywordProblem(type: KeywordType, value: string): string | null {
  const length = [...value].length;
  if (length === 0) return 'empty';
  switch (type) {
    case 'thing':
      return length <= 20 ? null : 'thing is at most 20 characters';
    case 'phrase':
      return length <= 5 && CHINESE_ONLY.test(value) ? null : 'phrase is at most 5 Chinese characters';
    case 'character_string':
      return length <= 32 && /^[\x21-\x7e]+$/.test(value) ? null : 'character_string is at most 32 letters, digits or symbols';
    case 'number':
      return length <= 32 && /^-?\d+(\.\d+)?$/.test(value) ? null : 'number is at most 32 digits';
    case 'name':
      return length <= 10 ? null : 'name is at most 10 characters';
    case 'phone_number':
      return length <= 17 && /^[\d+\-() ]+$/.test(value) ? null : 'phone_number is at most 17 digits or symbols';
    case 'time':
    case 'date':
      return TIME.test(value) ? null : `${type} must be a formatted date or time`;
  }
}
