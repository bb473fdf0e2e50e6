/**
 * A lowdb adapter whose writes are atomic and durable: write a temp file, fsync it, rename it over
 * the target, fsync the folder. (lowdb's own JSONFile/steno renames but never fsyncs.)
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';

export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function writeFileDurably(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } catch (err) {
    await fh.close().catch(() => {});
    await rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
  await fh.close();
  await rename(tmp, file);
  await fsyncDir(dirname(file));
}

/** Reads raw text (parsing and validation are the store's job, so errors name the file). */
export class DurableTextFile implements Adapter<string> {
  constructor(readonly file: string) {}
  async read(): Promise<string | null> {
    try {
      return await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
  async write(text: string): Promise<void> {
    await writeFileDurably(this.file, text);
  }
}
