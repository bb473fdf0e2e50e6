/**
 * Online backup and restore of the lowdb store (`npm run backup`, `npm run restore FILE`).
 *
 * Backup runs beside a live server, in another process. A compaction renames a new snapshot into
 * place and only then empties the journal, so a snapshot that is the same file (inode, size, mtime)
 * before and after the journal was read proves the journal read belongs to it. Otherwise the copy is
 * retried. The pair is then loaded like the server would (every record validated) and written out as
 * one self-contained snapshot.
 */
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StoreCorruptError } from '../types.js';
import { writeFileDurably } from './durable-file.js';
import { LowdbStore } from './index.js';
import { liveOwner } from './owner.js';

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function identity(file: string): Promise<string> {
  try {
    const s = await stat(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'none';
  }
}

/** Loads a snapshot (+ journal) the way the server does, in a scratch folder; returns one compacted snapshot. */
async function loadAndCompact(snapshot: string | null, journal: string): Promise<{ text: string; bookings: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'gongyou-backup-'));
  try {
    const file = join(dir, 'db.json');
    if (snapshot !== null) await writeFile(file, snapshot);
    await writeFile(`${file}.journal`, journal);
    const store = await LowdbStore.open({ file });
    try {
      await store.compact();
      const { bookings } = await store.stats();
      return { text: await readFile(file, 'utf8'), bookings };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A consistent copy of the store at `file` (running or not), written durably to `out`. */
export async function backupLowdb(file: string, out: string): Promise<{ bytes: number; bookings: number; attempts: number }> {
  for (let attempt = 1; attempt <= 50; attempt++) {
    const before = await identity(file);
    const snapshot = await readOrNull(file);
    const journalText = (await readOrNull(`${file}.journal`)) ?? '';
    if ((await identity(file)) !== before) continue; // a compaction replaced the snapshot meanwhile
    if (snapshot === null && !journalText) throw new StoreCorruptError(`没有找到数据文件 ${file}（也没有日志），无可备份。`);
    // an append may be in flight: only whole lines were acknowledged
    const journal = journalText.slice(0, journalText.lastIndexOf('\n') + 1);
    const { text, bookings } = await loadAndCompact(snapshot, journal);
    await writeFileDurably(out, text);
    return { bytes: Buffer.byteLength(text), bookings, attempts: attempt };
  }
  throw new Error(`数据文件 ${file} 一直在整理中，无法取得一致的备份，请稍后重试。`);
}

/**
 * Replaces the store at `file` with the backup `from`. Refuses while a server has it open; the
 * files it replaces are kept beside it (`.before-restore-<time>`).
 */
export async function restoreLowdb(file: string, from: string): Promise<{ bookings: number; kept: string[] }> {
  const owner = await liveOwner(file);
  if (owner) throw new Error(`服务器（进程 ${owner}）正在使用 ${file}：请先停止服务器再恢复。`);
  const text = await readOrNull(from);
  if (text === null) throw new Error(`备份文件 ${from} 不存在`);
  const { text: checked, bookings } = await loadAndCompact(text, ''); // refuses a corrupt backup before touching anything
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const kept: string[] = [];
  for (const f of [file, `${file}.journal`]) {
    if ((await readOrNull(f)) === null) continue;
    await rename(f, `${f}.before-restore-${stamp}`);
    kept.push(`${f}.before-restore-${stamp}`);
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFileDurably(file, checked);
  return { bookings, kept };
}
