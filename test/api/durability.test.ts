import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, businessDate } from '../../shared/calendar/index.js';
import { admin, client, member, makeStation, startServer, storeKind } from '../helpers/server.js';
import { runUntilExit, spawnServer } from '../helpers/process.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-durable-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.runIf(storeKind() === 'lowdb')('lowdb durability', () => {
  it('restart keeps every booking, member and session token', async () => {
    let s = await startServer({ dir: await mkdtemp(join(dir, 'r-')) });
    const a = await admin(s);
    const st = await makeStation(a, 5);
    const m = await member(s, '钱师傅', '13700000001');
    const b = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).body.booking;
    s = await s.restart();
    const again = client(s, m.token);
    expect((await again.get('/api/me')).body.name).toBe('钱师傅');
    expect((await again.get('/api/bookings/mine')).body.bookings[0]).toMatchObject({ id: b.id, code: b.code, status: 'confirmed' });
    expect((await again.get('/api/meal-stations?date=2026-11-24')).body.stations[0].remaining).toBe(4);
    // compaction rewrites the snapshot through lowdb and still keeps everything
    await (s.store as unknown as { compact(): Promise<void> }).compact();
    s = await s.restart();
    expect((await client(s, m.token).get('/api/bookings/mine')).body.bookings).toHaveLength(1);
    await s.close({ drop: true });
  });

  it.each([
    ['not JSON', '{"format":"gongyou-yizhan/1", "users": ['],
    ['wrong format', '{"hello":"world"}'],
    ['invalid record', JSON.stringify({ format: 'gongyou-yizhan/1', journalSeq: 0, stations: [{ id: 'st_1', name: '' }] })],
  ])('a corrupt data file (%s) stops the server with a clear message and stays byte-identical', async (_label, text) => {
    const file = join(dir, `corrupt-${sha(Buffer.from(text)).slice(0, 8)}.json`);
    await writeFile(file, text);
    const before = sha(await readFile(file));
    const r = await runUntilExit({ DATA_FILE: file });
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/无法启动/);
    expect(r.output).toContain(file);
    expect(sha(await readFile(file))).toBe(before);
  });

  it('a corrupt journal line in the middle stops the server and is left as it was', async () => {
    const file = join(dir, 'journal-corrupt.json');
    const good = JSON.stringify({ seq: 1, puts: [], dels: [], counters: {} });
    await writeFile(`${file}.journal`, `${good}\n{broken\n${good.replace('"seq":1', '"seq":2')}\n`);
    const before = sha(await readFile(`${file}.journal`));
    const r = await runUntilExit({ DATA_FILE: file });
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/第 2 行损坏/);
    expect(sha(await readFile(`${file}.journal`))).toBe(before);
  });

  it('kill -9 during a burst: every booking answered 201 is there after restart', async () => {
    const file = join(dir, 'kill9.json');
    const env = { DATA_FILE: file, STAFF_USERNAME: 'admin', STAFF_PASSWORD: 'admin-pass-2026' };
    let srv = await spawnServer(env);
    const a = client(srv.url, (await client(srv.url).post('/api/auth/staff', { username: 'admin', password: 'admin-pass-2026' })).body.token);
    const stations: string[] = [];
    for (let i = 0; i < 4; i++) stations.push((await a.post('/api/admin/meal-stations', { name: `站${i}`, address: '路', district: '区', hours: '00:00-23:59', dailyQuota: 10_000 })).body.id);
    const members: ReturnType<typeof client>[] = [];
    for (let i = 0; i < 120; i++) {
      const r = await client(srv.url).post('/api/auth/dev-login', { name: `工友${i}`, phone: `1360000${String(i).padStart(4, '0')}` });
      members.push(client(srv.url, r.body.token));
    }
    const today = businessDate(new Date());
    const acknowledged: string[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let n = 0; !stop && n < 4; n++) {
        const m = members[w]!;
        try {
          const r = await m.post('/api/bookings', { service: 'meal', stationId: stations[n]!, date: addDays(today, 1 + (n % 3)) });
          if (r.status === 201) acknowledged.push(r.body.booking.id);
        } catch {
          return; // connection cut by the kill
        }
      }
    };
    const burst = Promise.all(members.map((_, w) => worker(w)));
    await new Promise((r) => setTimeout(r, 150));
    srv.proc.kill('SIGKILL');
    stop = true;
    await burst;
    await srv.exited;
    expect(acknowledged.length).toBeGreaterThan(0);
    srv = await spawnServer(env);
    const a2 = client(srv.url, (await client(srv.url).post('/api/auth/staff', { username: 'admin', password: 'admin-pass-2026' })).body.token);
    const ids = new Set(((await a2.get('/api/admin/bookings')).body.bookings as { id: string }[]).map((b) => b.id));
    const missing = acknowledged.filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    await srv.kill();
  });
});
