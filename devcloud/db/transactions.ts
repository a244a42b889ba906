import { randomBytes } from 'node:crypto';
import { idKey, type Doc, type DocId } from './codec';
import { DbError } from './errors';

/** CloudBase aborts a transaction that is neither committed nor aborted within 30 s. */
export const TRANSACTION_TTL_MS = 30_000;

/** What a transaction has seen or written of one document. */
export interface TxEntry {
  collection: string;
  id: DocId;
  /** The document's version when the transaction first touched it: commit fails if it moved since. */
  base: number;
  /** The transaction's own view: null when absent or deleted. */
  doc: Doc | null;
  written: boolean;
}

export function entryKey(collection: string, id: DocId): string {
  return `${collection}\u0000${idKey(id)}`;
}

export class Transaction {
  readonly entries = new Map<string, TxEntry>();
  state: 'open' | 'committed' | 'aborted' = 'open';
  readonly done: Promise<void>;
  timer: NodeJS.Timeout | undefined;
  private settle: () => void = () => undefined;

  constructor(
    readonly id: string,
    readonly startedAt: number,
  ) {
    this.done = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  finish(state: 'committed' | 'aborted'): void {
    this.state = state;
    this.settle();
  }
}

/**
 * Optimistic transactions: reads and writes stay private until commit, which fails with
 * DATABASE_TRANSACTION_CONFLICT when any touched document changed meanwhile (runTransaction retries
 * on exactly that code). Documents an open transaction has written are tracked so writes outside it
 * can wait for it to end instead of racing it.
 */
export class Transactions {
  private readonly open = new Map<string, Transaction>();
  private readonly writers = new Map<string, Set<Transaction>>();

  constructor(private readonly now: () => number) {}

  begin(): Transaction {
    const tx = new Transaction(randomBytes(16).toString('hex'), this.now());
    this.open.set(tx.id, tx);
    tx.timer = setTimeout(() => this.end(tx, 'aborted'), TRANSACTION_TTL_MS);
    tx.timer.unref();
    return tx;
  }

  /** The open transaction with this id; an expired one is aborted here. */
  get(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} does not exist: it was committed, aborted, or expired`);
    if (this.now() - tx.startedAt > TRANSACTION_TTL_MS) {
      this.end(tx, 'aborted');
      throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${tx.id} was aborted: transactions must commit or abort within ${TRANSACTION_TTL_MS / 1000} s`);
    }
    return tx;
  }

  markWritten(tx: Transaction, key: string): void {
    let set = this.writers.get(key);
    if (!set) this.writers.set(key, (set = new Set()));
    set.add(tx);
  }

  /** Open transactions, other than `except`, that have written any of these documents. */
  blockers(keys: string[], except?: Transaction): Transaction[] {
    const found = new Set<Transaction>();
    for (const key of keys) for (const tx of this.writers.get(key) ?? []) if (tx !== except) found.add(tx);
    return [...found];
  }

  end(tx: Transaction, state: 'committed' | 'aborted'): void {
    if (tx.state !== 'open') return;
    clearTimeout(tx.timer);
    this.open.delete(tx.id);
    for (const [key, entry] of tx.entries) {
      if (!entry.written) continue;
      const set = this.writers.get(key);
      set?.delete(tx);
      if (set && set.size === 0) this.writers.delete(key);
    }
    tx.finish(state);
  }

  abortAll(): void {
    for (const tx of [...this.open.values()]) this.end(tx, 'aborted');
  }
}
