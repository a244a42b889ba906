import { api } from './client';

/** What a form may take from the resident's profile (我的): kept once on the server. */
export interface FormPrefill {
  name: string;
  phone: string;
  villageId: string | null;
  birthDate: string | null;
}

/**
 * The one way a form offers the resident's saved name, phone, village and birth date: fields the
 * person has typed already are theirs (a draft wins), so call `fillEmpty` with what is on screen.
 * Best effort: without a profile or a connection the form simply starts empty.
 */
export async function profileForForm(): Promise<FormPrefill | null> {
  try {
    const { profile, formPhone } = await api().identity.profile({ forForm: true });
    if (!profile) return null;
    return { name: profile.name, phone: formPhone ?? '', villageId: profile.village?.id ?? null, birthDate: profile.birthDate };
  } catch {
    return null;
  }
}

/** The fields of `form` still empty, filled from the profile: what a page sets with setData. */
export function fillEmpty<F extends object>(form: F, from: Partial<Record<keyof F, string | null | undefined>>): Partial<F> {
  const out: Partial<F> = {};
  for (const key of Object.keys(from) as Array<keyof F>) {
    const value = from[key];
    if (value && !form[key]) out[key] = value as F[keyof F];
  }
  return out;
}
