import { randomBytes } from 'node:crypto';
import { idKey, type Doc, type DocId } from './codec';
import { DbError } from './errors';

/** CloudBase aborts a transaction that is neither committed nor aborted within 30 s. */
export const TRANSACTION_TTL_MS = 30_000;

/** A document a transaction has written: its own image (null when deleted), invisible outside until commit. */
export interface TxWrite {
  collection: string;
  id: DocId;
  doc: Doc | null;
}

export function entryKey(collection: string, id: DocId): string {
  return `${collection}\u0000${idKey(id)}`;
}

/**
 * CloudBase's own words for the two transaction failures (the SDK keeps the code and message):
 * runTransaction retries on DATABASE_TRANSACTION_CONFLICT only.
 */
export function transactionConflict(detail: string): DbError {
  return new DbError('DATABASE_TRANSACTION_CONFLICT', `[ResourceUnavailable.TransactionConflict] Transaction conflict: ${detail}. Please retry the transaction.`);
}

export function transactionNotExist(id: unknown, why: string): DbError {
  return new DbError('DATABASE_TRANSACTION_FAIL', `[ResourceUnavailable.TransactionNotExist] Transaction ${String(id)} does not exist: ${why}.`);
}

export class Transaction {
  /** Documents written by this transaction, by entryKey. */
  readonly writes = new Map<string, TxWrite>();
  /**
   * The snapshot: the image a document had when the transaction started, recorded when a write
   * outside it (or another transaction's commit) first changes the document afterwards.
   */
  readonly before = new Map<string, Doc | null>();
  state: 'open' | 'committed' | 'aborted' = 'open';
  timer: NodeJS.Timeout | undefined;

  constructor(
    readonly id: string,
    readonly startedAt: number,
    /** The database's write sequence at start: a document whose version is above it changed since. */
    readonly snapshotSeq: number,
  ) {}
}

/**
 * Snapshot-isolated transactions as CloudBase (MongoDB) runs them: reads see the database as it
 * was at the start plus the transaction's own writes; a write takes the document's lock, and a
 * write to a document another open transaction holds, or one changed since the snapshot, fails at
 * once with DATABASE_TRANSACTION_CONFLICT and ends the transaction. Writes outside transactions
 * never wait: they proceed, and a transaction holding the document then conflicts at its commit.
 */
export class Transactions {
  private readonly open = new Map<string, Transaction>();
  /** Which open transaction holds each written document. */
  private readonly locks = new Map<string, Transaction>();
  /** Why a recently ended transaction ended, so a late operation is told (bounded). */
  private readonly ended = new Map<string, string>();

  constructor(private readonly now: () => number) {}

  begin(snapshotSeq: number): Transaction {
    this.expire();
    const tx = new Transaction(randomBytes(16).toString('hex'), this.now(), snapshotSeq);
    this.open.set(tx.id, tx);
    tx.timer = setTimeout(() => this.end(tx, 'aborted', 'it expired: a transaction must commit or abort within 30 s'), TRANSACTION_TTL_MS);
    tx.timer.unref();
    return tx;
  }

  /** The open transaction with this id, else DATABASE_TRANSACTION_FAIL (committed, aborted or expired). */
  get(id: unknown): Transaction {
    this.expire();
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!tx) throw transactionNotExist(id, (typeof id === 'string' && this.ended.get(id)) || 'it was committed, rolled back or expired');
    return tx;
  }

  /** Open transactions, for recording snapshot images before a change lands. */
  openTransactions(): IterableIterator<Transaction> {
    return this.open.values();
  }

  /** Takes the document's lock for `tx`, or ends `tx` with a conflict when another open transaction holds it. */
  lock(tx: Transaction, key: string, what: string): void {
    const holder = this.locks.get(key);
    if (holder && holder !== tx) {
      this.end(tx, 'aborted', 'it met a write conflict');
      throw transactionConflict(`${what} is being written by another transaction`);
    }
    this.locks.set(key, tx);
  }

  end(tx: Transaction, state: 'committed' | 'aborted', why?: string): void {
    if (tx.state !== 'open') return;
    clearTimeout(tx.timer);
    tx.state = state;
    this.open.delete(tx.id);
    for (const key of tx.writes.keys()) if (this.locks.get(key) === tx) this.locks.delete(key);
    this.ended.set(tx.id, why ?? (state === 'committed' ? 'it was committed' : 'it was rolled back'));
    if (this.ended.size > 10_000) this.ended.delete(this.ended.keys().next().value as string);
  }

  abortAll(): void {
    for (const tx of [...this.open.values()]) this.end(tx, 'aborted');
  }

  /** Ends transactions past their lifetime on devcloud's clock (which tests may move forward). */
  private expire(): void {
    const now = this.now();
    for (const tx of [...this.open.values()]) {
      if (now - tx.startedAt > TRANSACTION_TTL_MS) this.end(tx, 'aborted', 'it expired: a transaction must commit or abort within 30 s');
    }
  }
}
