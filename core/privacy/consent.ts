import { isDayKey, shanghaiDay, type DayKey } from '../clock/shanghai';

/**
 * Consents and notices under the 个人信息保护法 (PIPL). Two legal grounds meet in this product:
 * - processing that rests on a statutory duty (legal aid under the 法律援助法: PIPL Art 13 ¶1 (3))
 *   needs no consent, but the person must be told what is processed and why (Art 17), and for
 *   sensitive data the necessity and the effect on their rights (Art 30): a NOTICE, versioned here;
 * - optional sensitive data (Art 28: health, disability, finances…) and the authorization to verify
 *   a legal-aid applicant's finances with other offices need a SEPARATE consent (Art 29), given by a
 *   guardian for a person under 14 (Art 31), withdrawable at any time (Art 15): a CONSENT, versioned,
 *   recorded with its time and text version.
 * Every text keeps its history: a record names the version the person saw, and an answer given to an
 * older version than the current one is refused (the person must see the text they agree to).
 */

export interface PrivacyText {
  /** Stable per wording: a change of wording is a new version (records name the version agreed to). */
  version: string;
  /** The day it took effect (Beijing). */
  effectiveFrom: DayKey;
  title: string;
  paragraphs: readonly string[];
}

export const CONSENT_PURPOSES = ['sensitive_optional', 'legal_aid_verification'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const NOTICE_TOPICS = ['legal_aid'] as const;
export type NoticeTopic = (typeof NOTICE_TOPICS)[number];

/** Every version of each consent's text, oldest first; the last is the one asked for now. */
export const CONSENT_TEXTS: Readonly<Record<ConsentPurpose, readonly PrivacyText[]>> = {
  sensitive_optional: [
    {
      version: 'sensitive-optional-2026-12-01',
      effectiveFrom: '2026-12-01',
      title: '提供重点群体情况（可选）',
      paragraphs: [
        '您可以告诉我们您是否是老年人、残疾人、农民工、未成年人等重点群体，以及身体状况等情况。',
        '我们只用它来安排绿色通道和上门服务。这些是敏感个人信息，不填也能正常办事。',
        '信息加密保存，只有为您办事的工作人员能看到，每次查看都有记录。',
        '您可以随时在“我的信息与授权”里撤回同意；撤回后我们不再使用这些信息，撤回前已办的事不受影响。',
      ],
    },
  ],
  legal_aid_verification: [
    {
      version: 'legal-aid-verification-2026-12-01',
      effectiveFrom: '2026-12-01',
      title: '法律援助经济状况核查授权',
      paragraphs: [
        '您同意法律援助机构向民政、人社、不动产登记等部门核查您和家庭成员的收入、财产和社会救助情况，用来确认您是否经济困难（《法律援助法》第四十一条）。',
        '核查只用于审查这次法律援助申请，结果加密保存，随案卷归档。',
        '不同意核查的，您可以改为签署《法律援助申请人承诺书》（告知承诺制），由工作人员事后核实。',
        '您可以在审查结束前撤回授权；撤回前已经完成的核查不受影响。',
      ],
    },
  ],
};

/** Notices for processing that rests on a statutory duty (no consent asked; PIPL Art 17 and 30). */
export const NOTICE_TEXTS: Readonly<Record<NoticeTopic, readonly PrivacyText[]>> = {
  legal_aid: [
    {
      version: 'legal-aid-notice-2026-12-01',
      effectiveFrom: '2026-12-01',
      title: '法律援助个人信息处理告知',
      paragraphs: [
        '处理依据：审查和提供法律援助是法律援助机构的法定职责（《法律援助法》第四十一条、第四十三条），按《个人信息保护法》第十三条第一款第三项，处理您的信息不需要另行取得您的同意，但应当告诉您。',
        '处理的信息：姓名、身份证号码、联系电话、家庭成员和收入、财产情况、案情陈述和证明材料。其中身份证号码、收入财产和案情属于敏感个人信息。',
        '为什么必须：没有身份和经济状况，无法判断您是否符合法律援助条件；没有案情，无法指派律师为您办理。',
        '对您的影响：这些信息泄露可能影响您的财产和名誉安全。我们加密保存，只有审查和承办人员能看到，每次查看都有记录；不用于其他目的。',
        '保存多久：审查和办理的材料按规定立卷归档，归档期间不能删除；您可以查阅、复制，发现错误可以要求更正。',
        '有疑问可以拨打 12348 或向所在地司法所反映。',
      ],
    },
  ],
};

export function currentText(texts: readonly PrivacyText[]): PrivacyText {
  return texts[texts.length - 1] as PrivacyText;
}

export function consentText(purpose: ConsentPurpose, version?: string): PrivacyText | undefined {
  const texts = CONSENT_TEXTS[purpose];
  return version === undefined ? currentText(texts) : texts.find((t) => t.version === version);
}

/** PIPL Art 31: below this age a guardian consents. */
export const GUARDIAN_AGE = 14;

/** How a guardian is related to the child (PIPL Art 31: 父母或者其他监护人). */
export const GUARDIAN_RELATIONS = ['father', 'mother', 'grandparent', 'other_guardian'] as const;
export type GuardianRelation = (typeof GUARDIAN_RELATIONS)[number];
export const GUARDIAN_RELATION_LABELS: Readonly<Record<GuardianRelation, string>> = {
  father: '父亲',
  mother: '母亲',
  grandparent: '祖父母或外祖父母',
  other_guardian: '其他监护人',
};

/** Whole years of age on a day (Beijing days; a 29 February birthday counts on 1 March in other years). */
export function ageOn(birthDate: DayKey, day: DayKey): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Whether a person born on this day consents through a guardian today (PIPL Art 31). */
export function needsGuardian(birthDate: DayKey, now: Date): boolean {
  return ageOn(birthDate, shanghaiDay(now)) < GUARDIAN_AGE;
}

/** The birth date a 居民身份证号码 carries (positions 7–14), or null when it carries none that is valid. */
export function birthDateOfIdNumber(idNumber: string): DayKey | null {
  const v = idNumber.replace(/\s/g, '');
  if (!/^\d{17}[\dXx]$/.test(v)) return null;
  const day = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  return isDayKey(day) ? day : null;
}

/** The child a guardian consents for (the consent is theirs; the guardian gives it). */
export interface ConsentMinor {
  name: string;
  birthDate: DayKey;
}

/** One answer to a consent, as stored (append-only: the latest per key is the person's current answer). */
export interface ConsentRecord {
  /** Who answered (the guardian, for a child). */
  openid: string;
  purpose: ConsentPurpose;
  version: string;
  given: boolean;
  at: Date;
  /** Whose data: null for the person themselves, else the child a guardian answered for. */
  minor: ConsentMinor | null;
  guardianRelation: GuardianRelation | null;
  /** What it is about, when it is about one thing (a legal-aid application's id); null for all. */
  ref: string | null;
}

/** The key a record is the latest answer of: purpose, whose data, what it is about. */
export function consentKey(r: Pick<ConsentRecord, 'purpose' | 'minor' | 'ref'>): string {
  return [r.purpose, r.minor ? `minor:${r.minor.name}:${r.minor.birthDate}` : 'self', r.ref ?? ''].join('|');
}

/** Each key's latest answer, newest first. */
export function currentConsents(records: readonly ConsentRecord[]): ConsentRecord[] {
  const latest = new Map<string, ConsentRecord>();
  for (const r of [...records].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())) latest.set(consentKey(r), r);
  return [...latest.values()].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
}

/** Whether the person's current answer for the key is a consent to the current text (what processing checks before it relies on it). */
export function hasConsent(records: readonly ConsentRecord[], key: Pick<ConsentRecord, 'purpose' | 'minor' | 'ref'>): boolean {
  const r = currentConsents(records).find((c) => consentKey(c) === consentKey(key));
  return !!r && r.given && r.version === currentText(CONSENT_TEXTS[r.purpose]).version;
}

export type ConsentProblem = 'consent_text_outdated' | 'guardian_required' | 'not_under_14' | 'not_consented';

export interface PrivacyConsentAnswer {
  purpose: ConsentPurpose;
  version: string;
  given: boolean;
  minor: ConsentMinor | null;
  guardianRelation: GuardianRelation | null;
  ref: string | null;
}

/**
 * Whether an answer may be recorded: a consent names the current text; a child under 14 is answered
 * for by a guardian who says how they are related; a person of 14 or more answers for themselves;
 * only a consent in force can be withdrawn. Returns the problem, or null.
 */
export function consentProblem(answer: PrivacyConsentAnswer, records: readonly ConsentRecord[], now: Date): ConsentProblem | null {
  if (answer.minor) {
    if (!needsGuardian(answer.minor.birthDate, now)) return 'not_under_14';
    if (answer.given && !answer.guardianRelation) return 'guardian_required';
  }
  if (answer.given) return answer.version === currentText(CONSENT_TEXTS[answer.purpose]).version ? null : 'consent_text_outdated';
  const current = currentConsents(records).find((c) => consentKey(c) === consentKey(answer));
  return current?.given ? null : 'not_consented';
}
