/**
 * Faults with real processes: PostgreSQL stopped and started under a running server (503, then
 * recovery without a server restart), and kill -9 of a server in the middle of a booking burst
 * (every booking answered 201 is there after the restart), on PostgreSQL and on lowdb.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notice } from '../../shared/schemas/index.js';
import { PostgresStore } from '../../server/store/postgres/index.js';
import { lock } from '../../server/store/locks.js';
import { StoreUnavailableError } from '../../server/store/types.js';
import { createTestDatabase, startCluster, type Cluster } from '../helpers/postgres.js';
import { api, loginMembers, loginStaff, shanghaiDate, startServerProcess, type ServerProcess } from './server-process.js';

const expectErrorFormat = (body: any, code: string) => {
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(body.error.message.length).toBeGreaterThan(0);
};

async function makeStation(base: string, dailyQuota = 10_000) {
  const r = await api(base, await loginStaff(base))('POST', '/api/admin/meal-stations', {
    name: '故障测试站', address: '测试路 5 号', district: '滨江区', hours: '00:00-23:59', dailyQuota,
  });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

describe('PostgreSQL stopped and restarted under a running server', () => {
  // A private cluster: stopping the shared one would break the suites running beside this one.
  let cluster: Cluster;
  let server: ServerProcess;
  let url: string;

  beforeAll(async () => {
    cluster = await startCluster();
    url = (await createTestDatabase(cluster.url)).url;
    server = await startServerProcess({ databaseUrl: url });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await cluster?.destroy();
  });

  it('answers 503 in the error format while the database is down, then recovers by itself', { timeout: 60_000 }, async () => {
    const stationId = await makeStation(server.url);
    const [t1, t2, t3] = await loginMembers([server.url], 3, '133');
    const book = (t: string) => api(server.url, t)('POST', '/api/bookings', { service: 'meal', stationId, date: shanghaiDate(1) });
    expect((await book(t1)).status).toBe(201);

    await cluster.stop();
    const down = await book(t2);
    expect(down.status).toBe(503);
    expectErrorFormat(down.body, 'UNAVAILABLE');
    const read = await api(server.url)('GET', `/api/meal-stations?date=${shanghaiDate(1)}`);
    expect(read.status).toBe(503);
    expectErrorFormat(read.body, 'UNAVAILABLE');
    const mine = await api(server.url, t1)('GET', '/api/bookings/mine');
    expect(mine.status).toBe(503);
    expect(server.child.exitCode).toBeNull();

    await cluster.start();
    let after = await book(t2);
    for (let i = 0; i < 50 && after.status === 503; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await book(t2);
    }
    expect(after.status).toBe(201);
    expect((await book(t3)).status).toBe(201);
    const mineAgain = await api(server.url, t1)('GET', '/api/bookings/mine');
    expect(mineAgain.status).toBe(200);
    expect(mineAgain.body.bookings).toHaveLength(1);
    expect(server.child.exitCode).toBeNull();
  });

  it('the store throws StoreUnavailableError while PostgreSQL is down and serves again after', { timeout: 60_000 }, async () => {
    const store = await PostgresStore.open({ url });
    try {
      await store.atomic([lock.kv('x')], async (tx) => tx.put('kv', { id: 'before', value: 1 }));
      await cluster.stop();
      await expect(store.atomic([lock.kv('x')], async (tx) => tx.put('kv', { id: 'during', value: 2 }))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.read((tx) => tx.get('kv', 'before'))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.stats()).rejects.toBeInstanceOf(StoreUnavailableError);
      await cluster.start();
      let value: unknown;
      for (let i = 0; i < 50 && value === undefined; i++) {
        value = await store.read((tx) => tx.get('kv', 'before')).catch(() => undefined);
        if (value === undefined) await new Promise((r) => setTimeout(r, 200));
      }
      expect(value).toEqual({ id: 'before', value: 1 });
      await store.atomic([lock.kv('x')], async (tx) => tx.put('kv', { id: 'after', value: 3 }));
      expect(await store.read((tx) => tx.get('kv', 'during'))).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('notices still reach every store after the LISTEN connections were cut', { timeout: 60_000 }, async () => {
    const a = await PostgresStore.open({ url });
    const b = await PostgresStore.open({ url });
    try {
      const got: string[][] = [[], []];
      a.onNotice((n) => got[0].push(n.id));
      b.onNotice((n) => got[1].push(n.id));
      await cluster.stop();
      await cluster.start();
      const notice = (id: string, seq: number): Notice => ({ id, seq, title: '恢复', body: '数据库已恢复', link: null, authorId: null, authorName: null, createdAt: new Date().toISOString() });
      let published = false;
      for (let i = 0; i < 50 && !published; i++) {
        try {
          await a.atomic([lock.notices()], async (tx) => tx.put('notices', notice('nt_after_restart', await tx.nextSeq('notice'))));
          published = true;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      expect(published).toBe(true);
      for (let i = 0; i < 100 && got.some((g) => g.length === 0); i++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 300));
      expect(got).toEqual([['nt_after_restart'], ['nt_after_restart']]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe.each(['postgres', 'lowdb'] as const)('kill -9 during a booking burst (%s)', (kind) => {
  let dir: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongyou-kill-'));
    if (kind === 'postgres') db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every booking answered 201 is present after the restart', { timeout: 120_000 }, async () => {
    const where = kind === 'postgres' ? { databaseUrl: db!.url } : { dataFile: join(dir, 'db.json') };
    const first = await startServerProcess(where);
    const stationId = await makeStation(first.url);
    const tokens = await loginMembers([first.url], 240, '132');
    const acknowledged: string[] = [];
    let answered = 0;
    let killed: Promise<void> | null = null;
    const burst = tokens.map((t, i) =>
      (async () => {
        await new Promise((r) => setTimeout(r, i)); // a steady stream rather than one wave
        try {
          const r = await api(first.url, t)('POST', '/api/bookings', { service: 'meal', stationId, date: shanghaiDate(1) });
          answered += 1;
          if (r.status === 201) acknowledged.push(r.body.booking.id);
          if (answered === 60) killed = first.kill9();
        } catch {
          /* connection cut by the kill: not acknowledged, may or may not exist */
        }
      })(),
    );
    await Promise.all(burst);
    await (killed ?? first.kill9());
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    expect(acknowledged.length).toBeLessThan(tokens.length); // the kill really cut the burst

    const second = await startServerProcess(where);
    try {
      const r = await api(second.url, await loginStaff(second.url))('GET', `/api/admin/bookings?service=meal&date=${shanghaiDate(1)}`);
      expect(r.status).toBe(200);
      const present = new Set((r.body.bookings as { id: string; status: string }[]).filter((b) => b.status === 'confirmed').map((b) => b.id));
      const missing = acknowledged.filter((id) => !present.has(id));
      expect(missing).toEqual([]);
      // and the restarted server takes new bookings
      const [late] = await loginMembers([second.url], 1, '131');
      expect((await api(second.url, late)('POST', '/api/bookings', { service: 'meal', stationId, date: shanghaiDate(1) })).status).toBe(201);
    } finally {
      await second.stop();
    }
  });
});
