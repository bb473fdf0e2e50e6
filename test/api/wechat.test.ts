/**
 * WeChat integration against a fake WeChat API on 127.0.0.1: login (code2Session), wxacode,
 * subscribe messages for notices (one message per opt-in) and reminders the day before a booking.
 */
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runRemindersOnce, startNotifications, type StopNotifications } from '../../server/notifications/index.js';
import { createWechatClient } from '../../server/wechat.js';
import { admin, client, makeSlot, makeStation, makeStudioSession, member, startServer, type Client, type TestServer } from '../helpers/server.js';
import { lock, shared } from '../../server/store/locks.js';
import { APPID, FakeWechat, SECRET, TINY_PNG, TPL } from '../helpers/fake-wechat.js';

const fake = new FakeWechat();
beforeAll(() => fake.start());
afterAll(() => fake.stop());

/** A server wired to the fake, with notifications started the way main.ts does (timer off). */
async function wechatServer(now?: string, base = fake.url, logStream?: NodeJS.WritableStream) {
  const server = await startServer({
    now,
    wechat: createWechatClient({ appId: APPID, secret: SECRET, base }),
    config: { WX_APPID: APPID, WX_SECRET: SECRET, WX_API_BASE: base, ...TPL, ...(logStream ? { LOG_LEVEL: 'info' as const } : {}) },
    logStream,
  });
  const stop = startNotifications(server.app.ctx, undefined, { reminderIntervalMs: 0 });
  return { server, stop };
}

async function wxLogin(s: TestServer, name: string): Promise<Client & { id: string }> {
  const r = await client(s).post('/api/auth/wechat', { code: `ok-${name}` });
  expect(r.status).toBe(200);
  return Object.assign(client(s, r.body.token), { id: r.body.user.id as string });
}

async function optIn(c: Client, kind: 'reminder' | 'notice', times = 1) {
  for (let i = 0; i < times; i++) {
    const r = await c.post('/api/subscriptions', { templateIds: [kind === 'notice' ? TPL.WX_TEMPLATE_NOTICE : TPL.WX_TEMPLATE_REMINDER], kind });
    expect(r.status).toBe(201);
  }
}

async function subscriptionsOf(s: TestServer, userId: string) {
  return s.store.read((tx) => tx.list('subscriptions', { userId }));
}

/** Publishes a notice and waits until the fan-out for it has finished (LISTEN/NOTIFY is async on PostgreSQL). */
async function publish(s: TestServer, stop: StopNotifications, a: Client, title = '周末爱心餐加餐', body = '本周六各服务站爱心餐加量供应，欢迎工友预约。') {
  const r = await a.post('/api/notices', { title, body });
  expect(r.status).toBe(201);
  const id = r.body.notice.id as string;
  const deadline = Date.now() + 10_000;
  while (!(await s.store.read((tx) => tx.get('kv', `notice:${id}`)))) {
    if (Date.now() > deadline) throw new Error('notice fan-out did not run');
    await new Promise((res) => setTimeout(res, 20));
  }
  await stop.idle();
  return r.body.notice as { id: string; title: string };
}

let current: { server: TestServer; stop: StopNotifications } | null = null;
beforeEach(() => fake.reset());
afterEach(async () => {
  current?.stop();
  await current?.server.close({ drop: true });
  current = null;
});

describe('login with code2Session', () => {
  it('a valid code makes a member with that openid; the same openid is the same member; a bad code is 401', async () => {
    current = await wechatServer();
    const { server } = current;
    const cfg = await client(server).get('/api/auth/config');
    expect(cfg.body.wechat).toBe(true);

    const first = await client(server).post('/api/auth/wechat', { code: 'ok-alice' });
    expect(first.status).toBe(200);
    expect(first.body.user.role).toBe('member');
    expect(first.body.user).not.toHaveProperty('openid'); // the openid never leaves the server
    expect(fake.sessions[0]).toMatchObject({ appid: APPID, secret: SECRET, js_code: 'ok-alice', grant_type: 'authorization_code' });
    const stored = await server.store.read((tx) => tx.get('users', first.body.user.id));
    expect(stored?.openid).toBe('oid-alice');

    const me = await client(server, first.body.token).get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(first.body.user.id);

    // A new wx.login code for the same WeChat user → same member, new session.
    const again = await client(server).post('/api/auth/wechat', { code: 'ok-alice' });
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(first.body.user.id);
    expect(again.body.token).not.toBe(first.body.token);

    const other = await client(server).post('/api/auth/wechat', { code: 'ok-bob' });
    expect(other.body.user.id).not.toBe(first.body.user.id);

    const bad = await client(server).post('/api/auth/wechat', { code: 'expired-code' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('UNAUTHORIZED');
    expect(fake.tokenCalls).toBe(0); // login needs no access token
  });

  it('WeChat login is 503 when the server has no WeChat credentials', async () => {
    const server = await startServer();
    try {
      const r = await client(server).post('/api/auth/wechat', { code: 'ok-alice' });
      expect(r.status).toBe(503);
      expect(fake.sessions).toHaveLength(0);
    } finally {
      await server.close({ drop: true });
    }
  });
});

describe('QR codes', () => {
  async function png(s: TestServer, token: string, query: string) {
    const r = await fetch(`${s.url}/api/qrcode?${query}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: r.status, type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) };
  }
  async function staffToken(s: TestServer) {
    return (await admin(s)).token!;
  }

  it('is the wxacode from WeChat when WeChat is configured', async () => {
    current = await wechatServer();
    const { server } = current;
    const r = await png(server, await staffToken(server), 'page=pages/meals/index&scene=st%3Dabc');
    expect(r.status).toBe(200);
    expect(r.type).toBe('image/png');
    expect(r.bytes.equals(TINY_PNG)).toBe(true);
    expect(fake.wxacode).toEqual([{ scene: 'st=abc', page: 'pages/meals/index', check_path: false }]);
    // A second code reuses the cached access token.
    await png(server, await staffToken(server), 'page=pages/legal/index&scene=c%3D1');
    expect(fake.tokenCalls).toBe(1);
  });

  it('is a QR code of the h5 URL when WeChat is not configured', async () => {
    const server = await startServer({ config: { PUBLIC_URL: 'https://gongyou.example.org/' } });
    try {
      const r = await png(server, await staffToken(server), `page=${encodeURIComponent('pages/meals/index?station=st1')}`);
      expect(r.status).toBe(200);
      expect(r.type).toBe('image/png');
      expect(r.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
      // Same URL, same options → the same PNG, so this checks exactly which URL the code holds.
      const expected = await QRCode.toBuffer('https://gongyou.example.org/#/pages/meals/index?station=st1', {
        type: 'png',
        width: 480,
        margin: 2,
        errorCorrectionLevel: 'M',
      });
      expect(r.bytes.equals(expected)).toBe(true);
      expect(fake.wxacode).toHaveLength(0);
      expect(fake.tokenCalls).toBe(0);
    } finally {
      await server.close({ drop: true });
    }
  });
});

describe('notices as subscribe messages', () => {
  it('a published notice sends exactly one message per opt-in, to members with an openid', async () => {
    current = await wechatServer();
    const { server, stop } = current;
    const a = await admin(server);
    const alice = await wxLogin(server, 'alice');
    const bob = await wxLogin(server, 'bob');
    const carol = await wxLogin(server, 'carol');
    const dev = await member(server, '开发登录工友'); // no openid: cannot receive WeChat messages
    const gone = await wxLogin(server, 'gone');
    await optIn(alice, 'notice');
    await optIn(bob, 'notice', 2);
    await optIn(carol, 'reminder'); // a reminder opt-in is not used for notices
    await optIn(dev, 'notice');
    await optIn(gone, 'notice');
    expect((await gone.del('/api/me')).status).toBe(204);

    const n1 = await publish(server, stop, a, '冬季送温暖活动', '12月1日起各服务站发放防寒用品，凭会员身份领取。');
    expect(fake.sent.map((m) => m.touser).sort()).toEqual(['oid-alice', 'oid-bob']);
    const m = fake.sentTo('oid-alice')[0]!;
    expect(m.template_id).toBe('tpl-notice');
    expect(m.page).toBe(`pages/notices/detail?id=${n1.id}`);
    expect(m.data.thing1!.value).toBe('冬季送温暖活动');
    expect([...m.data.thing2!.value].length).toBeLessThanOrEqual(20); // thing.DATA is at most 20 characters
    expect(m.data.thing2!.value.startsWith('12月1日起各服务站发放')).toBe(true);
    expect(m.data.time3!.value).toBe('2026年11月23日 09:00');
    expect(m.data.thing4!.value).toContain('测试管理员');

    const used = (await subscriptionsOf(server, alice.id)).filter((s) => s.usedAt);
    expect(used).toHaveLength(1);
    expect((await subscriptionsOf(server, dev.id))[0]!.usedAt).toBeNull(); // kept, not wasted

    // Bob opted in twice: the second notice reaches only him; a third reaches nobody.
    await publish(server, stop, a, '法律咨询时段更新');
    expect(fake.sent.map((x) => x.touser).sort()).toEqual(['oid-alice', 'oid-bob', 'oid-bob']);
    expect(fake.sentTo('oid-bob')).toHaveLength(2);
    expect(fake.sentTo('oid-alice')).toHaveLength(1);
    await publish(server, stop, a, '第三条通知');
    expect(fake.sent).toHaveLength(3);
    expect(fake.sent.every((x) => x.touser !== 'oid-carol' && x.touser !== 'oid-gone')).toBe(true);
    expect(fake.tokenCalls).toBe(1);

    // A new opt-in after the fact is used by the next notice only.
    await optIn(alice, 'notice');
    await publish(server, stop, a, '第四条通知');
    expect(fake.sentTo('oid-alice')).toHaveLength(2);
    expect(fake.sent).toHaveLength(4);
  });

  it('two servers sharing the store send each notice once (the claim is recorded with the opt-ins)', async () => {
    current = await wechatServer();
    const { server, stop } = current;
    const second = startNotifications(server.app.ctx, undefined, { reminderIntervalMs: 0 }); // as a second process would
    try {
      const a = await admin(server);
      await optIn(await wxLogin(server, 'alice'), 'notice', 2);
      await publish(server, stop, a);
      await second.idle();
      expect(fake.sent.map((m) => m.touser)).toEqual(['oid-alice']);
    } finally {
      second();
    }
  });

  it('many sends share one cached access token', async () => {
    current = await wechatServer();
    const { server, stop } = current;
    const a = await admin(server);
    for (let i = 0; i < 12; i++) await optIn(await wxLogin(server, `w${i}`), 'notice');
    await publish(server, stop, a);
    expect(fake.sent).toHaveLength(12);
    expect(new Set(fake.sent.map((m) => m.touser)).size).toBe(12);
    expect(fake.tokenCalls).toBe(1);
  });

  it('a revoked access token is fetched again once and the message still goes out', async () => {
    current = await wechatServer();
    const { server, stop } = current;
    const a = await admin(server);
    await optIn(await wxLogin(server, 'alice'), 'notice');
    await publish(server, stop, a, '第一条');
    fake.revokeNext = true;
    await optIn(await wxLogin(server, 'bob'), 'notice');
    await publish(server, stop, a, '第二条');
    expect(fake.sent.map((m) => m.touser)).toEqual(['oid-alice', 'oid-bob']);
    expect(fake.tokenCalls).toBe(2);
  });

  it('failures are logged, never crash: an opt-in WeChat did not use is kept, a refused one is spent', async () => {
    current = await wechatServer();
    const { server, stop } = current;
    const a = await admin(server);
    const alice = await wxLogin(server, 'alice');
    const bob = await wxLogin(server, 'bob');
    const carol = await wxLogin(server, 'carol');
    await optIn(alice, 'notice');
    await optIn(bob, 'notice');
    await optIn(carol, 'notice');
    fake.refuse.set('oid-alice', 47003); // bad template data: nothing delivered, opt-in still good
    fake.refuse.set('oid-bob', 43101); // the member turned messages off: the opt-in is gone
    await publish(server, stop, a);
    expect(fake.sent.map((m) => m.touser)).toEqual(['oid-carol']);
    expect((await subscriptionsOf(server, alice.id))[0]!.usedAt).toBeNull();
    expect((await subscriptionsOf(server, bob.id))[0]!.usedAt).not.toBeNull();
    expect((await client(server).get('/healthz')).status).toBe(200);

    fake.refuse.clear();
    await publish(server, stop, a, '第二条');
    expect(fake.sent.map((m) => m.touser)).toEqual(['oid-carol', 'oid-alice']);
  });

  it('WeChat unreachable: publishing still works and opt-ins are kept', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(dead.address() as { port: number }).port}`;
    await new Promise<void>((r) => dead.close(() => r())); // nothing listens there now
    current = await wechatServer(undefined, deadUrl);
    const { server, stop } = current;
    const r = await client(server).post('/api/auth/wechat', { code: 'ok-alice' });
    expect(r.status).toBe(503); // login needs WeChat: 503, not a crash
    // A member who logged in while WeChat was up.
    const u = await server.store.atomic([lock.openid('oid-offline'), shared(lock.subscriptions())], async (tx) => {
      const user = { id: 'u_offline', role: 'member' as const, name: null, phone: null, openid: 'oid-offline', createdAt: new Date().toISOString(), erasedAt: null };
      await tx.put('users', user);
      await tx.put('subscriptions', { id: 'sub_offline', userId: user.id, templateId: 'tpl-notice', kind: 'notice', createdAt: user.createdAt, usedAt: null });
      return user;
    });
    await publish(server, stop, await admin(server));
    expect((await subscriptionsOf(server, u.id))[0]!.usedAt).toBeNull();
    expect((await client(server).get('/healthz')).status).toBe(200);
  });

  it('nothing is sent without template ids', async () => {
    const server = await startServer({
      wechat: createWechatClient({ appId: APPID, secret: SECRET, base: fake.url }),
      config: { WX_APPID: APPID, WX_SECRET: SECRET, WX_API_BASE: fake.url },
    });
    const stop = startNotifications(server.app.ctx, undefined, { reminderIntervalMs: 0 });
    try {
      const alice = await wxLogin(server, 'alice');
      await optIn(alice, 'notice');
      const r = await (await admin(server)).post('/api/notices', { title: '通知', body: '内容' });
      expect(r.status).toBe(201);
      await new Promise((res) => setTimeout(res, 100));
      await stop.idle();
      expect(fake.sendAttempts).toBe(0);
      expect((await runRemindersOnce(server.app.ctx)).sent).toBe(0);
    } finally {
      stop();
      await server.close({ drop: true });
    }
  });
});

describe('reminders the day before', () => {
  it('once per booking, only the day before, never for a cancelled booking, not again after a restart', async () => {
    current = await wechatServer('2026-11-23T09:00:00+08:00');
    let server = current.server;
    const a = await admin(server);
    const station = await makeStation(a, 10);
    const alice = await wxLogin(server, 'alice');
    const bob = await wxLogin(server, 'bob');
    const carol = await wxLogin(server, 'carol');
    const dan = await wxLogin(server, 'dan');
    for (const m of [alice, bob, carol, dan]) await optIn(m, 'reminder');

    const meal = async (c: Client, date: string) => {
      const r = await c.post('/api/bookings', { service: 'meal', stationId: station.id, date });
      expect(r.status).toBe(201);
      return r.body.booking as { id: string; code: string };
    };
    const aliceMeal = await meal(alice, '2026-11-24'); // tomorrow
    const bobMeal = await meal(bob, '2026-11-24');
    expect((await bob.post(`/api/bookings/${bobMeal.id}/cancel`)).status).toBe(200); // cancelled: never reminded
    await meal(carol, '2026-11-25'); // the day after tomorrow: not yet
    const noOptIn = await wxLogin(server, 'erin');
    await meal(noOptIn, '2026-11-24'); // booked but never opted in

    // Outside the reminder hours nothing goes out.
    server.clock.set('2026-11-23T06:30:00+08:00');
    expect((await runRemindersOnce(server.app.ctx)).sent).toBe(0);
    server.clock.set('2026-11-23T09:00:00+08:00');

    const r1 = await runRemindersOnce(server.app.ctx);
    expect(r1).toMatchObject({ sent: 1, failed: 0, noOptIn: 1 });
    expect(fake.sent).toHaveLength(1);
    const m = fake.sent[0]!;
    expect(m).toMatchObject({ touser: 'oid-alice', template_id: 'tpl-reminder', page: 'pages/mine/index' });
    expect(m.data.thing1!.value).toBe('10元爱心餐');
    expect(m.data.time2!.value).toBe('2026年11月24日 10:00~20:00');
    expect(m.data.thing3!.value).toContain('测试服务站');
    expect(m.data.character_string4!.value).toBe(aliceMeal.code);
    expect(m.data.thing5!.value.length).toBeGreaterThan(0);
    expect(await server.store.read((tx) => tx.get('kv', `reminder:${aliceMeal.id}`))).toBeTruthy();

    // Later the same day: already reminded.
    server.clock.set('2026-11-23T15:00:00+08:00');
    expect((await runRemindersOnce(server.app.ctx)).sent).toBe(0);

    // A restart (same store) does not send it again either.
    current.stop();
    server = await server.restart();
    current = { server, stop: startNotifications(server.app.ctx, undefined, { reminderIntervalMs: 0 }) };
    expect((await runRemindersOnce(server.app.ctx)).sent).toBe(0);
    expect(fake.sent).toHaveLength(1);
    expect((await subscriptionsOf(server, bob.id))[0]!.usedAt).toBeNull(); // bob's opt-in is still his

    // Next day: carol's booking is now tomorrow; alice's is today (no second reminder).
    server.clock.set('2026-11-24T09:00:00+08:00');
    const r2 = await runRemindersOnce(server.app.ctx);
    expect(r2.sent).toBe(1);
    expect(fake.sent.map((x) => x.touser)).toEqual(['oid-alice', 'oid-carol']);
    expect(fake.sentTo('oid-bob')).toHaveLength(0);
    expect(fake.sentTo('oid-dan')).toHaveLength(0);
    expect(fake.tokenCalls).toBe(1); // restart() reuses the test's WechatClient, so its cached token too
  });

  it('studio sessions and legal slots starting tomorrow are reminded with their time and place', async () => {
    current = await wechatServer('2026-11-23T10:00:00+08:00');
    const { server } = current;
    const a = await admin(server);
    const { sessionId } = await makeStudioSession(a, 4, '2026-11-24T09:30:00+08:00');
    const slot = await makeSlot(a, '2026-11-24T14:00:00+08:00', 'phone');
    const later = await makeSlot(a, '2026-11-26T14:00:00+08:00', 'onsite');
    const visitor = await wxLogin(server, 'visitor');
    const waiting = await wxLogin(server, 'waiting');
    const client1 = await wxLogin(server, 'client1');
    const client2 = await wxLogin(server, 'client2');
    for (const m of [visitor, waiting, client1, client2]) await optIn(m, 'reminder');
    expect((await visitor.post('/api/bookings', { service: 'studio', sessionId, partySize: 4 })).body.booking.status).toBe('confirmed');
    expect((await waiting.post('/api/bookings', { service: 'studio', sessionId, partySize: 2 })).body.booking.status).toBe('waitlisted');
    const legal = { service: 'legal', category: '工资报酬', description: '老板拖欠两个月工资', phone: '13900001111' };
    expect((await client1.post('/api/bookings', { ...legal, slotId: slot.id })).status).toBe(201);
    expect((await client2.post('/api/bookings', { ...legal, slotId: later.id })).status).toBe(201);

    const r = await runRemindersOnce(server.app.ctx);
    expect(r).toMatchObject({ sent: 2, failed: 0 });
    const studio = fake.sentTo('oid-visitor')[0]!;
    expect(studio.data.thing1!.value).toContain('参观');
    expect(studio.data.time2!.value).toBe('2026年11月24日 09:30~11:30');
    expect(studio.data.thing3!.value).toBe('测试路 2 号');
    const consult = fake.sentTo('oid-client1')[0]!;
    expect(consult.data.thing1!.value).toBe('法律咨询·工资报酬');
    expect(consult.data.time2!.value).toBe('2026年11月24日 14:00~14:45');
    expect(consult.data.thing3!.value).toContain('电话咨询');
    expect(fake.sentTo('oid-waiting')).toHaveLength(0); // waitlisted: no place to remind of
    expect(fake.sentTo('oid-client2')).toHaveLength(0);
    for (const x of fake.sent) for (const [k, v] of Object.entries(x.data)) if (k.startsWith('thing')) expect([...v.value].length).toBeLessThanOrEqual(20);
  });

  it('a failed reminder is retried on the next run, and a timer runs reminders on its own', async () => {
    current = await wechatServer('2026-11-23T09:00:00+08:00');
    const { server } = current;
    const a = await admin(server);
    const station = await makeStation(a, 10);
    const alice = await wxLogin(server, 'alice');
    await optIn(alice, 'reminder');
    expect((await alice.post('/api/bookings', { service: 'meal', stationId: station.id, date: '2026-11-24' })).status).toBe(201);
    fake.refuse.set('oid-alice', 47003);
    expect(await runRemindersOnce(server.app.ctx)).toMatchObject({ sent: 0, failed: 1 });
    fake.refuse.clear();

    // The production path: startNotifications' own timer.
    const stop = startNotifications(server.app.ctx, undefined, { reminderIntervalMs: 50 });
    try {
      const deadline = Date.now() + 5_000;
      while (fake.sent.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 200)); // several more ticks
      await stop.idle();
    } finally {
      stop();
    }
    expect(fake.sent.map((m) => m.touser)).toEqual(['oid-alice']);
  });
});

describe('a station closed for a day', () => {
  /** The server's log lines, to see when the closure's messages (sent in the background) are done. */
  const logs: { msg: string; sent?: number; failed?: number; noOptIn?: number }[] = [];
  const logStream = new Writable({
    write(chunk, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim()) logs.push(JSON.parse(l));
      done();
    },
  });
  const messagesDone = () =>
    vi.waitFor(
      () => {
        const l = logs.find((x) => x.msg === 'wechat closure messages');
        expect(l).toBeTruthy();
        return l!;
      },
      { timeout: 10_000 },
    );
  beforeEach(() => void (logs.length = 0));

  /** Three workers booked a meal there tomorrow: two through WeChat with a reminder opt-in, one through the dev login. */
  async function closedDay() {
    current = await wechatServer(undefined, fake.url, logStream);
    const { server } = current;
    const a = await admin(server);
    const st = await makeStation(a, 10, { name: '和平路服务站', address: '和平路 12 号' });
    const alice = await wxLogin(server, 'alice');
    const bob = await wxLogin(server, 'bob');
    const dev = await member(server, '开发登录工友');
    await optIn(alice, 'reminder');
    await optIn(bob, 'reminder');
    const codes: Record<string, string> = {};
    for (const [name, c] of [['alice', alice], ['bob', bob], ['dev', dev]] as const) {
      const r = await c.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' });
      expect(r.status).toBe(201);
      codes[name] = r.body.booking.code;
    }
    return { server, a, st, alice, bob, dev, codes };
  }

  it('each worker with an opt-in gets one message on the reminder template saying why; everyone reads it in 我的', async () => {
    const { server, a, st, alice, bob, dev, codes } = await closedDay();
    const r = await a.post(`/api/admin/meal-stations/${st.id}/closures`, { date: '2026-11-24', reason: '水管检修' });
    expect(r.status).toBe(201);
    expect(r.body.cancelled).toBe(3);
    expect(await messagesDone()).toMatchObject({ sent: 2, failed: 0, noOptIn: 1 });
    expect(fake.sent).toHaveLength(2);
    for (const [who, openid] of [['alice', 'oid-alice'], ['bob', 'oid-bob']] as const) {
      const [m, ...more] = fake.sentTo(openid);
      expect(more).toEqual([]);
      expect(m).toEqual({
        touser: openid,
        template_id: TPL.WX_TEMPLATE_REMINDER,
        page: 'pages/mine/index',
        lang: 'zh_CN',
        data: {
          thing1: { value: '10元爱心餐 预约已取消' },
          time2: { value: '2026年11月24日 10:00~20:00' },
          thing3: { value: '和平路服务站 和平路 12 号' },
          character_string4: { value: codes[who] },
          thing5: { value: '暂停供餐：水管检修' },
        },
      });
    }
    // the opt-in is spent; the dev-login worker (no openid) gets nothing from WeChat but reads it in 我的
    expect((await subscriptionsOf(server, alice.id))[0]!.usedAt).not.toBeNull();
    for (const c of [alice, bob, dev]) {
      const [b] = (await c.get('/api/bookings/mine')).body.bookings;
      expect(b).toMatchObject({ status: 'cancelled', phase: 'cancelled', cancelReason: '服务站暂停供餐：水管检修' });
    }
    // a cancelled booking is never reminded (the reminder run the day before finds nothing)
    server.clock.set('2026-11-23T10:00:00+08:00');
    expect(await runRemindersOnce(server.app.ctx)).toMatchObject({ due: 0, sent: 0 });
    expect(fake.sent).toHaveLength(2);
  });

  it('a slow WeChat does not hold up the closure, and a refused message keeps the opt-in', async () => {
    const { server, a, st, alice, bob } = await closedDay();
    fake.sendDelayMs = 1500;
    fake.refuse.set('oid-alice', 47003); // bad template data: not delivered, the opt-in is given back
    const t0 = Date.now();
    const r = await a.post(`/api/admin/meal-stations/${st.id}/closures`, { date: '2026-11-24', reason: '燃气检修' });
    expect(r.status).toBe(201);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await messagesDone()).toMatchObject({ sent: 1, failed: 1, noOptIn: 1 });
    await vi.waitFor(async () => expect((await subscriptionsOf(server, alice.id))[0]!.usedAt).toBeNull(), { timeout: 10_000 });
    expect(fake.sendAttempts).toBe(2);
    expect(fake.sent.map((m) => m.touser)).toEqual(['oid-bob']);
    expect((await subscriptionsOf(server, bob.id))[0]!.usedAt).not.toBeNull();
    expect((await alice.get('/api/bookings/mine')).body.bookings[0]).toMatchObject({ status: 'cancelled', cancelReason: '服务站暂停供餐：燃气检修' });
  });

  it('WeChat unreachable: the closure still cancels the bookings and answers 201', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(dead.address() as { port: number }).port}`;
    await new Promise<void>((r) => dead.close(() => r()));
    // log in while the fake is up, then point the server's WeChat at nothing
    const { server, a, st, alice } = await closedDay();
    server.app.ctx.wechat = createWechatClient({ appId: APPID, secret: SECRET, base: deadUrl });
    const r = await a.post(`/api/admin/meal-stations/${st.id}/closures`, { date: '2026-11-24', reason: '停电' });
    expect(r.status).toBe(201);
    expect(r.body.cancelled).toBe(3);
    // no token could be had: nothing was delivered, so the opt-in comes back
    expect(await messagesDone()).toMatchObject({ sent: 0, failed: 2, noOptIn: 1 });
    await vi.waitFor(async () => expect((await subscriptionsOf(server, alice.id))[0]!.usedAt).toBeNull(), { timeout: 10_000 });
    expect((await client(server).get('/healthz')).status).toBe(200);
    expect(fake.sendAttempts).toBe(0);
  });
});
