/**
 * Collection and index declarations. Each cloud function declares the collections its queries
 * touch, next to those queries; the build gathers them into dist/database.json, which devcloud
 * creates at start and the deploy script applies to CloudBase.
 */
export interface IndexDecl {
  name: string;
  keys: Array<[field: string, direction: 1 | -1]>;
  /** A missing field counts as null, so only one document may lack it. */
  unique?: boolean;
}

export interface CollectionDecl {
  name: string;
  indexes?: IndexDecl[];
  /** Why the collection exists, for docs. */
  purpose?: string;
}

/**
 * Every collection is closed to the client: the mini-program reaches data only through
 * functions, which run with full rights and enforce the policy themselves (DESIGN.md §4).
 */
export const CLOSED_RULE = { read: false, write: false } as const;

/**
 * The storage bucket's security rule: a client may write (upload) only files it owns and read
 * none directly; a photo is seen through the short-lived link case.fileUrl hands out after
 * checking who asks. Functions check the uploads/<openid>/ folder of every file they accept.
 */
export const STORAGE_RULE = { read: false, write: 'resource.openid == auth.openid' } as const;

export function defineCollections(decls: CollectionDecl[]): CollectionDecl[] {
  return decls;
}
