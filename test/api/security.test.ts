/**
 * Issue 9 (safe to put on the internet): one test per finding, each named by what it guards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { lock } from '../../server/store/locks.js';
import { BOT_TOKEN_MIN, LOGIN_BACKOFF, NAME_MAX, OPTINS_UNUSED_MAX } from '../../shared/domain.js';
import { spawnServer } from '../helpers/process.js';
import { ADMIN, TEST_SCRYPT_N, admin, client, exportData, makeSlot, makeStation, member, staffWithRole, startServer, type TestServer } from '../helpers/server.js';

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

describe('bounded records per member', () => {
  it('refused bookings under fresh Idempotency-Keys store nothing', async () => {
    const a = await admin(s);
    const st = await makeStation(a, 1);
    const m = await member(s);
    const meal = { service: 'meal', stationId: st.id, date: '2026-11-24' };
    expect((await m.post('/api/bookings', meal)).status).toBe(201);
    const before = await exportData(s);
    for (let i = 0; i < 300; i++) {
      const r = await m.post('/api/bookings', meal, { 'Idempotency-Key': `fresh-${i}` });
      expect(r.body.error.code).toBe('DUPLICATE');
    }
    expect(await exportData(s)).toBe(before);
  });

  it('subscribe-message opt-ins are bounded per member and template', async () => {
    const t = await startServer({ config: { WX_TEMPLATE_REMINDER: 'tpl-r' } });
    try {
      const m = await member(t);
      for (let i = 0; i < 3 * OPTINS_UNUSED_MAX; i++) {
        expect((await m.post('/api/subscriptions', { templateIds: ['tpl-r', 'tpl-r'], kind: 'reminder' })).status).toBe(201);
      }
      const stored = await t.store.read((tx) => tx.list('subscriptions', { userId: m.id }));
      expect(stored).toHaveLength(OPTINS_UNUSED_MAX);
    } finally {
      await t.close({ drop: true });
    }
  });
});

describe('rate limits on write routes', () => {
  it('limit each caller per route, and each address, with RATE_LIMIT', async () => {
    const t = await startServer({ config: { RATE_LIMIT: 3 } });
    try {
      const a = await admin(t);
      const st = await makeStation(a, 50);
      const m = await member(t);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).status);
      expect(codes).toEqual([201, 409, 409, 429, 429]);
      const limited = await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-25' });
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // the budget is per route: the same member may still edit their profile
      expect((await m.patch('/api/me', { name: '新名字' })).status).toBe(200);
      // and per caller: another member at the same address books
      expect((await (await member(t)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).status).toBe(201);
    } finally {
      await t.close({ drop: true });
    }
  });

  it('staff login is limited per username as well as per address', async () => {
    const t = await startServer({ config: { RATE_LIMIT: 3, TRUST_PROXY: '127.0.0.1' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        // each guess from a new address: only the username ties them together
        codes.push((await client(t).post('/api/auth/staff', { username: 'admin', password: `guess-${i}` }, { 'X-Forwarded-For': `10.0.1.${i}` })).status);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await t.close({ drop: true });
    }
  });
});

describe('staff access can be revoked', () => {
  const BOT = 'bot-token-for-security-tests-0123456789';
  const notice = (onBehalfOf: string) => ({ title: '通知', body: '明天照常开放', onBehalfOf });

  it('a password change ends all sessions of that account', async () => {
    const a = await admin(s);
    const created = await a.post('/api/admin/users', { username: 'clerk', password: 'password-1234', role: 'staff' });
    const t1 = (await client(s).post('/api/auth/staff', { username: 'clerk', password: 'password-1234' })).body.token;
    expect((await client(s, t1).get('/api/me')).status).toBe(200);
    expect((await a.patch(`/api/admin/users/${created.body.user.id}`, { password: 'new-password-5678' })).status).toBe(200);
    expect((await client(s, t1).get('/api/me')).status).toBe(401);
    expect((await client(s).post('/api/auth/staff', { username: 'clerk', password: 'password-1234' })).status).toBe(401);
    const t2 = (await client(s).post('/api/auth/staff', { username: 'clerk', password: 'new-password-5678' })).body.token;
    // re-creating the account with another password (POST) ends sessions too
    expect((await a.post('/api/admin/users', { username: 'clerk', password: 'third-password-90', role: 'staff' })).status).toBe(201);
    expect((await client(s, t2).get('/api/me')).status).toBe(401);
  });

  it('a disabled staff account loses its sessions, its login and the bot on-behalf-of path', async () => {
    const t = await startServer({ config: { BOT_TOKEN: BOT } });
    try {
      const a = await admin(t);
      const id = (await a.post('/api/admin/users', { username: 'clerk', password: 'password-1234', role: 'staff' })).body.user.id;
      const tok = (await client(t).post('/api/auth/staff', { username: 'clerk', password: 'password-1234' })).body.token;
      expect((await client(t, BOT).post('/api/notices', notice('clerk'))).status).toBe(201);
      const off = await a.patch(`/api/admin/users/${id}`, { disabled: true });
      expect(off.status).toBe(200);
      expect(off.body.user.disabled).toBe(true);
      expect((await client(t, tok).get('/api/me')).status).toBe(401);
      expect((await client(t).post('/api/auth/staff', { username: 'clerk', password: 'password-1234' })).status).toBe(401);
      const viaBot = await client(t, BOT).post('/api/notices', notice('clerk'));
      expect(viaBot.status).toBe(403);
      expect((await a.get('/api/admin/users')).body.users.find((u: { id: string }) => u.id === id).disabled).toBe(true);
      // switched on again, it logs in
      expect((await a.patch(`/api/admin/users/${id}`, { disabled: false })).status).toBe(200);
      expect((await client(t).post('/api/auth/staff', { username: 'clerk', password: 'password-1234' })).status).toBe(200);
    } finally {
      await t.close({ drop: true });
    }
  });

  it('an erased staff account cannot publish through the bot', async () => {
    const t = await startServer({ config: { BOT_TOKEN: BOT } });
    try {
      const a = await admin(t);
      await a.post('/api/admin/users', { username: 'clerk', password: 'password-1234', role: 'staff' });
      const clerk = client(t, (await client(t).post('/api/auth/staff', { username: 'clerk', password: 'password-1234' })).body.token);
      expect((await clerk.del('/api/me')).status).toBe(204);
      expect((await client(t, BOT).post('/api/notices', notice('clerk'))).status).toBe(403);
    } finally {
      await t.close({ drop: true });
    }
  });

  it('the last active admin cannot be disabled, demoted or erased', async () => {
    const a = await admin(s);
    const me = (await a.get('/api/me')).body;
    for (const patch of [{ disabled: true }, { role: 'staff' }]) {
      const r = await a.patch(`/api/admin/users/${me.id}`, patch);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect((await a.del('/api/me')).status).toBe(403);
    expect((await a.get('/api/me')).status).toBe(200);
    // with a second admin, the first may go
    await a.post('/api/admin/users', { username: 'admin2', password: 'password-1234', role: 'admin' });
    expect((await a.patch(`/api/admin/users/${me.id}`, { disabled: true })).status).toBe(200);
  });
});

describe('staff login', () => {
  const login = (t: TestServer, password: string, username = 'admin') => client(t).post('/api/auth/staff', { username, password });

  it('backs off per username after repeated failures, whatever the address', async () => {
    for (let i = 0; i < LOGIN_BACKOFF.freeFailures + 1; i++) expect((await login(s, `wrong-${i}`)).status).toBe(401);
    const blocked = await login(s, ADMIN.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('RATE_LIMITED');
    // another username is not held up
    expect((await login(s, 'wrong', 'someone-else')).status).toBe(401);
    s.clock.advance(2_000);
    expect((await login(s, ADMIN.password)).status).toBe(200);
  });

  it('an unknown username costs a scrypt like a wrong password (timing does not tell)', async () => {
    const time = async (username: string) => {
      const t0 = performance.now();
      expect((await login(s, 'wrong-password', username)).status).toBe(401);
      return performance.now() - t0;
    };
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time('admin'));
      unknown.push(await time(`nobody-${i}`));
    }
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('hashes with scrypt N=2^17 by default and rehashes an older hash at login', async () => {
    expect(loadConfig({}).SCRYPT_N).toBe(2 ** 17);
    const hashOf = async () => (await s.store.read((tx) => tx.list('users', { username: 'admin' })))[0]!.passwordHash!;
    expect((await hashOf()).split('$')[1]).toBe(String(TEST_SCRYPT_N));
    // as after a restart with a higher cost
    s.app.ctx.config.SCRYPT_N = TEST_SCRYPT_N * 2;
    expect((await login(s, ADMIN.password)).status).toBe(200);
    expect((await hashOf()).split('$')[1]).toBe(String(TEST_SCRYPT_N * 2));
    expect((await login(s, ADMIN.password)).status).toBe(200);
  });

  it('the config refuses short secrets', () => {
    expect(() => loadConfig({ STAFF_USERNAME: 'admin', STAFF_PASSWORD: '1' })).toThrow(/STAFF_PASSWORD/);
    expect(() => loadConfig({ BOT_TOKEN: 'x' })).toThrow(/BOT_TOKEN/);
    expect(() => loadConfig({ BOT_TOKEN: 'x'.repeat(BOT_TOKEN_MIN) })).not.toThrow();
  });
});

describe('input: text, dates, hours, phones', () => {
  const station = { name: '站', address: '路 1 号', district: '区', hours: '10:00-20:00', dailyQuota: 5 };
  const bad: [string, string][] = [
    ['NUL', 'a\u0000b'],
    ['a control character', 'a\u0007b'],
    ['a lone surrogate', 'a\ud800b'],
    ['a bidi override', 'abc\u202edcba'],
    ['a bidi isolate', 'a\u2066b'],
    ['only zero-width characters', '\u200b\u200c\u200d\ufeff'],
    ['only ideographic spaces', '\u3000\u3000'],
  ];

  it.each(bad)('every free-text field refuses %s', async (_label, text) => {
    const a = await admin(s);
    const m = await member(s);
    const slot = await makeSlot(a);
    const before = await exportData(s);
    const attempts = [
      a.post('/api/admin/meal-stations', { ...station, name: text }),
      a.post('/api/admin/meal-stations', { ...station, notes: text }),
      a.post('/api/notices', { title: '通知', body: text }),
      a.post('/api/admin/legal-slots', { startsAt: '2026-11-25T10:00:00+08:00', endsAt: '2026-11-25T10:45:00+08:00', mode: 'onsite', lawyer: text }),
      m.post('/api/bookings', { service: 'legal', slotId: slot.id, category: '工资报酬', description: text, phone: '13800001234' }),
      m.patch('/api/me', { name: text }),
      client(s).post('/api/ask', { question: text }),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status, r.text).toBe(400);
      expect(r.body.error.code).toBe('BAD_REQUEST');
    }
    expect(await exportData(s)).toBe(before);
  });

  it('multi-line fields keep their line breaks', async () => {
    const a = await admin(s);
    expect((await a.post('/api/notices', { title: '通知', body: '第一行\n第二行' })).status).toBe(201);
  });

  it('dates are strict (2026-02-30 refused, not rolled) and hours run 00:00–23:59', async () => {
    const a = await admin(s);
    for (const q of ['from=2026-02-30', 'to=2026-02-30T10:00', 'from=2026-11-26T25:00']) {
      const r = await client(s).get(`/api/legal/slots?${q}`);
      expect(r.status, q).toBe(400);
    }
    for (const hours of ['10:00-24:59', '10:00-24:00', '25:00-26:00']) {
      const r = await a.post('/api/admin/meal-stations', { ...station, hours });
      expect(r.status, hours).toBe(400);
      expect(r.body.error.field).toBe('hours');
    }
    expect((await a.post('/api/admin/meal-stations', { ...station, hours: '00:00-23:59' })).status).toBe(201);
  });

  it('one phone number per member', async () => {
    await member(s, '甲', '13800009999');
    const b = await member(s, '乙', '13800008888');
    const r = await b.patch('/api/me', { phone: '13800009999' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('DUPLICATE');
    expect(r.body.error.field).toBe('phone');
    expect((await b.get('/api/me')).body.phone).toBe('13800008888');
  });

  it('the CSV export includes the phone given for a consultation, masked for role staff', async () => {
    const a = await admin(s);
    const slot = await makeSlot(a);
    const m = await member(s, '丙', '13800007777');
    expect((await m.post('/api/bookings', { service: 'legal', slotId: slot.id, category: '工资报酬', description: '拖欠工资', phone: '13911112222' })).status).toBe(201);
    const csv = (await a.get('/api/admin/bookings?service=legal&format=csv')).text;
    expect(csv).toContain('咨询联系电话');
    expect(csv).toContain('13911112222');
    expect(csv).toContain('13800007777');
    const staff = await staffWithRole(s, 'staff');
    const masked = (await staff.get('/api/admin/bookings?service=legal&format=csv')).text;
    expect(masked).toContain('139****2222');
    expect(masked).not.toContain('13911112222');
  });

  it('records stored before these checks still load', async () => {
    if (!s.dataFile) return; // the PostgreSQL store does not re-validate at start
    const a = await admin(s);
    const st = (await a.post('/api/admin/meal-stations', station)).body;
    // as an older version stored it
    await s.store.atomic([lock.station(st.id)], async (tx) => {
      const cur = await tx.get('stations', st.id);
      await tx.put('stations', { ...cur!, name: 'old\u0000name', hours: '10:00-24:00' });
    });
    s = await s.restart();
    expect((await client(s).get('/api/meal-stations?date=2026-11-24')).status).toBe(200);
  });
});
