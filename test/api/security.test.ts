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
import { admin, client, exportData, member, startServer, type TestServer } from '../helpers/server.js';

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
