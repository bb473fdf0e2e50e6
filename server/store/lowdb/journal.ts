/**
 * The append-only journal (DATA_FILE + ".journal"): one JSON line per group commit, holding every
 * change of the transactions in that batch. A line is acknowledged only after it is written and
 * fdatasynced; a torn final line (a crash mid-append) was never acknowledged and is cut on load.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { COLLECTIONS, StoreCorruptError, type CollectionName } from '../types.js';
import { DurableTextFile, fsyncDir } from './durable-file.js';
import type { MemoryState } from './state.js';

export type Doc = { id: string } & Record<string, unknown>;
/** One document's new value (null: removed). */
export type Change = { c: CollectionName; id: string; doc: Doc | null };

interface Entry {
  seq: number;
  puts: [CollectionName, Doc][];
  dels: [CollectionName, string][];
  counters: Record<string, number>;
}

/** Checks a loaded record; throws StoreCorruptError naming `where`. */
export type Validate = (c: CollectionName, raw: unknown, where: string) => Doc;

export class Journal {
  /** Sequence number of the last line on disk (or of the snapshot, when the journal is empty). */
  seq = 0;
  /** Changes held in the journal since the last compaction. */
  changes = 0;
  /**
   * Erasures in the journal (an erased user, a legal question deleted at the end of its keeping):
   * older lines still hold the personal data until compaction, so compaction is retried until it runs.
   */
  erasures = 0;
  private size = 0;
  private fh: FileHandle | null = null;

  constructor(readonly file: string) {}

  /** Applies every line newer than the snapshot to `state`; cuts a torn tail. */
  async replay(state: MemoryState, snapshotSeq: number, validate: Validate): Promise<void> {
    let text: string;
    try {
      text = (await new DurableTextFile(this.file).read()) ?? '';
    } catch (err) {
      throw new StoreCorruptError(`无法读取日志文件 ${this.file}：${(err as Error).message}`);
    }
    let seq = 0;
    let changes = 0;
    let erasures = 0;
    let good = 0;
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      if (line === '') {
        good += 1;
        continue;
      }
      const last = i === lines.length - 1; // no newline after it: the append was cut short
      let entry: Entry;
      try {
        entry = JSON.parse(line);
      } catch {
        if (last) break;
        throw new StoreCorruptError(`日志文件 ${this.file} 第 ${i + 1} 行损坏，服务器不会启动，文件保持原样。`);
      }
      if (last) break; // parsed but not newline-terminated: never acknowledged, drop it
      good += Buffer.byteLength(line) + 1;
      if (entry.seq <= snapshotSeq) continue;
      for (const [c, doc] of entry.puts) {
        if (isErasure(c, doc)) erasures += 1;
        if (!COLLECTIONS.includes(c)) throw new StoreCorruptError(`日志文件 ${this.file} 第 ${i + 1} 行：未知集合 ${c}`);
        state.put(c, validate(c, doc, `journal:${i + 1}:${c}`));
      }
      for (const [c, id] of entry.dels) state.remove(c, id);
      Object.assign(state.counters, entry.counters);
      seq = entry.seq;
      changes += entry.puts.length + entry.dels.length;
    }
    good = Math.min(good, Buffer.byteLength(text));
    if (good < Buffer.byteLength(text)) {
      // cut the torn tail so the next append starts on a clean line
      const fh = await open(this.file, 'r+');
      await fh.truncate(good);
      await fh.sync();
      await fh.close();
    }
    this.seq = Math.max(seq, snapshotSeq);
    this.changes = changes;
    this.erasures = erasures;
    this.size = good;
  }

  /** Sequence number of the first line; -1 for an empty journal, null when there is no journal file. */
  async firstSeq(): Promise<number | null> {
    let text: string | null;
    try {
      text = await new DurableTextFile(this.file).read();
    } catch (err) {
      throw new StoreCorruptError(`无法读取日志文件 ${this.file}：${(err as Error).message}`);
    }
    if (text === null) return null;
    const line = text.split('\n', 1)[0]!;
    try {
      return line ? Number((JSON.parse(line) as Entry).seq) : -1;
    } catch {
      return -1;
    }
  }

  async open(): Promise<FileHandle> {
    this.fh ??= await open(this.file, 'a');
    return this.fh;
  }

  /** Writes one batch as one line and fdatasyncs it; on failure the file is cut back and nothing counts. */
  async append(changes: Iterable<Change>, counters: Record<string, number>): Promise<void> {
    const seq = this.seq + 1;
    const puts: [CollectionName, Doc][] = [];
    const dels: [CollectionName, string][] = [];
    let erasures = 0;
    for (const ch of changes) {
      if (ch.doc && isErasure(ch.c, ch.doc)) erasures += 1;
      if (ch.doc) puts.push([ch.c, ch.doc]);
      else dels.push([ch.c, ch.id]);
    }
    const line = Buffer.from(`${JSON.stringify({ seq, puts, dels, counters } satisfies Entry)}\n`);
    let fh: FileHandle;
    try {
      fh = await this.open();
    } catch (err) {
      throw new Error(`数据目录不可写（${(err as NodeJS.ErrnoException).code ?? (err as Error).message}）`);
    }
    try {
      // A full disk can take part of the line and return short without an error: that is a failure.
      const { bytesWritten } = await fh.write(line, 0, line.length, this.size);
      if (bytesWritten !== line.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
      await fh.datasync();
    } catch (err) {
      await fh.truncate(this.size).catch(() => {});
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOSPC' ? '磁盘空间已满' : code === 'EROFS' ? '数据目录只读' : (err as Error).message);
    }
    if (this.size === 0) await fsyncDir(dirname(this.file));
    this.size += line.length;
    this.seq = seq;
    this.changes += puts.length + dels.length;
    this.erasures += erasures;
  }

  /** Empties the journal once a snapshot holds everything in it. */
  async clear(): Promise<void> {
    const fh = await this.open();
    await fh.truncate(0);
    await fh.sync();
    this.size = 0;
    this.changes = 0;
    this.erasures = 0;
  }

  async bytes(): Promise<number> {
    return (await stat(this.file)).size;
  }

  async close(): Promise<void> {
    await this.fh?.close();
    this.fh = null;
  }
}

/** A change whose older versions in the journal hold personal data that must go. */
function isErasure(c: CollectionName, doc: Doc): boolean {
  return (c === 'users' && !!doc.erasedAt) || (c === 'audit' && doc.action === 'legal.purge');
}
