/**
 * PostgreSQL operations (issue 9): the documented pg_dump/pg_restore commands (npm run backup /
 * restore with DATABASE_URL) round-trip a database, and `npm run migrate:lowdb-to-pg` moves a lowdb
 * store into PostgreSQL with sessions, bookings and counters intact.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnServer } from '../helpers/process.js';
import { createTestDatabase, postgresBinDir } from '../helpers/postgres.js';
import { api, loginMembers, loginStaff, shanghaiDate } from '../faults/server-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const STAFF = { STAFF_USERNAME: 'admin', STAFF_PASSWORD: 'admin-pass-2026' };
let dir: string;
const drops: (() => Promise<void>)[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-pgops-'));
});
afterAll(async () => {
  for (const d of drops) await d().catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

async function script(name: string, args: string[], env: Record<string, string>) {
  const { VITEST: _v, TEST_STORE: _t, ...inherited } = process.env;
  // pg_dump/pg_restore of the cluster's own version first on PATH
  const PATH = `${postgresBinDir()}:${process.env.PATH}`;
  try {
    const r = await run(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { cwd: ROOT, env: { ...inherited, PATH, DATABASE_URL: '', DATA_FILE: '', ...env } });
    return { code: 0, out: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

async function fresh() {
  const db = await createTestDatabase();
  drops.push(db.drop);
  return db.url;
}

/** A store with a station, members and their bookings; returns what to compare afterwards. */
async function populate(env: Record<string, string>) {
  const s = await spawnServer({ ...env, ...STAFF });
  const staff = await loginStaff(s.url);
  const st = await api(s.url, staff)('POST', '/api/admin/meal-stations', { name: '迁移站', address: '迁移路 1 号', district: '上城区', hours: '10:00-20:00', dailyQuota: 100 });
  const tokens = await loginMembers([s.url], 12, '135');
  const codes: string[] = [];
  for (const t of tokens) {
    const r = await api(s.url, t)('POST', '/api/bookings', { service: 'meal', stationId: st.body.id, date: shanghaiDate(1) });
    expect(r.status).toBe(201);
    codes.push(r.body.booking.code);
  }
  await s.kill('SIGTERM');
  return { tokens, codes, stationId: st.body.id as string };
}

/** Every member's session still works and sees their booking; a new booking gets a fresh seq and code. */
async function expectSame(env: Record<string, string>, data: Awaited<ReturnType<typeof populate>>) {
  const s = await spawnServer({ ...env, ...STAFF });
  try {
    const seen: string[] = [];
    for (const t of data.tokens) {
      const mine = await api(s.url, t)('GET', '/api/bookings/mine');
      expect(mine.status).toBe(200);
      seen.push(...mine.body.bookings.map((b: { code: string }) => b.code));
    }
    expect(seen.sort()).toEqual([...data.codes].sort());
    const again = await api(s.url, data.tokens[0])('POST', '/api/bookings', { service: 'meal', stationId: data.stationId, date: shanghaiDate(2) });
    expect(again.status).toBe(201);
    expect(data.codes).not.toContain(again.body.booking.code);
    const all = (await api(s.url, await loginStaff(s.url))('GET', `/api/admin/bookings?limit=100`)).body.bookings as { seq?: number; id: string }[];
    expect(all).toHaveLength(data.codes.length + 1);
    expect(new Set(all.map((b) => b.id)).size).toBe(all.length);
  } finally {
    await s.kill('SIGTERM');
  }
}

it('pg_dump / pg_restore (npm run backup, npm run restore with DATABASE_URL) round-trip a database', async () => {
  const source = await fresh();
  const data = await populate({ DATABASE_URL: source });
  const dump = join(dir, 'pg.dump');
  const b = await script('backup', [dump], { DATABASE_URL: source });
  expect(b.code, b.out).toBe(0);
  const target = await fresh();
  const r = await script('restore', [dump], { DATABASE_URL: target });
  expect(r.code, r.out).toBe(0);
  await expectSame({ DATABASE_URL: target }, data);
}, 120_000);

it('npm run migrate:lowdb-to-pg moves a lowdb store into an empty PostgreSQL database, and refuses a non-empty one', async () => {
  const file = join(dir, 'lowdb', 'db.json');
  const data = await populate({ DATA_FILE: file, DATABASE_URL: '' });
  const target = await fresh();
  const m = await script('migrate-lowdb-to-pg', [], { DATA_FILE: file, DATABASE_URL: target });
  expect(m.code, m.out).toBe(0);
  expect(m.out).toMatch(/bookings 12/);
  await expectSame({ DATABASE_URL: target }, data);
  const twice = await script('migrate-lowdb-to-pg', [], { DATA_FILE: file, DATABASE_URL: target });
  expect(twice.code).not.toBe(0);
  expect(twice.out).toMatch(/已有数据/);
}, 120_000);
