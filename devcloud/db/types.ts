/**
 * A collection as a deployment declares it (dist/database.json): devcloud's own reading of the
 * build's output, as CloudBase learns it from a deploy, never the product's source types.
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
}

export interface DatabaseOptions {
  /** Data directory; undefined keeps everything in memory (tests). */
  dir?: string;
  /** Strict mode: queries whose filter/sort no declared index covers fail. */
  strict?: boolean;
  /** Declared collections created (with their indexes) when the database opens. */
  collections?: CollectionDecl[];
  /** Compaction threshold in bytes of log written since the last snapshot. */
  compactAfterBytes?: number;
  /** devcloud's clock in ms (tests move it): transactions expire 30 s after their start on it. */
  now?: () => number;
}

/** One wire answer: HTTP status and the JSON body CloudBase would send. */
export interface WireResponse {
  status: number;
  body: Record<string, unknown>;
}

/** Counters devcloud keeps per action so benchmarks can count database operations. */
export type OpCounters = Record<string, number>;
