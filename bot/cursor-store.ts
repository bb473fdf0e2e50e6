/**
 * The broadcast cursor: for each target (room or webhook), the seq of the last notice posted there.
 * Saved after every post (atomic rename), so a restarted bot never posts a notice twice.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

interface CursorFile {
  version: 1;
  cursors: Record<string, number>;
}

export class CursorFileError extends Error {
  override name = 'CursorFileError';
}

export class CursorStore {
  private cursors = new Map<string, number>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string | undefined) {}

  /** No file: cursors live in memory only (tests, the terminal chat). */
  static async open(file?: string): Promise<CursorStore> {
    const store = new CursorStore(file);
    if (file) await store.load(file);
    return store;
  }

  get(key: string): number | undefined {
    return this.cursors.get(key);
  }

  /** Sets and saves; resolves once the file is on disk. */
  async set(key: string, seq: number): Promise<void> {
    this.cursors.set(key, seq);
    const snapshot: CursorFile = { version: 1, cursors: Object.fromEntries(this.cursors) };
    // One write at a time, in order: the last call always wins on disk.
    const next = this.writing.then(() => this.save(snapshot));
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async load(file: string) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    let parsed: CursorFile;
    try {
      parsed = JSON.parse(text) as CursorFile;
    } catch {
      // Never start over from an unreadable file: that could post every notice again.
      throw new CursorFileError(`通知进度文件 ${file} 已损坏，请检查或删除后重启（删除后只会发布之后的新通知）。`);
    }
    for (const [k, v] of Object.entries(parsed.cursors ?? {})) if (Number.isInteger(v)) this.cursors.set(k, v);
  }

  private async save(snapshot: CursorFile) {
    if (!this.file) return;
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(snapshot, null, 2));
    await rename(tmp, this.file);
  }
}
