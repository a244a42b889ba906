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

/** Phone and ID numbers inside free text (a reason someone typed), masked as everywhere else. */
export function maskNumbersIn(text: string): string {
  return text.replace(/\d{17}[\dXx]|\d{15}/g, (id) => `${id.slice(0, 3)}${'*'.repeat(id.length - 5)}${id.slice(-2)}`).replace(/1\d{10}/g, maskPhone);
}
