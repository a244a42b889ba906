/**
 * WeChat's rules for subscribe-message keyword values, from the send API's table
 * (developers.weixin.qq.com/miniprogram/dev/server/API/mp-message-management/subscribe-message/api_sendmessage):
 * a value outside its type's rule makes the whole send fail with 47003, so every value is cut to
 * its rule before it is queued (fitKeyword) rather than discovered broken at send time.
 * devcloud's messenger holds its own copy of the rules (it imports no product code);
 * test/notify/keywords checks the two agree.
 */
export const KEYWORD_TYPES = ['thing', 'phrase', 'character_string', 'number', 'letter', 'symbol', 'name', 'phone_number', 'car_number', 'amount', 'time', 'date'] as const;
export type KeywordType = (typeof KEYWORD_TYPES)[number];

const HAN = /^[\u3400-\u9fff]+$/;
const HAN_CHAR = /[\u3400-\u9fff]/;
const LETTERS = /^[A-Za-z]+$/;
/** Printable ASCII that is not a letter, digit or space. */
const SYMBOLS = /^[!-/:-@[-`{-~]+$/;
const ASCII_PRINTABLE = /^[\x21-\x7e]+$/;
const CLOCK = '(?:[01]?\\d|2[0-3]):[0-5]\\d';
const DAY = '\\d{4}年(?:0?[1-9]|1[0-2])月(?:0?[1-9]|[12]\\d|3[01])日';
/** `time`: 24-hour clock, optionally after a 年月日 date ("15:01", "2019年10月1日 15:01"); a span joined by ~. */
const TIME_POINT = `(?:${DAY} )?${CLOCK}`;
/** `date`: a 年月日 date, optionally with a 24-hour clock ("2019年10月1日", "2019年10月1日 15:01"); a span joined by ~. */
const DATE_POINT = `${DAY}(?: ${CLOCK})?`;
const TIME = new RegExp(`^${TIME_POINT}(?:~${TIME_POINT})?$`);
const DATE = new RegExp(`^${DATE_POINT}(?:~${DATE_POINT})?$`);

const chars = (value: string) => [...value];

/** Why a value breaks its keyword type's rule, or null when WeChat accepts it (empty values give 47003 too). */
export function keywordProblem(type: KeywordType, value: string): string | null {
  const length = chars(value).length;
  if (length === 0 || value.trim() === '') return 'empty';
  switch (type) {
    case 'thing':
      return length <= 20 ? null : 'thing is at most 20 characters';
    case 'phrase':
      return length <= 5 && HAN.test(value) ? null : 'phrase is at most 5 Chinese characters';
    case 'character_string':
      return length <= 32 && ASCII_PRINTABLE.test(value) ? null : 'character_string is at most 32 letters, digits or symbols';
    case 'number':
      return length <= 32 && /^\d+(\.\d+)?$/.test(value) ? null : 'number is at most 32 digits';
    case 'letter':
      return length <= 32 && LETTERS.test(value) ? null : 'letter is at most 32 letters';
    case 'symbol':
      return length <= 5 && SYMBOLS.test(value) ? null : 'symbol is at most 5 symbols';
    case 'name':
      // 10 以内纯汉字 or 20 以内纯字母或符号; a name mixing Chinese and letters counts as Chinese.
      if (HAN_CHAR.test(value)) return length <= 10 ? null : 'name is at most 10 characters when it has Chinese';
      return length <= 20 && /^[A-Za-z!-/:-@[-`{-~ ]+$/.test(value) ? null : 'name is at most 20 letters or symbols';
    case 'phone_number':
      return length <= 17 && /^[\d+\-() ]+$/.test(value) ? null : 'phone_number is at most 17 digits or symbols';
    case 'car_number':
      return length <= 8 && /^[\u3400-\u9fffA-Z0-9][A-Z0-9]*[\u3400-\u9fffA-Z0-9]?$/.test(value) ? null : 'car_number is at most 8 characters';
    case 'amount':
      return /^[¥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(value) ? null : 'amount is a currency sign and at most 10 digits';
    case 'time':
      return TIME.test(value) ? null : 'time must be HH:MM, optionally after a 年月日 date';
    case 'date':
      return DATE.test(value) ? null : 'date must be a 年月日 date, optionally with HH:MM';
  }
}

/** Fallbacks for a value that has nothing left after cutting: WeChat refuses an empty value. */
const EMPTY_FALLBACK: Partial<Record<KeywordType, string>> = { thing: '无', phrase: '有更新', name: '您', character_string: '-' };

function cut(value: string, max: number): string {
  const list = chars(value);
  // An ellipsis tells the reader there is more in the app; it is a symbol, which thing allows.
  return list.length <= max ? value : `${list.slice(0, max - 1).join('')}…`;
}

/**
 * The value cut to its keyword's rule: long text shortened with an ellipsis, characters the type
 * does not allow dropped. Times and dates are produced by formatKeywordTime and are not cut.
 */
export function fitKeyword(type: KeywordType, raw: string): string {
  const value = raw.replace(/\s+/g, ' ').trim();
  let out: string;
  switch (type) {
    case 'thing':
      out = cut(value, 20);
      break;
    case 'phrase':
      out = chars(value).filter((c) => HAN.test(c)).slice(0, 5).join('');
      break;
    case 'character_string':
      out = chars(value).filter((c) => ASCII_PRINTABLE.test(c)).slice(0, 32).join('');
      break;
    case 'name':
      out = HAN_CHAR.test(value) ? chars(value).slice(0, 10).join('') : chars(value).filter((c) => /[A-Za-z!-/:-@[-`{-~ ]/.test(c)).slice(0, 20).join('').trim();
      break;
    default:
      out = value;
  }
  if (keywordProblem(type, out) === null) return out;
  return EMPTY_FALLBACK[type] ?? out;
}
