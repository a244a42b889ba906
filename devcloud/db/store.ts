import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import { isDocId, isPlainObject, normalize, toWire, type Doc, type DocId } from './codec';
import type { IndexDecl } from './types';

/**
 * Log records hold whole document images (never operations), so replaying a record twice is
 * harmless: a crash between writing the snapshot and truncating the log loses nothing.
 */
export type LogRecord =
  | { t: 'coll'; c: string; indexes: IndexDecl[] }
  | { t: 'put'; c: string; doc: Doc }
  | { t: 'del'; c: string; id: DocId }
  | { t: 'batch'; ops: LogRecord[] };

export interface CollectionImage {
  name: string;
  indexes: IndexDecl[];
  docs: Doc[];
}

const SNAPSHOT = 'snapshot.ejson';
const LOG = 'log.ejsonl';
export const DEFAULT_COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

/**
 * Durable storage: snapshot + append-only log in a directory, or nothing at all in memory mode.
 * Every append is a synchronous write of one whole line, done before the caller answers, so an
 * acknowledged write survives `kill -9`. (No fsync: surviving a kernel crash is out of scope.)
 */
export class Store {
  private fd: number | null = null;
  private logBytes = 0;

  private constructor(
    private readonly dir: string | undefined,
    private readonly compactAfterBytes: number,
  ) {}

  /** Opens the directory and replays it; `apply` receives every record, snapshot first. */
  static open(dir: string | undefined, compactAfterBytes: number, apply: (rec: LogRecord) => void): Store {
    const store = new Store(dir, compactAfterBytes);
    if (dir === undefined) return store;
    fs.mkdirSync(dir, { recursive: true });
    const snapshotPath = path.join(dir, SNAPSHOT);
    if (fs.existsSync(snapshotPath)) {
      const images = parseValue(fs.readFileSync(snapshotPath, 'utf8'));
      if (!Array.isArray(images)) throw new Error(`${snapshotPath} is not a devcloud snapshot`);
      for (const image of images as CollectionImage[]) {
        apply({ t: 'coll', c: image.name, indexes: image.indexes });
        for (const doc of image.docs) apply({ t: 'put', c: image.name, doc });
      }
    }
    const logPath = path.join(dir, LOG);
    store.logBytes = replayLog(logPath, apply);
    store.fd = fs.openSync(logPath, 'a');
    return store;
  }

  get durable(): boolean {
    return this.dir !== undefined;
  }

  append(rec: LogRecord): void {
    if (this.fd === null) return;
    const line = Buffer.from(toWire(rec) + '\n', 'utf8');
    let off = 0;
    while (off < line.length) off += fs.writeSync(this.fd, line, off, line.length - off);
    this.logBytes += line.length;
  }

  needsCompaction(): boolean {
    return this.fd !== null && this.logBytes >= this.compactAfterBytes;
  }

  /** Writes a fresh snapshot (tmp + fsync + rename) and only then empties the log. */
  compact(images: CollectionImage[]): void {
    if (this.dir === undefined || this.fd === null) return;
    const target = path.join(this.dir, SNAPSHOT);
    const tmp = `${target}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, '[');
      images.forEach((image, i) => {
        const head = toWire({ name: image.name, indexes: image.indexes });
        fs.writeSync(fd, `${i ? ',' : ''}${head.slice(0, -1)},"docs":[`);
        image.docs.forEach((doc, j) => fs.writeSync(fd, (j ? ',' : '') + toWire(doc)));
        fs.writeSync(fd, ']}\n');
      });
      fs.writeSync(fd, ']');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
    fs.ftruncateSync(this.fd, 0);
    this.logBytes = 0;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

function parseValue(text: string): unknown {
  return normalize(EJSON.parse(text), Date.now());
}

/**
 * Replays whole lines; a torn or unreadable tail (a write cut by a kill) is ignored and cut off so
 * later appends start on a clean line. Returns the log's remaining size.
 */
function replayLog(logPath: string, apply: (rec: LogRecord) => void): number {
  if (!fs.existsSync(logPath)) return 0;
  const buf = fs.readFileSync(logPath);
  let start = 0;
  let good = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    if (nl < 0) break;
    let rec: unknown;
    try {
      rec = parseValue(buf.subarray(start, nl).toString('utf8'));
    } catch {
      break;
    }
    if (!isRecord(rec)) break;
    apply(rec);
    start = nl + 1;
    good = start;
  }
  if (good < buf.length) fs.truncateSync(logPath, good);
  return good;
}

function isRecord(v: unknown): v is LogRecord {
  if (!isPlainObject(v)) return false;
  switch (v.t) {
    case 'coll':
      return typeof v.c === 'string' && Array.isArray(v.indexes);
    case 'put':
      return typeof v.c === 'string' && isPlainObject(v.doc) && isDocId(v.doc._id);
    case 'del':
      return typeof v.c === 'string' && isDocId(v.id);
    case 'batch':
      return Array.isArray(v.ops) && v.ops.every(isRecord);
    default:
      return false;
  }
}
