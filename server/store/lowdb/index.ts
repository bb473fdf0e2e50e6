/**
 * The embedded store: one lowdb-managed JSON snapshot (DATA_FILE) plus an append-only journal
 * (DATA_FILE + ".journal"), owned by one server process.
 *
 * - Transactions run one at a time on the in-memory state (a promise queue), so rules see a
 *   consistent world without locks.
 * - Group commit: the changes of every transaction that finished while the previous write was on
 *   its way are appended as ONE journal line and fsynced once; each caller is answered after that.
 *   A write costs O(changes), not O(file), so throughput holds at 100k bookings.
 * - The snapshot is rewritten (atomic + fsync, via lowdb) when the journal has grown past half the
 *   snapshot, so compaction is amortised O(1) per change.
 * - On load every record is validated with zod. A corrupt file throws StoreCorruptError and is left
 *   byte-identical; only a torn final journal line (a crash mid-append, never acknowledged) is cut.
 * - If a write fails (disk full, read-only folder) the batch is refused with StoreUnavailableError,
 *   the journal is cut back to its last good length and memory is reloaded from disk.
 */
import { EventEmitter } from 'node:events';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import type { Notice } from '../../../shared/schemas/index.js';
import { RECORD_SCHEMAS } from '../records.js';
import {
  COLLECTIONS,
  StoreCorruptError,
  StoreUnavailableError,
  type CollectionName,
  type LockKey,
  type Store,
  type Awaitable,
  type Tx,
} from '../types.js';
import { DurableTextFile, fsyncDir } from './durable-file.js';
import { MemoryState } from './state.js';

const FORMAT = 'gongyou-yizhan/1';
const ignore = () => {};
type Doc = { id: string } & Record<string, unknown>;
type Change = { c: CollectionName; id: string; doc: Doc | null };

interface Batch {
  changes: Map<string, Change>;
  notices: Notice[];
  counters: Record<string, number>;
  /** Settles when this batch is on disk (or could not be written). */
  done: Promise<void>;
  resolve: () => void;
  reject: (e: Error) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  done.catch(ignore); // a batch nobody waits for must not become an unhandled rejection
  return { changes: new Map(), notices: [], counters: {}, done, resolve, reject };
}

export interface LowdbStoreOptions {
  file: string;
  /** Compact when the journal holds more than max(this, snapshot records / 2) changes. */
  compactAfter?: number;
}

export class LowdbStore implements Store {
  readonly kind = 'lowdb' as const;
  private state = new MemoryState();
  private queue: Promise<unknown> = Promise.resolve();
  private pending: Batch | null = null;
  private writing: Batch | null = null;
  private flushing: Promise<void> | null = null;
  /** null while the folder refuses writes (read-only); reads still work, writes answer 503. */
  private journal: FileHandle | null = null;
  private journalSize = 0;
  private journalSeq = 0;
  private journalChanges = 0;
  private snapshotRecords = 0;
  private needsReload = false;
  private closed = false;
  private readonly events = new EventEmitter();
  private readonly low: Low<string | null>;
  private readonly journalFile: string;

  private constructor(private readonly opts: LowdbStoreOptions) {
    this.low = new Low<string | null>(new DurableTextFile(opts.file) as never, null);
    this.journalFile = `${opts.file}.journal`;
    this.events.setMaxListeners(0);
  }

  static async open(opts: LowdbStoreOptions): Promise<LowdbStore> {
    const store = new LowdbStore(opts);
    await mkdir(dirname(opts.file), { recursive: true });
    await store.load();
    await store.openJournal().catch(() => {
      /* read-only folder: start anyway so people can still read; each write retries */
    });
    return store;
  }

  // ---- loading -------------------------------------------------------------------------------

  private async load(): Promise<void> {
    const state = new MemoryState();
    await this.low.read();
    let snapshotSeq = 0;
    if (this.low.data !== null && this.low.data !== '') {
      snapshotSeq = this.loadSnapshot(state, this.low.data);
    } else if (this.low.data === '') {
      throw new StoreCorruptError(`数据文件 ${this.opts.file} 是空文件，无法读取。请从备份恢复或移走该文件后重启。`);
    }
    this.snapshotRecords = COLLECTIONS.reduce((n, c) => n + state.size(c), 0);
    const { seq, changes, size } = await this.replayJournal(state, snapshotSeq);
    this.state = state;
    this.journalSeq = Math.max(seq, snapshotSeq);
    this.journalChanges = changes;
    this.journalSize = size;
  }

  private loadSnapshot(state: MemoryState, text: string): number {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new StoreCorruptError(`数据文件 ${this.opts.file} 不是有效的 JSON（${(err as Error).message}），服务器不会启动，文件保持原样。`);
    }
    if (!data || data.format !== FORMAT) {
      throw new StoreCorruptError(`数据文件 ${this.opts.file} 的格式不是 ${FORMAT}，服务器不会启动，文件保持原样。`);
    }
    for (const c of COLLECTIONS) {
      const list = (data[c] ?? []) as unknown[];
      if (!Array.isArray(list)) throw new StoreCorruptError(`数据文件 ${this.opts.file} 中 ${c} 不是数组。`);
      for (const [i, raw] of list.entries()) state.put(c, this.validate(c, raw, `${c}[${i}]`));
    }
    state.counters = (data.counters ?? {}) as Record<string, number>;
    return Number(data.journalSeq ?? 0);
  }

  private validate(c: CollectionName, raw: unknown, where: string): Doc {
    const r = RECORD_SCHEMAS[c].safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new StoreCorruptError(
        `数据文件 ${this.opts.file} 损坏：${where}.${issue?.path.join('.')} ${issue?.message}。服务器不会启动，文件保持原样。`,
      );
    }
    return raw as Doc;
  }

  private async replayJournal(state: MemoryState, snapshotSeq: number) {
    let text: string;
    try {
      text = (await new DurableTextFile(this.journalFile).read()) ?? '';
    } catch (err) {
      throw new StoreCorruptError(`无法读取日志文件 ${this.journalFile}：${(err as Error).message}`);
    }
    let seq = 0;
    let changes = 0;
    let good = 0;
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (line === '') {
        good += 1;
        continue;
      }
      const last = i === lines.length - 1; // no newline after it: the append was cut short
      let entry: { seq: number; puts: [CollectionName, Doc][]; dels: [CollectionName, string][]; counters: Record<string, number> };
      try {
        entry = JSON.parse(line);
      } catch {
        if (last) break;
        throw new StoreCorruptError(`日志文件 ${this.journalFile} 第 ${i + 1} 行损坏，服务器不会启动，文件保持原样。`);
      }
      if (last) break; // parsed but not newline-terminated: never acknowledged, drop it
      good += Buffer.byteLength(line) + 1;
      if (entry.seq <= snapshotSeq) continue;
      for (const [c, doc] of entry.puts) {
        if (!COLLECTIONS.includes(c)) throw new StoreCorruptError(`日志文件 ${this.journalFile} 第 ${i + 1} 行：未知集合 ${c}`);
        state.put(c, this.validate(c, doc, `journal:${i + 1}:${c}`));
      }
      for (const [c, id] of entry.dels) state.remove(c, id);
      Object.assign(state.counters, entry.counters);
      seq = entry.seq;
      changes += entry.puts.length + entry.dels.length;
    }
    good = Math.min(good, Buffer.byteLength(text));
    if (good < Buffer.byteLength(text)) {
      // cut the torn tail so the next append starts on a clean line
      const fh = await open(this.journalFile, 'r+');
      await fh.truncate(good);
      await fh.sync();
      await fh.close();
    }
    return { seq, changes, size: good };
  }

  // ---- transactions --------------------------------------------------------------------------

  async atomic<T>(_locks: LockKey[], fn: (tx: Tx) => Awaitable<T>): Promise<T> {
    // The queue holds only the in-memory part; waiting for the disk happens outside it, so the
    // next transaction runs while this one's batch is being written.
    const p = this.queue.then(() => this.runTx(fn));
    this.queue = p.catch(ignore);
    const outcome = await p;
    // Every answer, a refusal or a replay included, may rest on changes that are not on disk yet:
    // it is given only once they are (and becomes a 503 if they never get there).
    if (outcome.durable) await outcome.durable;
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  }

  private async runTx<T>(fn: (tx: Tx) => Awaitable<T>): Promise<{ result: T; durable: Promise<void> | null } | { error: unknown; durable: Promise<void> | null }> {
    if (this.closed) throw new StoreUnavailableError('存储已关闭');
    if (this.needsReload) await this.reload();
    const tx = new LowdbTx(this.state);
    try {
      const result = await fn(tx);
      return { result, durable: tx.dirty ? this.enqueueChanges(tx) : this.unwritten() };
    } catch (error) {
      tx.rollback();
      return { error, durable: this.unwritten() };
    }
  }

  /** The newest changes not yet on disk, if any: what any answer given now may depend on. */
  private unwritten(): Promise<void> | null {
    return (this.pending ?? this.writing)?.done ?? null;
  }

  async read<T>(fn: (tx: Tx) => Awaitable<T>): Promise<T> {
    // After a failed write, memory is ahead of the disk until reloaded: wait for that.
    if (this.needsReload) await this.exclusive(async () => {});
    const result = await fn(new LowdbTx(this.state, true));
    // Never show what might still be lost: answer once what was read is on disk.
    const durable = this.unwritten();
    if (durable) await durable;
    return result;
  }

  private enqueueChanges(tx: LowdbTx): Promise<void> {
    this.pending ??= newBatch();
    const batch = this.pending;
    for (const [k, ch] of tx.changes) batch.changes.set(k, ch);
    Object.assign(batch.counters, tx.counterChanges);
    batch.notices.push(...tx.newNotices);
    if (!this.flushing) this.flushing = this.flushLoop();
    return batch.done;
  }

  private async flushLoop(): Promise<void> {
    await new Promise((r) => setImmediate(r)); // let concurrent transactions join this batch
    while (this.pending) {
      const batch = this.pending;
      this.pending = null;
      this.writing = batch;
      try {
        await this.appendBatch(batch);
        this.writing = null;
        batch.resolve();
        this.emitNotices(batch);
      } catch (err) {
        // Memory holds changes that are not on disk: refuse them all and reload from disk.
        const failure = new StoreUnavailableError(`数据写入失败：${(err as Error).message}`);
        this.writing = null;
        batch.reject(failure);
        (this.pending as Batch | null)?.reject(failure); // built on the failed batch: refused too
        this.pending = null;
        this.needsReload = true;
        void this.exclusive(async () => {}).catch(() => {}); // reload from disk now
      }
    }
    this.flushing = null;
    if (this.journalChanges > Math.max(this.opts.compactAfter ?? 20_000, this.snapshotRecords / 2)) {
      void this.compact().catch(() => {
        /* journal stays authoritative; next flush retries */
      });
    }
  }

  private async openJournal(): Promise<FileHandle> {
    this.journal ??= await open(this.journalFile, 'a');
    return this.journal;
  }

  private async appendBatch(batch: Batch): Promise<void> {
    const seq = this.journalSeq + 1;
    const puts: [CollectionName, Doc][] = [];
    const dels: [CollectionName, string][] = [];
    for (const ch of batch.changes.values()) {
      if (ch.doc) puts.push([ch.c, ch.doc]);
      else dels.push([ch.c, ch.id]);
    }
    const line = Buffer.from(`${JSON.stringify({ seq, puts, dels, counters: batch.counters })}\n`);
    let journal: FileHandle;
    try {
      journal = await this.openJournal();
    } catch (err) {
      throw new Error(`数据目录不可写（${(err as NodeJS.ErrnoException).code ?? (err as Error).message}）`);
    }
    try {
      // A full disk can take part of the line and return short without an error: that is a failure.
      const { bytesWritten } = await journal.write(line, 0, line.length, this.journalSize);
      if (bytesWritten !== line.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
      await journal.datasync();
    } catch (err) {
      await journal.truncate(this.journalSize).catch(() => {});
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOSPC' ? '磁盘空间已满' : code === 'EROFS' ? '数据目录只读' : (err as Error).message);
    }
    if (this.journalSize === 0) await fsyncDir(dirname(this.journalFile));
    this.journalSize += line.length;
    this.journalSeq = seq;
    this.journalChanges += puts.length + dels.length;
  }

  private emitNotices(batch: Batch): void {
    for (const n of batch.notices) this.events.emit('notice', n);
  }

  /** Rewrite the snapshot with everything committed, then start an empty journal. */
  async compact(): Promise<void> {
    await this.exclusive(async () => {
      const text = JSON.stringify({ format: FORMAT, journalSeq: this.journalSeq, counters: this.state.counters, ...this.state.toJSON() });
      this.low.data = text;
      await this.low.write();
      const journal = await this.openJournal();
      await journal.truncate(0);
      await journal.sync();
      this.journalSize = 0;
      this.journalChanges = 0;
      this.snapshotRecords = COLLECTIONS.reduce((n, c) => n + this.state.size(c), 0);
    });
  }

  /** Runs `fn` with no transaction running and every earlier change on disk. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = async () => {
      while (this.flushing) await this.flushing;
      if (this.needsReload) await this.reload();
      return fn();
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => {});
    return p;
  }

  private async reload(): Promise<void> {
    await this.load();
    this.needsReload = false;
  }

  onNotice(listener: (n: Notice) => void): () => void {
    this.events.on('notice', listener);
    return () => this.events.off('notice', listener);
  }

  async stats() {
    return { bookings: this.state.size('bookings') };
  }

  /** Size of the journal in bytes (for tests and benchmarks). */
  async journalBytes(): Promise<number> {
    return (await stat(this.journalFile)).size;
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {});
    this.closed = true;
    await this.journal?.close();
  }
}

/** Transaction over the live state; remembers originals so a refused transaction leaves no trace. */
class LowdbTx implements Tx {
  // Allocated on first write: most transactions (every read, every auth lookup) never write.
  private _changes: Map<string, Change> | null = null;
  private _counters: Record<string, number> | null = null;
  private _notices: Notice[] | null = null;
  private _originals: Map<string, { c: CollectionName; id: string; doc: Doc | undefined }> | null = null;
  get changes() {
    return (this._changes ??= new Map());
  }
  get counterChanges() {
    return (this._counters ??= {});
  }
  get newNotices() {
    return (this._notices ??= []);
  }
  private get originals() {
    return (this._originals ??= new Map());
  }
  get dirty(): boolean {
    return (this._changes?.size ?? 0) > 0 || this._counters !== null;
  }

  constructor(
    private readonly state: MemoryState,
    private readonly readOnly = false,
  ) {}

  get(c: CollectionName, id: string) {
    return this.state.get(c, id) as never;
  }

  put(c: CollectionName, doc: Doc | object) {
    const d = doc as Doc;
    if (c === 'notices' && !this.state.get(c, d.id)) this.newNotices.push(d as unknown as Notice);
    this.touch(c, d.id);
    this.state.put(c, d);
    this.changes.set(`${c}\u0000${d.id}`, { c, id: d.id, doc: d });
  }

  remove(c: CollectionName, id: string) {
    this.touch(c, id);
    this.state.remove(c, id);
    this.changes.set(`${c}\u0000${id}`, { c, id, doc: null });
  }

  list(c: CollectionName, where?: object) {
    return this.state.list(c, where as Record<string, unknown>) as never;
  }

  findBookings(filter: Parameters<Tx['findBookings']>[0]) {
    return this.state.findBookings(filter);
  }

  findBookingByCode(code: string) {
    return this.state.bookingByCode(code);
  }

  countConfirmedMeals(stationId: string, date: string) {
    return this.state.countConfirmedMeals(stationId, date);
  }

  confirmedSeats(sessionId: string) {
    return this.state.seatsConfirmed(sessionId);
  }

  nextSeq(name: string) {
    if (this.readOnly) throw new Error('nextSeq in a read-only transaction');
    const key = `seq:${name}`;
    if (!(key in this.counterChanges)) this.originals.set(`counter\u0000${key}`, { c: 'kv', id: key, doc: { id: key, value: this.state.counters[key] } });
    const v = (this.state.counters[key] ?? 0) + 1;
    this.state.counters[key] = v;
    this.counterChanges[key] = v;
    return v;
  }

  private touch(c: CollectionName, id: string) {
    if (this.readOnly) throw new Error('write in a read-only transaction');
    const k = `${c}\u0000${id}`;
    if (!this.originals.has(k)) this.originals.set(k, { c, id, doc: this.state.get(c, id) });
  }

  rollback(): void {
    if (!this._originals) return;
    for (const [k, o] of this._originals) {
      if (k.startsWith('counter\u0000')) {
        const v = (o.doc as { value?: number }).value;
        if (v === undefined) delete this.state.counters[o.id];
        else this.state.counters[o.id] = v;
      } else if (o.doc) this.state.put(o.c, o.doc);
      else this.state.remove(o.c, o.id);
    }
  }
}
