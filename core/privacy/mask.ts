import type { ProtectedKind } from './sealed';

/**
 * What a screen shows of a phone number until someone needs to call it: enough to recognise
 * (the first three and last four digits), not enough to copy. Revealing the whole number is an
 * action of its own, and audit-logged.
 */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const keepEnd = 4;
  const keepStart = Math.min(3, digits.length - keepEnd - 1);
  return `${digits.slice(0, keepStart)}${'*'.repeat(digits.length - keepStart - keepEnd)}${digits.slice(-keepEnd)}`;
}

/**
 * A 居民身份证号码 as lists show it: the first three (province and city) and the last two characters,
 * so a worker can tell two applicants apart without the birth date or the serial number.
 */
export function maskIdNumber(id: string): string {
  const v = id.trim().toUpperCase();
  if (v.length <= 5) return '*'.repeat(v.length);
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 5)}${v.slice(-2)}`;
}

/** A household income shows only that it was declared: even a rough figure says much about a family. */
export function maskIncome(_income: string): string {
  return '已填写';
}

/** A free-text statement shows its length only: it may name anyone and anything. */
export function maskStatement(text: string): string {
  return `已填写（${[...text.trim()].length}字）`;
}

/** The masked copy of a protected value, by its kind: what every list and screen shows. */
export function maskField(kind: ProtectedKind, value: string): string {
  switch (kind) {
    case 'phone':
      return maskPhone(value);
    case 'idNumber':
      return maskIdNumber(value);
    case 'income':
      return maskIncome(value);
    case 'statement':
      return maskStatement(value);
  }
}

/** Phone and ID numbers inside free text (a reason someone typed), masked as everywhere else. */
export function maskNumbersIn(text: string): string {
  return text.replace(/\d{17}[\dXx]|\d{15}/g, maskIdNumber).replace(/1\d{10}/g, maskPhone);
}
