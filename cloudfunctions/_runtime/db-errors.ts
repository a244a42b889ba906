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

/** A unique key (an _id included) is taken: MongoDB's E11000, which CloudBase passes on. */
export function isDuplicateKey(err: unknown): boolean {
  return codeOf(err) === 'DATABASE_DUPLICATE_WRITE' || /\bE11000 duplicate key\b/.test(textOf(err));
}
