import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
