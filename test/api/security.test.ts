/**
 * Issue 9 (safe to put on the internet): one test per finding, each named by what it guards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { NAME_MAX } from '../../shared/domain.js';
import { spawnServer } from '../helpers/process.js';
import { admin, client, exportData, makeSlot, makeStation, member, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(() => s.close({ drop: true }));

describe('dev login', () => {
  it('is off unless DEV_LOGIN=1: `npm run server` in development refuses it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongyou-devlogin-'));
    const srv = await spawnServer({ DATA_FILE: join(dir, 'db.json'), NODE_ENV: 'development', DEV_LOGIN: '' });
    try {
      const r = await client(srv.url).post('/api/auth/dev-login', { name: '张', phone: '13800000004' });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
      expect((await client(srv.url).get('/api/auth/config')).body.devLogin).toBe(false);
    } finally {
      await srv.kill();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('staff usernames', () => {
  it('every name that becomes users.name fits the store: a staff account made via the API survives a restart', async () => {
    const a = await admin(s);
    const tooLong = await a.post('/api/admin/users', { username: 'a'.repeat(NAME_MAX + 1), password: 'password-1234', role: 'staff' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.field).toBe('username');
    const longest = 'b'.repeat(NAME_MAX);
    expect((await a.post('/api/admin/users', { username: longest, password: 'password-1234', role: 'staff' })).status).toBe(201);
    s = await s.restart();
    const login = await client(s).post('/api/auth/staff', { username: longest, password: 'password-1234' });
    expect(login.status).toBe(200);
    expect(login.body.user.name).toBe(longest);
  });

  it('STAFF_USERNAME and STAFF_PASSWORD are held to the same limits at start', () => {
    expect(() => loadConfig({ STAFF_USERNAME: 'a'.repeat(NAME_MAX + 1), STAFF_PASSWORD: 'long-enough-password' })).toThrow(/STAFF_USERNAME/);
    expect(() => loadConfig({ STAFF_USERNAME: 'admin', STAFF_PASSWORD: 'long-enough-password' })).not.toThrow();
    expect(loadConfig({ STAFF_USERNAME: '', STAFF_PASSWORD: '' }).STAFF_USERNAME).toBeUndefined();
  });
});

describe('Idempotency-Key', () => {
  it('reused with a different body answers 422 IDEMPOTENCY_MISMATCH and changes nothing', async () => {
    const a = await admin(s);
    const st = await makeStation(a, 5);
    const slot = await makeSlot(a);
    const m = await member(s);
    const meal = { service: 'meal', stationId: st.id, date: '2026-11-24' };
    const first = await m.post('/api/bookings', meal, { 'Idempotency-Key': 'k-1' });
    expect(first.status).toBe(201);
    const before = await exportData(s);
    const legal = { service: 'legal', slotId: slot.id, category: '工资报酬', description: '拖欠工资', phone: '13800001234' };
    const other = await m.post('/api/bookings', legal, { 'Idempotency-Key': 'k-1' });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await exportData(s)).toBe(before);
    // the same request again (keys in another order) is still the replay
    const replay = await m.post('/api/bookings', { date: meal.date, stationId: st.id, service: 'meal' }, { 'Idempotency-Key': 'k-1' });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    // another caller's key of the same name is their own
    expect((await (await member(s)).post('/api/bookings', meal, { 'Idempotency-Key': 'k-1' })).status).toBe(201);
  });

  it('a check-in key reused for another code answers 422, not the first booking', async () => {
    const a = await admin(s);
    const st = await makeStation(a, 5);
    const codeA = (await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).body.booking.code;
    const codeB = (await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).body.booking.code;
    expect((await a.post('/api/checkins', { code: codeA }, { 'Idempotency-Key': 'scan-1' })).status).toBe(200);
    const before = await exportData(s);
    const b = await a.post('/api/checkins', { code: codeB }, { 'Idempotency-Key': 'scan-1' });
    expect(b.status).toBe(422);
    expect(b.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    expect(await exportData(s)).toBe(before);
  });
});
