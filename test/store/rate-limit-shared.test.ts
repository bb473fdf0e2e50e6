/**
 * Rate limits hold across processes on one PostgreSQL database (issue 9): a guesser who spreads staff
 * logins over two servers behind a load balancer, each from a new address, meets one budget, not two.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/postgres.js';
import { client, startServer, type TestServer } from '../helpers/server.js';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let servers: TestServer[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const config = { RATE_LIMIT: 3, TRUST_PROXY: '127.0.0.1' };
  servers = [await startServer({ databaseUrl: db.url, config }), await startServer({ databaseUrl: db.url, config })];
});

afterAll(async () => {
  for (const s of servers) await s.close();
  await db.drop();
});

it('staff login guesses spread over two servers share one per-username budget', async () => {
  const codes: number[] = [];
  for (let i = 0; i < 6; i++) {
    const s = servers[i % 2]!;
    codes.push((await client(s).post('/api/auth/staff', { username: 'admin', password: `guess-${i}` }, { 'X-Forwarded-For': `10.0.2.${i}` })).status);
  }
  expect(codes).toEqual([401, 401, 401, 429, 429, 429]);
});

it('the counts keep no phone number or username in the database, only hashes', async () => {
  await client(servers[0]!).post('/api/auth/dev-login', { name: '王师傅', phone: '13800138000' });
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const rows = (await c.query('SELECT key FROM rate_limits')).rows.map((r) => r.key as string);
  await c.end();
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.join('\n')).not.toMatch(/13800138000|admin|10\.0\.2/);
});
