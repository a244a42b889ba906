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

/**
 * A phone number as stored: `phone` is the masked copy every screen shows, `phoneEnc` the number
 * itself (read only through the functions' audited reveal), `phoneHash` a keyed hash for finding
 * a person by their number. Records written before protection have a plain `phone` and neither.
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
