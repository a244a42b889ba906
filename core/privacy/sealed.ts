/**
 * Personal information the cloud functions encrypt before it is stored (AES-256-GCM under the data
 * key `k`, all parts base64). Core never holds a key: it copies a sealed value as it is given, so
 * replaying a case's events rebuilds exactly the stored case.
 */
export interface SealedValue {
  v: 1;
  /** The id of the data key it was sealed under: after a rotation, old values still open. */
  k: string;
  iv: string;
  ct: string;
  tag: string;
}

/** Whether a stored value is a sealed envelope (the re-seal sweep finds them wherever they sit in a document). */
export function isSealedValue(value: unknown): value is SealedValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return v.v === 1 && typeof v.k === 'string' && typeof v.iv === 'string' && typeof v.ct === 'string' && typeof v.tag === 'string';
}

/**
 * The kinds of sensitive personal information (PIPL Art 28) the functions protect at rest. Each kind
 * has its own masking for display (mask.ts `maskField`); `LOOKUP_KINDS` also get a keyed hash for
 * exact lookup (find an applicant by ID number), the others none: a household income or a statement
 * is never searched by its value, and a hash of a small number space would only help guess it.
 */
export const PROTECTED_KINDS = ['phone', 'idNumber', 'income', 'statement'] as const;
export type ProtectedKind = (typeof PROTECTED_KINDS)[number];
export const LOOKUP_KINDS = ['phone', 'idNumber'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

export function isLookupKind(kind: ProtectedKind): kind is LookupKind {
  return (LOOKUP_KINDS as readonly string[]).includes(kind);
}

/**
 * A protected field as stored: `masked` is what lists and screens show, `enc` the value itself
 * (opened only through the functions' audited `reveal`), `hash` the keyed lookup hash (lookup kinds
 * only). Store it under the field's own name, e.g. `applicant.idNumber: ProtectedField<'idNumber'>`.
 */
export interface ProtectedField<K extends ProtectedKind = ProtectedKind> {
  kind: K;
  masked: string;
  enc: SealedValue;
  hash?: K extends LookupKind ? string : never;
}

/**
 * A phone number as stored: `phone` is the masked copy every screen shows, `phoneEnc` the number
 * itself (read only through the functions' audited reveal), `phoneHash` a keyed hash for finding
 * a person by their number. Records written before protection have a plain `phone` and neither.
 * (Phones predate ProtectedField and keep this flat shape; new fields use ProtectedField.)
 */
export interface StoredPhone {
  phone: string;
  phoneEnc?: SealedValue;
  phoneHash?: string;
}

/** The protected parts of a stored phone, copied as they are (absent on records written before protection). */
export function sealedPhoneOf(p: StoredPhone): Pick<StoredPhone, 'phoneEnc' | 'phoneHash'> {
  return { ...(p.phoneEnc && { phoneEnc: p.phoneEnc }), ...(p.phoneHash && { phoneHash: p.phoneHash }) };
}
