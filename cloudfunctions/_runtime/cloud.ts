import cloud from 'wx-server-sdk';
import { isTransactionGone } from './db-errors';

/**
 * One wx-server-sdk per instance, initialised at module scope so a warm instance pays the
 * require and init once. devcloud's function host sets DEVCLOUD_SERVICE_URL; on CloudBase it is
 * absent and the SDK finds the environment itself.
 */
const serviceUrl = process.env.DEVCLOUD_SERVICE_URL;
cloud.init(
  serviceUrl
    ? ({ env: process.env.TCB_ENV ?? 'devcloud', serviceUrl, secretId: 'devcloud', secretKey: 'devcloud' } as never)
    : { env: cloud.DYNAMIC_CURRENT_ENV as unknown as string },
);

/*
 * The SDK's own typings return `string | void | Promise` unions (callback and promise styles in
 * one signature). These are the promise-style shapes we use, so handlers stay type-checked.
 */
export type Doc = Record<string, unknown> & { _id?: string };

export interface Query<T = Doc> {
  where(filter: object): Query<T>;
  orderBy(field: string, order: 'asc' | 'desc'): Query<T>;
  skip(n: number): Query<T>;
  limit(n: number): Query<T>;
  field(projection: Record<string, boolean>): Query<T>;
  get(): Promise<{ data: T[] }>;
  count(): Promise<{ total: number }>;
  update(opts: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DocRef<T = Doc> {
  get(): Promise<{ data: T }>;
  set(opts: { data: object }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  update(opts: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

/** The aggregate stages we use; each returns the pipeline, `end()` runs it. */
export interface Aggregate {
  match(filter: object): Aggregate;
  project(spec: object): Aggregate;
  group(spec: object): Aggregate;
  limit(n: number): Aggregate;
  end(): Promise<{ list: Doc[] }>;
}

export interface CollectionRef<T = Doc> extends Query<T> {
  doc(id: string): DocRef<T>;
  add(opts: { data: object }): Promise<{ _id: string }>;
  aggregate(): Aggregate;
}

export interface Transaction {
  collection(name: string): { doc(id: string): DocRef; add(opts: { data: object }): Promise<{ _id: string }> };
  rollback(reason?: unknown): Promise<void>;
}

export interface Db {
  collection<T = Doc>(name: string): CollectionRef<T>;
  serverDate(): unknown;
  runTransaction<T>(fn: (tx: Transaction) => Promise<T>, retries?: number): Promise<T>;
}

export { cloud };
const raw = cloud.database();
export const db = raw as unknown as Db;
export const _ = raw.command;

/**
 * A document read that answers null only when the document does not exist; any other failure
 * (timeout, conflict) propagates, so it is never mistaken for "not there".
 */
export async function getOrNull<T = Doc>(ref: { get(): Promise<{ data: T }> }): Promise<T | null> {
  try {
    return (await ref.get()).data;
  } catch (err) {
    // A transaction that ended (TransactionNotExist: "… does not exist") is not a missing document.
    if (isTransactionGone(err)) throw err;
    const e = err as { errMsg?: string; message?: string };
    if (/does not exist|not exist|NOT_FOUND/i.test(e.errMsg ?? e.message ?? '')) return null;
    throw err;
  }
}
