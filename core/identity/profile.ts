// A resident's own profile (我的): kept once on the server, offered on every form that asks for it;
// and what 首页 shows them (their village and what waits for them), in one call.
import * as z from 'zod/mini';
import { action } from '../api/action';
import { isDayKey, type DayKey } from '../clock';
import type { Access } from '../policy/policy';
import { ageOn } from '../privacy/consent';
import { roleSchema, whoamiOutput } from './whoami';
/** Everyone, about their own profile and 首页 only. */
const OWN: Access = { resident: ['own'], advisor: ['own'], staff: ['own'], supervisor: ['own'], admin: ['own'] };
const orgId = z.string().check(z.regex(/^[a-z0-9-]{2,40}$/, '村（社区）选择不对'));
/** Older than anyone living; a birth date is never in the future. */
const BORN_EARLIEST = '1900-01-01';

export const profileSchema = z.object({
  name: z.string(),
  /** Masked, as screens show a phone; the full number only goes back into a form (`formPhone`). */
  phone: z.string(),
  village: z.nullable(z.object({ id: z.string(), name: z.string() })),
  birthDate: z.nullable(z.string()),
  /** Whole years today, for age-based services (e.g. 上门服务 from 70, legal aid's elderly). */
  age: z.nullable(z.number()),
});
export type Profile = z.infer<typeof profileSchema>;

/** What waits for the resident: one card on 首页, one action each. */
export const HOME_CARD_KINDS = ['materials', 'rate', 'booking'] as const;
export type HomeCardKind = (typeof HOME_CARD_KINDS)[number];
export const homeCardSchema = z.object({
  kind: z.enum(HOME_CARD_KINDS),
  /** The case (materials, rate) or booking it is about. */
  id: z.string(),
  title: z.string(),
  text: z.string(),
  at: z.string(),
});
export type HomeCard = z.infer<typeof homeCardSchema>;

/** At most this many cards: 首页 leads to the rest (办事进度, 我的预约). */
export const HOME_CARDS_SHOWN = 3;

/** The cards in the order a resident acts on them: materials the clock waits on, then the soonest booking, then ratings. */
export function homeCards(cards: readonly HomeCard[]): HomeCard[] {
  const rank: Record<HomeCardKind, number> = { materials: 0, booking: 1, rate: 2 };
  return [...cards].sort((a, b) => rank[a.kind] - rank[b.kind] || (a.kind === 'booking' ? a.at.localeCompare(b.at) : b.at.localeCompare(a.at))).slice(0, HOME_CARDS_SHOWN);
}

/** Whole years on `today`, or null without a birth date. */
export function ageOf(birthDate: DayKey | null, today: DayKey): number | null {
  return birthDate ? ageOn(birthDate, today) : null;
}

/** A birth date a person may give: a real day, not after today, not before 1900. */
export function birthDateRefusal(birthDate: string, today: DayKey): boolean {
  return !isDayKey(birthDate) || birthDate > today || birthDate < BORN_EARLIEST;
}

export const profileContracts = {
  profile: action({
    summary:
      "我的 in one call: the caller's own profile (name, phone masked, home village, birth date and age; null before they save one) with who they are (roles, member name, workers' notices); with forForm, also the full phone to fill a form with.",
    input: z.strictObject({ forForm: z._default(z.boolean(), false) }),
    output: z.object({
      profile: z.nullable(profileSchema),
      formPhone: z.nullable(z.string()),
      roles: z.array(roleSchema),
      displayName: z.nullable(z.string()),
      notices: z.array(z.string()),
    }),
    access: OWN,
    write: false,
    refusals: {},
  }),
  saveProfile: action({
    summary: "Save the caller's own profile, kept once and offered on every form; the phone is sealed (X1), a phone left out keeps the one saved.",
    input: z.strictObject({
      name: z.string().check(z.trim(), z.minLength(1, '请填写姓名'), z.maxLength(20, '姓名太长了')),
      phone: z.optional(z.string().check(z.trim(), z.regex(/^1\d{10}$/, '请填写11位手机号'))),
      /** The village room (村) the person lives in; null clears it. */
      villageId: z.optional(z.nullable(orgId)),
      birthDate: z.optional(z.nullable(z.string().check(z.refine(isDayKey, '出生日期不对，应为 YYYY-MM-DD')))),
    }),
    output: z.object({ profile: profileSchema }),
    access: OWN,
    write: true,
    idempotentBy: 'the caller: saving the same profile again changes nothing',
    refusals: {
      village_not_found: { code: 'NOT_FOUND', when: 'the village named is not an open village room (村) of the county' },
      birth_date: { code: 'VALIDATION_FAILED', when: 'the birth date is after today or before 1900' },
      phone_missing: { code: 'VALIDATION_FAILED', when: 'no phone is saved yet and none is given' },
    },
  }),
  deleteProfile: action({
    summary: "Remove the caller's own profile (PIPL Art 47): forms stop offering it; what was filed with it stays on those records.",
    input: z.strictObject({}),
    output: z.object({ deleted: z.boolean() }),
    access: OWN,
    write: true,
    idempotentBy: 'the caller: deleting again finds nothing to delete',
    refusals: {},
  }),
  home: action({
    summary:
      "首页 in one call: who the caller is (as whoami), their home village with its legal advisors, and what waits for them (cases awaiting their materials, a rating to give, the next booking).",
    input: z.strictObject({}),
    output: z.extend(whoamiOutput, {
      village: z.nullable(z.object({ id: z.string(), name: z.string(), advisors: z.array(z.object({ displayName: z.string(), phone: z.string() })) })),
      cards: z.array(homeCardSchema),
    }),
    access: OWN,
    write: false,
    refusals: {},
  }),
};
