/**
 * Issue 9 (safe to put on the internet): one test per finding, each named by what it guards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
