import { execFileSync } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/types.js';
import { admin, client, member, makeStation, startServer, storeKind, type TestServer } from '../helpers/server.js';

// A real small filesystem (tmpfs) so the kernel itself answers ENOSPC / EROFS. Needs root (CI is).
let mnt: string;
beforeEach(async () => {
  mnt = await mkdtemp(join(tmpdir(), 'gongyou-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mnt]);
});
afterEach(async () => {
  execFileSync('umount', ['-l', mnt]);
  await rm(mnt, { recursive: true, force: true });
});

async function fillDisk(dir: string) {
  // fill all but nothing: the next journal append cannot fit
  try {
    await writeFile(join(dir, 'filler'), Buffer.alloc(1024 * 1024));
  } catch {
    /* ENOSPC expected: the file holds as much as fits */
  }
}

/** Fills the disk, then frees `room` bytes again (a small journal line still fits, a snapshot does not). */
async function fillDiskBut(dir: string, room: number) {
  await fillDisk(dir);
  const fh = await open(join(dir, 'filler'), 'r+');
  const { size } = await fh.stat();
  await fh.truncate(Math.max(0, size - room));
  await fh.close();
}

const onDisk = async (dir: string) => (await readFile(join(dir, 'db.json'), 'utf8')) + (await readFile(join(dir, 'db.json.journal'), 'utf8'));

/**
 * A store wrapper that, once armed, fills the disk right after the next compaction (the erasure's
 * pre-compaction), leaving room for the erasure's journal line only: the erasure commits, its cleanup cannot.
 */
function fillAfterNextCompaction(dir: string) {
  let armed = false;
  let compactions = 0;
  const wrapStore = (inner: Store): Store =>
    new Proxy(inner, {
      get(target, key, recv) {
        if (key !== 'compact') return Reflect.get(target, key, recv);
        return async () => {
          await target.compact!();
          if (armed && ++compactions === 1) await fillDiskBut(dir, 16 * 1024);
        };
      },
    });
  return { wrapStore, arm: () => void (armed = true) };
}

describe.runIf(storeKind() === 'lowdb')('erasure on a full disk (issue 9 finding 10)', () => {
  it('disk full before the erasure: 503, nothing erased; with space back the erasure leaves no phone on disk', async () => {
    const s = await startServer({ dir: mnt });
    const a = await admin(s);
    await makeStation(a, 50);
    // enough members that the snapshot no longer fits in what the filler leaves
    await Promise.all(Array.from({ length: 100 }, () => member(s)));
    const m = await member(s, '待删工友', '13911112222');
    await fillDisk(mnt);
    const r = await m.del('/api/me');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('UNAVAILABLE');
    expect(r.body.error.message).toMatch(/磁盘空间已满/);
    expect((await m.get('/api/me')).body.phone).toBe('13911112222'); // refused before anything changed
    await rm(join(mnt, 'filler'));
    expect((await m.del('/api/me')).status).toBe(204);
    expect(await onDisk(mnt)).not.toContain('13911112222');
    await s.close();
  });

  it('disk fills between the erasure and its compaction: 503 naming the cleanup, the phone never in the journal, scrubbed at the next start', async () => {
    const disk = fillAfterNextCompaction(mnt);
    const s = await startServer({ dir: mnt, wrapStore: disk.wrapStore });
    const a = await admin(s);
    await makeStation(a, 50);
    await Promise.all(Array.from({ length: 300 }, () => member(s)));
    const m = await member(s, '待删工友', '13933334444');
    disk.arm();
    const r = await m.del('/api/me');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('UNAVAILABLE');
    expect(r.body.error.message).toMatch(/已删除.*磁盘空间已满/);
    expect(await readFile(join(mnt, 'db.json.journal'), 'utf8')).not.toContain('13933334444');
    expect((await m.get('/api/me')).status).toBe(401); // the erasure itself committed
    // next start with space back: the store scrubs the old data before serving
    await s.close();
    await rm(join(mnt, 'filler'));
    const again = await s.restart();
    expect(await onDisk(mnt)).not.toContain('13933334444');
    await again.close();
  });

  it('disk full, erasure committed, server keeps running: the next write after space returns scrubs the phone', async () => {
    const disk = fillAfterNextCompaction(mnt);
    const s = await startServer({ dir: mnt, wrapStore: disk.wrapStore });
    const a = await admin(s);
    const st = await makeStation(a, 50);
    await Promise.all(Array.from({ length: 300 }, () => member(s)));
    const m = await member(s, '待删工友', '13955556666');
    const other = await member(s);
    disk.arm();
    expect((await m.del('/api/me')).status).toBe(503);
    await rm(join(mnt, 'filler'));
    expect((await other.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).status).toBe(201);
    await expect.poll(() => onDisk(mnt), { timeout: 5000 }).not.toContain('13955556666');
    await s.close();
  });
});

describe.runIf(storeKind() === 'lowdb')('lowdb on a full or read-only disk', () => {
  it('disk full: bookings fail with a clear 503, data stays valid, service recovers when space returns', async () => {
    let s: TestServer = await startServer({ dir: mnt });
    const a = await admin(s);
    const st = await makeStation(a, 500);
    const members = await Promise.all(Array.from({ length: 200 }, () => member(s)));
    await fillDisk(mnt);
    // keep booking until an append needs a block the disk no longer has
    const acknowledged: string[] = [];
    let failure: { status: number; body: { error: { code: string; message: string } } } | null = null;
    for (const m of members) {
      const r = await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' });
      if (r.status === 201) acknowledged.push(r.body.booking.id);
      else {
        failure = r;
        break;
      }
    }
    expect(failure?.status).toBe(503);
    expect(failure?.body.error.code).toBe('UNAVAILABLE');
    expect(failure?.body.error.message).toMatch(/磁盘空间已满/);
    // the refused booking is not counted anywhere
    expect((await a.get('/api/meal-stations?date=2026-11-24')).body.stations[0].remaining).toBe(500 - acknowledged.length);
    await rm(join(mnt, 'filler'));
    expect((await members.at(-1)!.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).status).toBe(201);
    s = await s.restart();
    const rows = (await (await admin(s)).get('/api/admin/bookings')).body.bookings as { id: string }[];
    expect(rows).toHaveLength(acknowledged.length + 1);
    for (const id of acknowledged) expect(rows.some((b) => b.id === id)).toBe(true);
    await s.close();
  });

  it('read-only data folder: the server still reads, bookings fail with 503, the files are unchanged', async () => {
    const first = await startServer({ dir: mnt });
    const a = await admin(first);
    const st = await makeStation(a, 50);
    const m = await member(first);
    expect((await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).status).toBe(201);
    await first.close();
    const journal = await readFile(join(mnt, 'db.json.journal'));
    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    const s = await startServer({ dir: mnt });
    const again = client(s, m.token);
    expect((await again.get('/api/bookings/mine')).body.bookings).toHaveLength(1);
    const r = await again.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-25' });
    expect(r.status).toBe(503);
    expect(r.body.error.message).toMatch(/不可写|只读/);
    expect(await readFile(join(mnt, 'db.json.journal'))).toEqual(journal);
    execFileSync('mount', ['-o', 'remount,rw', mnt]);
    expect((await again.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-25' })).status).toBe(201);
    await s.close();
  });
});
