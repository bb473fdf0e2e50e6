/**
 * Backups that restore (issue 9): `npm run backup` under booking load with compactions in flight,
 * `npm run restore` refusing a running server, then a restore drill into a fresh folder where every
 * booking acknowledged before the backup began is present.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LowdbStore } from '../../server/store/lowdb/index.js';
import { spawnServer } from '../helpers/process.js';
import { storeKind } from '../helpers/server.js';
import { api, loginMembers, loginStaff, shanghaiDate } from '../faults/server-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-backup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs an operator script the way `npm run` does; resolves to its exit code and output. */
async function script(name: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const { VITEST: _v, TEST_STORE: _t, ...inherited } = process.env;
  try {
    const r = await run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { cwd: ROOT, env: { ...inherited, DATABASE_URL: '', ...env } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

async function bookingIds(file: string): Promise<Set<string>> {
  const store = await LowdbStore.open({ file });
  try {
    return new Set((await store.read((tx) => tx.findBookings({}))).map((b) => b.id));
  } finally {
    await store.close();
  }
}

describe.runIf(storeKind() === 'lowdb')('lowdb backup and restore', () => {
  it('restore drill: backups under load (compactions in flight) hold every booking acknowledged before they began', async () => {
    const file = join(dir, 'live', 'db.json');
    // compact whenever the journal passes half the snapshot: many compactions during the load
    const srv = await spawnServer({ DATA_FILE: file, LOWDB_COMPACT_AFTER: '1', STAFF_USERNAME: 'admin', STAFF_PASSWORD: 'admin-pass-2026' });
    const base = srv.url;
    const staff = await loginStaff(base);
    const station = await api(base, staff)('POST', '/api/admin/meal-stations', { name: '备份演练站', address: '演练路 1 号', district: '上城区', hours: '00:00-23:59', dailyQuota: 1000 });
    expect(station.status).toBe(201);
    const tokens = await loginMembers([base], 240, '136');
    const acked: { id: string; at: number }[] = [];
    // every member books today, tomorrow and the day after: bookings keep coming during all backups
    const jobs = [0, 1, 2].flatMap((d) => tokens.map((t) => [t, shanghaiDate(d)] as const));
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const [token, date] = jobs[next++]!;
        const r = await api(base, token)('POST', '/api/bookings', { service: 'meal', stationId: station.body.id, date });
        if (r.status === 201) acked.push({ id: r.body.booking.id, at: Date.now() });
      }
    };
    const load = Promise.all(Array.from({ length: 4 }, worker));
    const backups: { out: string; startedAt: number }[] = [];
    for (let i = 0; i < 3; i++) {
      while (acked.length < 30 * (i + 1)) await new Promise((r) => setTimeout(r, 20));
      const out = join(dir, `backup-${i}.json`);
      const startedAt = Date.now();
      const r = await script('backup', [out], { DATA_FILE: file });
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(/已备份到/);
      backups.push({ out, startedAt });
    }
    // restore refuses while the server has the store open, and changes nothing
    const refused = await script('restore', [backups[0]!.out], { DATA_FILE: file });
    expect(refused.code).not.toBe(0);
    expect(refused.out).toMatch(/正在使用.*请先停止服务器/);
    await load;
    await srv.kill('SIGTERM');
    expect(acked.length).toBe(jobs.length);
    expect((await bookingIds(file)).size).toBe(jobs.length); // the refused restore touched nothing

    let sawMidLoad = false;
    for (const [i, b] of backups.entries()) {
      const fresh = join(dir, `fresh-${i}`, 'db.json');
      const r = await script('restore', [b.out], { DATA_FILE: fresh });
      expect(r.code, r.out).toBe(0);
      const restored = await bookingIds(fresh);
      const before = acked.filter((a) => a.at < b.startedAt);
      for (const a of before) expect(restored.has(a.id), `booking ${a.id} acknowledged before backup ${i}`).toBe(true);
      if (before.length > 0 && restored.size < jobs.length) sawMidLoad = true;
      // the restored folder serves
      const s = await spawnServer({ DATA_FILE: fresh, STAFF_USERNAME: 'admin', STAFF_PASSWORD: 'admin-pass-2026' });
      expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
      const list = await api(s.url, await loginStaff(s.url))('GET', '/api/admin/bookings?limit=1');
      expect(list.status).toBe(200);
      await s.kill('SIGTERM');
    }
    expect(sawMidLoad, 'at least one backup was taken while bookings were still arriving').toBe(true);
  }, 120_000);

  it('restore refuses a corrupt backup and leaves the store as it was', async () => {
    const file = join(dir, 'keep', 'db.json');
    const s = await spawnServer({ DATA_FILE: file });
    await s.kill('SIGTERM');
    const bad = join(dir, 'bad.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(bad, '{"format":"gongyou-yizhan/1","users":[{"id":""}]}'));
    const r = await script('restore', [bad], { DATA_FILE: file });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/恢复失败/);
    expect((await bookingIds(file)).size).toBe(0);
  });
});
