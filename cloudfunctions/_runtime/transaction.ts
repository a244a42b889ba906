import { db, type Transaction } from './cloud';
import { isTransactionConflict } from './db-errors';

/**
 * db.runTransaction that also retries a conflict raised at a write. CloudBase reports a write to a
 * document another transaction holds (or changed since this one began) at that write, and
 * wx-server-sdk hands it back without the code runTransaction retries on, so runTransaction alone
 * only retries conflicts found at commit. `work` runs again from the start on each attempt, so it
 * must read what it decides on inside the transaction. After `attempts` the conflict is thrown.
 */
export async function transaction<T>(work: (tx: Transaction) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(work, 0);
    } catch (err) {
      if (!isTransactionConflict(err) || attempt >= attempts) throw err;
    }
  }
}
