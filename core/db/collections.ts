/**
 * Collection and index declarations. Each cloud function declares the collections its queries
 * touch, next to those queries; the build gathers them into dist/database.json, which devcloud
 * creates at start and the deploy script applies to CloudBase. The security rules written beside
 * them are deployment config and live in cloudfunctions/rules.ts.
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

export function defineCollections(decls: CollectionDecl[]): CollectionDecl[] {
  return decls;
}
