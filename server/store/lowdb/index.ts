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
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import type { Notice } from '../../../shared/schemas/index.js';
import { RECORD_SCHEMAS } from '../records.js';
import {
  COLLECTIONS,
  StoreCorruptError,
  StoreUnavailableError,
  type CollectionName,
  type Store,
  type Awaitable,
  type Tx,
} from '../types.js';
import type { LockKey } from '../locks.js';
import { DurableTextFile } from './durable-file.js';
import { Journal, type Change, type Doc } from './journal.js';
import { clearOwner, markOwner } from './owner.js';
import { MemoryState } from './state.js';
import { LowdbTx } from './transaction.js';

const FORMAT = 'gongyou-yizhan/1';
const ignore = () => {};

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
  private readonly journal: Journal;
  private snapshotRecords = 0;
  private needsReload = false;
  private closed = false;
  private readonly events = new EventEmitter();
  private readonly low: Low<string | null>;

  private constructor(private readonly opts: LowdbStoreOptions) {
    this.low = new Low<string | null>(new DurableTextFile(opts.file) as never, null);
    this.journal = new Journal(`${opts.file}.journal`);
    this.events.setMaxListeners(0);
  }

  static async open(opts: LowdbStoreOptions): Promise<LowdbStore> {
    const store = new LowdbStore(opts);
    await mkdir(dirname(opts.file), { recursive: true });
    const fresh = await store.load();
    // A new store starts with a snapshot, so a journal found alone later means the snapshot was lost.
    if (fresh) await store.writeSnapshot().catch(ignore);
    await store.journal.open().catch(() => {
      /* read-only folder: start anyway so people can still read; each write retries */
    });
    await markOwner(opts.file).catch(ignore); // read-only folder: nothing to restore over anyway
    // An erasure whose old lines are still in the journal (the disk was full): scrub them now.
    if (store.journal.erasures > 0) await store.compact().catch(ignore);
    return store;
  }

  // ---- loading -------------------------------------------------------------------------------

  /** Loads snapshot + journal into memory; true when neither file exists yet (a new store). */
  private async load(): Promise<boolean> {
    const state = new MemoryState();
    await this.low.read();
    let snapshotSeq = 0;
    let fresh = false;
    if (this.low.data !== null && this.low.data.trim() !== '') {
      snapshotSeq = this.loadSnapshot(state, this.low.data);
    } else if (this.low.data !== null) {
      throw new StoreCorruptError(`数据文件 ${this.opts.file} 是空文件，服务器不会启动，以免在空数据上运行。请从备份恢复（npm run restore）后重启。`);
    } else {
      fresh = !(await this.journalStandsAlone());
    }
    this.snapshotRecords = COLLECTIONS.reduce((n, c) => n + state.size(c), 0);
    await this.journal.replay(state, snapshotSeq, (c, raw, where) => this.validate(c, raw, where));
    this.state = state;
    return fresh;
  }

  /**
   * No snapshot: false when there is no journal either (a new store); true for a journal holding the
   * whole history (from seq 1, written before stores began with a snapshot); else the snapshot was
   * lost and starting would serve a partial store, so refuse.
   */
  private async journalStandsAlone(): Promise<boolean> {
    const first = await this.journal.firstSeq();
    if (first === null) return false;
    if (first === 1) return true;
    throw new StoreCorruptError(
      `数据文件 ${this.opts.file} 不存在，但日志文件 ${this.journal.file} 存在（只含部分记录）。服务器不会启动，以免在不完整的数据上运行。请从备份恢复（npm run restore）后重启。`,
    );
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

  // ---- transactions --------------------------------------------------------------------------

  async atomic<T>(_locks: readonly LockKey[], fn: (tx: Tx) => Awaitable<T>): Promise<T> {
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
        await this.journal.append(batch.changes.values(), batch.counters);
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
    if (this.journal.erasures > 0 || this.journal.changes > Math.max(this.opts.compactAfter ?? 20_000, this.snapshotRecords / 2)) {
      void this.compact().catch(() => {
        /* journal stays authoritative; next flush retries */
      });
    }
  }

  private emitNotices(batch: Batch): void {
    for (const n of batch.notices) this.events.emit('notice', n);
  }

  /**
   * Rewrite the snapshot with everything committed, then start an empty journal. A failure (disk
   * full) changes nothing and is a StoreUnavailableError; the journal stays authoritative.
   */
  async compact(): Promise<void> {
    await this.exclusive(async () => {
      try {
        await this.writeSnapshot();
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new StoreUnavailableError(`数据整理失败：${code === 'ENOSPC' ? '磁盘空间已满' : code === 'EROFS' ? '数据目录只读' : (err as Error).message}`);
      }
      await this.journal.clear();
      this.snapshotRecords = COLLECTIONS.reduce((n, c) => n + this.state.size(c), 0);
    });
  }

  private async writeSnapshot(): Promise<void> {
    this.low.data = JSON.stringify({ format: FORMAT, journalSeq: this.journal.seq, counters: this.state.counters, ...this.state.toJSON() });
    await this.low.write();
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

  /** Ready while open and its files are where it keeps them (a deleted or unmounted folder is not). */
  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('存储已关闭');
    try {
      await stat(this.opts.file);
    } catch (err) {
      throw new StoreUnavailableError(`数据文件不可用（${(err as NodeJS.ErrnoException).code ?? (err as Error).message}）`);
    }
  }

  /** The named counters (nextSeq), for export to another store. */
  counters(): Record<string, number> {
    return { ...this.state.counters };
  }

  async stats() {
    return { bookings: this.state.size('bookings') };
  }

  /** Size of the journal in bytes (for tests and benchmarks). */
  async journalBytes(): Promise<number> {
    return this.journal.bytes();
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {});
    this.closed = true;
    await this.journal.close();
    await clearOwner(this.opts.file);
  }
}
