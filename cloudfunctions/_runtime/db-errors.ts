/**
 * What a failed database call means, read from CloudBase's error codes. The transaction's own calls
 * (commit) keep CloudBase's `code`; a document call inside a transaction comes back through
 * wx-server-sdk, which knows no number for the transaction codes and answers SYS_ERR (-501001)
 * with CloudBase's message, whose first token is the platform's error code
 * (`[ResourceUnavailable.TransactionConflict] …`): that token is what is read, never free text.
 */
interface DbFailure {
  code?: unknown;
  errCode?: unknown;
  errMsg?: unknown;
  message?: unknown;
}

function textOf(err: unknown): string {
  const e = (err ?? {}) as DbFailure;
  const text = e.errMsg ?? e.message;
  return typeof text === 'string' ? text : '';
}

const codeOf = (err: unknown): unknown => ((err ?? {}) as DbFailure).code;

/** Another writer holds or changed a document this transaction writes: retry the whole transaction. */
export function isTransactionConflict(err: unknown): boolean {
  return codeOf(err) === 'DATABASE_TRANSACTION_CONFLICT' || textOf(err).includes('[ResourceUnavailable.TransactionConflict]');
}

/** The transaction is over (committed, rolled back, expired, or ended by a conflict). */
export function isTransactionGone(err: unknown): boolean {
  return codeOf(err) === 'DATABASE_TRANSACTION_FAIL' || textOf(err).includes('[ResourceUnavailable.TransactionNotExist]');
}

/**
 * A unique key is taken, the document's own `_id` or another unique index's: MongoDB's E11000,
 * which CloudBase passes on (code DATABASE_DUPLICATE_WRITE). Which one it was: `duplicateIndexOf`.
 */
export function isDuplicateKey(err: unknown): boolean {
  return codeOf(err) === 'DATABASE_DUPLICATE_WRITE' || /\bE11000 duplicate key\b/.test(textOf(err));
}

/**
 * The unique index a duplicate-key error names: `_id_` when the document's own id is taken, an
 * index's name otherwise; null when the text names none. MongoDB writes `… index: _id_ dup key:
 * { _id: … }` (before 4.2: `index: <db>.<coll>.$_id_ dup key: { : … }`), devcloud `… index:
 * <name> (<fields>) dup key: …`. CloudBase documents only the code (DATABASE_DUPLICATE_WRITE: "index
 * key duplicate, e.g. the same _id"), not that its text always carries MongoDB's: a caller that
 * must know whether the id was taken reads the document when this answers null.
 */
export function duplicateIndexOf(err: unknown): string | null {
  if (!isDuplicateKey(err)) return null;
  return /\bindex: (?:\S*\.\$)?([^\s.$]+)/.exec(textOf(err))?.[1] ?? null;
}
