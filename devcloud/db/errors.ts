/**
 * Error names devcloud answers with. Most are CloudBase's own (wx-server-sdk maps the ones it knows to
 * numeric errCodes: DATABASE_COLLECTION_NOT_EXIST → -502005, INVALID_PARAM → -501007,
 * DATABASE_REQUEST_FAILED → -502001; unknown names become SYS_ERR -501001 with our message kept).
 * DATABASE_INDEX_NOT_COVERED is devcloud's own: strict mode's "no declared index serves this query".
 */
export type DbErrorCode =
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_INDEX_NOT_COVERED'
  | 'SYS_ERR';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export function collectionNotExist(name: string): DbError {
  return new DbError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist; create it first (db.createCollection or a collection declaration)`);
}
