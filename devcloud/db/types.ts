import type { CollectionDecl, IndexDecl } from '../../core/db/collections';

/** Collection and index declarations come from core/db/collections (the repo's declarations). */
export type { CollectionDecl, IndexDecl };

export interface DatabaseOptions {
  /** Data directory; undefined keeps everything in memory (tests). */
  dir?: string;
  /** Strict mode: queries whose filter/sort no declared index covers fail. */
  strict?: boolean;
  /** Declared collections created (with their indexes) when the database opens. */
  collections?: CollectionDecl[];
  /** Compaction threshold in bytes of log written since the last snapshot. */
  compactAfterBytes?: number;
}

/** One wire answer: HTTP status and the JSON body CloudBase would send. */
export interface WireResponse {
  status: number;
  body: Record<string, unknown>;
}

/** Counters devcloud keeps per action so benchmarks can count database operations. */
export type OpCounters = Record<string, number>;
