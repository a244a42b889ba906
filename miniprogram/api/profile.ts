import { api } from './client';
import { currentPersona } from './transport';

/** What a form may take from the resident's profile (我的): kept once on the server. */
export interface FormPrefill {
  name: string;
  phone: string;
  villageId: string | null;
  birthDate: string | null;
}

/**
 * The last profile this phone read or saved (the person's own, as their drafts are): a form opens
 * without a second call for it. 我的 refreshes it each time it opens. In local mode the persona is
 * part of the key, so switching personas never offers one person's details to another.
 */
const CACHE_KEY = 'me.profile';
const cacheKey = () => (__API_TARGET__ === 'cloud' ? CACHE_KEY : `${CACHE_KEY}.${currentPersona()}`);

/** What 我的 read or saved (null: no profile, or deleted). */
export function rememberProfile(profile: FormPrefill | null): void {
  wx.setStorageSync(cacheKey(), { profile });
}

function remembered(): { profile: FormPrefill | null } | null {
  const saved = wx.getStorageSync(cacheKey()) as { profile: FormPrefill | null } | '';
  return saved && typeof saved === 'object' ? saved : null;
}

/**
 * The one way a form offers the resident's saved name, phone, village and birth date: from this
 * phone's copy, else (ask: true) from the server once. A form whose opening already makes its one
 * call passes ask: false and offers only what this phone knows. Best effort: without a profile or a
 * connection the form simply starts empty. Fill with `fillEmpty`, so what was typed stays.
 */
export async function profileForForm(opts: { ask?: boolean } = {}): Promise<FormPrefill | null> {
  const known = remembered();
  if (known) return known.profile;
  if (opts.ask === false) return null;
  try {
    const { profile, formPhone } = await api().identity.profile({ forForm: true });
    const prefill = profile && { name: profile.name, phone: formPhone ?? '', villageId: profile.village?.id ?? null, birthDate: profile.birthDate };
    rememberProfile(prefill);
    return prefill;
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
