import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, admin, client, makeStation, member, staffWithRole, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
});
afterEach(() => s.close({ drop: true }));

describe('auth and roles', () => {
  it('dev login: same phone → same member; each login a new token, all valid', async () => {
    const c = client(s);
    const r1 = await c.post('/api/auth/dev-login', { name: '王师傅', phone: '13800000001' });
    const r2 = await c.post('/api/auth/dev-login', { name: '王师傅', phone: '13800000001' });
    expect(r1.body.user.id).toBe(r2.body.user.id);
    expect(r1.body.token).not.toBe(r2.body.token);
    expect((await client(s, r1.body.token).get('/api/me')).body).toMatchObject({ name: '王师傅', phone: '13800000001', role: 'member' });
    expect((await client(s, r2.body.token).get('/api/me')).status).toBe(200);
    const bad = await c.post('/api/auth/dev-login', { name: '王师傅', phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('phone');
  });

  it('staff login with scrypt-hashed password; wrong password is 401', async () => {
    expect((await client(s).post('/api/auth/staff', ADMIN)).body.user.role).toBe('admin');
    const wrong = await client(s).post('/api/auth/staff', { username: ADMIN.username, password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('UNAUTHORIZED');
    const stored = await s.store.read(async (tx) => (await tx.list('users', { username: ADMIN.username }))[0]);
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(await client(s, (await client(s).post('/api/auth/staff', ADMIN)).body.token).get('/api/me'))).not.toMatch(/scrypt/);
  });

  it('role boundaries: anonymous 401, member 403 on staff routes, staff 403 on admin-only', async () => {
    const m = await member(s);
    const staff = await staffWithRole(s, 'staff');
    const station = { name: '站', address: '路', district: '区', hours: '10:00-20:00', dailyQuota: 1 };
    expect((await client(s).post('/api/admin/meal-stations', station)).status).toBe(401);
    expect((await client(s).post('/api/bookings', {})).status).toBe(401);
    expect((await client(s, 'garbage-token').get('/api/me')).status).toBe(401);
    const forbidden = await m.post('/api/admin/meal-stations', station);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await m.get('/api/admin/bookings')).status).toBe(403);
    expect((await m.post('/api/checkins', { code: '12345678' })).status).toBe(403);
    expect((await m.post('/api/notices', { title: 't', body: 'b' })).status).toBe(403);
    expect((await m.get('/api/qrcode?page=pages/meals/index')).status).toBe(403);
    expect((await staff.post('/api/admin/meal-stations', station)).status).toBe(201);
    expect((await staff.post('/api/admin/users', { username: 'x1', password: 'password-1', role: 'staff' })).status).toBe(403);
    // staff sessions cannot book as members
    const st = await makeStation(await admin(s), 2);
    expect((await staff.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).status).toBe(403);
  });

  it('logout ends that session only', async () => {
    const c = client(s);
    const t1 = (await c.post('/api/auth/dev-login', { name: '李', phone: '13800000002' })).body.token;
    const t2 = (await c.post('/api/auth/dev-login', { name: '李', phone: '13800000002' })).body.token;
    expect((await client(s, t1).post('/api/auth/logout')).status).toBe(204);
    expect((await client(s, t1).get('/api/me')).status).toBe(401);
    expect((await client(s, t2).get('/api/me')).status).toBe(200);
  });

  it('PATCH /api/me updates the profile and validates it', async () => {
    const m = await member(s);
    expect((await m.patch('/api/me', { name: '新名字' })).body.name).toBe('新名字');
    const bad = await m.patch('/api/me', { phone: 'abc' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('phone');
  });

  it('DELETE /api/me erases name and phone, cancels upcoming bookings and ends every session', async () => {
    const a = await admin(s);
    const st = await makeStation(a, 1);
    const c = client(s);
    const t1 = (await c.post('/api/auth/dev-login', { name: '赵', phone: '13800000003' })).body.token;
    const t2 = (await c.post('/api/auth/dev-login', { name: '赵', phone: '13800000003' })).body.token;
    const m = client(s, t1);
    const b = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).body.booking;
    expect((await m.del('/api/me')).status).toBe(204);
    expect((await client(s, t1).get('/api/me')).status).toBe(401);
    expect((await client(s, t2).get('/api/me')).status).toBe(401);
    const rows = (await a.get('/api/admin/bookings')).body.bookings;
    expect(rows.find((r: { id: string }) => r.id === b.id).status).toBe('cancelled');
    expect(JSON.stringify(rows)).not.toMatch(/13800000003|赵/);
    expect((await a.get('/api/meal-stations?date=2026-11-24')).body.stations[0].remaining).toBe(1);
  });

  it('dev login can be switched off', async () => {
    const prod = await startServer({ config: { DEV_LOGIN: false } });
    const r = await client(prod).post('/api/auth/dev-login', { name: '张', phone: '13800000004' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect((await client(prod).get('/api/auth/config')).body).toEqual({ devLogin: false, wechat: false });
    await prod.close({ drop: true });
  });

  it('RATE_LIMIT applies per client to login and ask routes', async () => {
    const limited = await startServer({ config: { RATE_LIMIT: 3 } });
    const c = client(limited);
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await c.post('/api/auth/dev-login', { name: '张', phone: '13800000005' })).status);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const r = await c.post('/api/auth/staff', ADMIN);
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('RATE_LIMITED');
    await limited.close({ drop: true });
  });
});

describe('rate limits and proxies', () => {
  it('a client cannot escape RATE_LIMIT by claiming another address in X-Forwarded-For', async () => {
    const limited = await startServer({ config: { RATE_LIMIT: 2 } });
    const codes = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await client(limited).post('/api/ask', { question: '加班费怎么算' }, { 'X-Forwarded-For': `10.0.0.${i}` })).status);
    }
    expect(codes).toEqual([200, 200, 429, 429]);
    await limited.close({ drop: true });
  });
});

describe('behind a trusted proxy', () => {
  it('TRUST_PROXY lets the proxy name the client, so each client gets its own limit', async () => {
    const proxied = await startServer({ config: { RATE_LIMIT: 1, TRUST_PROXY: '127.0.0.1' } });
    const ask = (ip: string) => client(proxied).post('/api/ask', { question: '加班费怎么算' }, { 'X-Forwarded-For': ip });
    expect([(await ask('10.0.0.1')).status, (await ask('10.0.0.2')).status, (await ask('10.0.0.1')).status]).toEqual([200, 200, 429]);
    await proxied.close({ drop: true });
  });
});
