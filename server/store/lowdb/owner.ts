/** Which process has a lowdb store open (DATA_FILE + ".pid"), so `npm run restore` can refuse a running server. */
import { readFile, rm, writeFile } from 'node:fs/promises';

const ownerFile = (file: string) => `${file}.pid`;

/** The pid of a live process that has the store at `file` open, if any (itself excluded). */
export async function liveOwner(file: string): Promise<number | null> {
  let pid: number;
  try {
    pid = Number((await readFile(ownerFile(file), 'utf8')).trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null; // EPERM: alive, someone else's
  }
}

export async function markOwner(file: string): Promise<void> {
  await writeFile(ownerFile(file), `${process.pid}\n`);
}

export async function clearOwner(file: string): Promise<void> {
  try {
    if (Number((await readFile(ownerFile(file), 'utf8')).trim()) === process.pid) await rm(ownerFile(file), { force: true });
  } catch {
    /* gone already */
  }
}
