import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../server/store/types.js';
import { admin, client, member, makeSlot, makeStation, staffWithRole, startServer, type Client, type TestServer } from '../helpers/server.js';

let s: TestServer;
let a: Client;
beforeEach(async () => {
  s = await startServer({ now: '2026-11-23T09:00:00+08:00', config: { BOT_TOKEN: 'bot-secret-token' } });
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

describe('CSV export', () => {
  it('UTF-8 with BOM, Chinese headers, phones masked for role staff, full for admin', async () => {
    const st = await makeStation(a, 5, { name: '武林广场服务站' });
    const m = await member(s, '周师傅', '13812345678');
    await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' });
    const staff = await staffWithRole(s, 'staff');
    const res = await fetch(`${s.url}/api/admin/bookings?format=csv&service=meal&date=2026-11-23`, { headers: { authorization: `Bearer ${staff.token}` } });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [head, row] = text.trim().split('\r\n');
    expect(head).toContain('核销码');
    expect(row).toContain('周师傅');
    expect(row).toContain('138****5678');
    expect(row).not.toContain('13812345678');
    expect(row).toContain('武林广场服务站');
    const full = await a.get('/api/admin/bookings?format=csv');
    expect(full.text).toContain('13812345678');
    expect((await a.get('/api/admin/bookings?date=2026-11-24')).body.bookings).toHaveLength(0);
  });

  it('pages with limit and cursor', async () => {
    const st = await makeStation(a, 50);
    for (let i = 0; i < 5; i++) await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' });
    const p1 = (await a.get('/api/admin/bookings?limit=2')).body;
    const p2 = (await a.get(`/api/admin/bookings?limit=2&cursor=${p1.nextCursor}`)).body;
    const p3 = (await a.get(`/api/admin/bookings?limit=2&cursor=${p2.nextCursor}`)).body;
    const ids = [...p1.bookings, ...p2.bookings, ...p3.bookings].map((b: { id: string }) => b.id);
    expect(new Set(ids).size).toBe(5);
    expect((await a.get('/api/admin/bookings')).body.bookings).toHaveLength(5);
  });
});

describe('staff reads are store queries', () => {
  /** Counts the store calls every read transaction makes. */
  function counting(inner: Store, calls: { n: number }): Store {
    return {
      ...{ kind: inner.kind, onNotice: inner.onNotice.bind(inner), stats: inner.stats.bind(inner), close: inner.close.bind(inner), atomic: inner.atomic.bind(inner) },
      read: (fn) =>
        inner.read((tx) =>
          fn(new Proxy(tx, { get: (t, k) => (typeof (t as any)[k] === 'function' ? (...a: unknown[]) => (calls.n++, (t as any)[k](...a)) : (t as any)[k]) })),
        ),
    };
  }

  it('the day export and the stats make the same number of store calls for 3 bookings as for 30', async () => {
    await s.close({ drop: true });
    const calls = { n: 0 };
    s = await startServer({ now: '2026-11-23T09:00:00+08:00', wrapStore: (inner) => counting(inner, calls) });
    a = await admin(s);
    const st = await makeStation(a, 100);
    const measure = async () => {
      calls.n = 0;
      expect((await a.get('/api/admin/bookings?format=csv&date=2026-11-23')).status).toBe(200);
      const exportCalls = calls.n;
      calls.n = 0;
      expect((await a.get('/api/admin/stats?from=2026-11-23&to=2026-11-23')).status).toBe(200);
      return [exportCalls, calls.n];
    };
    const book = async (n: number) => {
      for (let i = 0; i < n; i++) await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' });
    };
    await book(3);
    const few = await measure();
    await book(27);
    expect(await measure()).toEqual(few);
    // the login session with its user (1), the search or count (1), the catalogue (4)
    expect(few).toEqual([6, 6]);
  });

  it('stats: per day and place, booked, checked in, cancelled, waitlisted and no-shows once the day is over', async () => {
    const st = await makeStation(a, 10, { name: '武林广场服务站' });
    const bookings = [];
    for (let i = 0; i < 3; i++) bookings.push((await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).body.booking);
    await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' });
    expect((await a.post('/api/checkins', { code: bookings[0].code })).status).toBe(200);
    expect((await a.post(`/api/bookings/${bookings[1].id}/cancel`)).status).toBe(200);
    const stats = async () => (await a.get('/api/admin/stats?from=2026-11-23&to=2026-11-24&service=meal')).body.rows;
    const row = (date: string, confirmed: number, checkedIn: number, cancelled: number, noShows: number) =>
      expect.objectContaining({ date, service: 'meal', resourceId: st.id, placeName: '武林广场服务站', confirmed, checkedIn, cancelled, waitlisted: 0, noShows });
    expect(await stats()).toEqual([row('2026-11-23', 2, 1, 1, 0), row('2026-11-24', 1, 0, 0, 0)]);
    s.clock.set('2026-11-24T09:00:00+08:00');
    expect(await stats()).toEqual([row('2026-11-23', 2, 1, 1, 1), row('2026-11-24', 1, 0, 0, 0)]);
    expect((await a.get('/api/admin/stats?from=2026-01-01&to=2027-06-01')).body.error.field).toBe('to');
    expect((await (await member(s)).get('/api/admin/stats?from=2026-11-23&to=2026-11-23')).status).toBe(403);
  });

  it('search by voucher code or the last 4 digits of a phone, with the member joined', async () => {
    const st = await makeStation(a, 10);
    const m = await member(s, '周师傅', '13812345678');
    const b = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).body.booking;
    await (await member(s, '李师傅', '13900000000')).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' });
    const byPhone = (await a.get('/api/admin/bookings?q=5678')).body.bookings;
    expect(byPhone.map((r: { id: string }) => r.id)).toEqual([b.id]);
    expect(byPhone[0]).toMatchObject({ memberName: '周师傅', memberPhone: '13812345678', placeName: '测试服务站', serviceDate: '2026-11-23' });
    expect((await a.get(`/api/admin/bookings?q=${b.code.slice(0, 4)}-${b.code.slice(4)}`)).body.bookings.map((r: { id: string }) => r.id)).toEqual([b.id]);
    const staff = await staffWithRole(s, 'staff');
    expect((await staff.get('/api/admin/bookings?q=5678')).body.bookings[0].memberPhone).toBe('138****5678');
  });
});

describe('notices', () => {
  it('staff publish, anyone lists newest first, since filters, subscribers hear it once', async () => {
    const heard: string[] = [];
    s.store.onNotice((n) => heard.push(n.title));
    const r1 = await a.post('/api/notices', { title: '停电通知', body: '周六服务站暂停营业', link: 'pages/meals/index' });
    expect(r1.status).toBe(201);
    expect(r1.body.notice).toMatchObject({ title: '停电通知', link: 'pages/meals/index' });
    s.clock.advance(60_000);
    await a.post('/api/notices', { title: '第二条', body: '内容' });
    const list = (await client(s).get('/api/notices')).body.notices;
    expect(list.map((n: { title: string }) => n.title)).toEqual(['第二条', '停电通知']);
    expect((await client(s).get(`/api/notices?since=${encodeURIComponent(r1.body.notice.createdAt)}`)).body.notices).toHaveLength(1);
    expect((await client(s).get(`/api/notices?since=${r1.body.notice.seq}`)).body.notices).toHaveLength(1);
    // PostgreSQL delivers through LISTEN/NOTIFY, a moment after the commit
    await vi.waitFor(() => expect(heard).toEqual(['停电通知', '第二条']), { timeout: 5000 });
    expect((await a.post('/api/notices', { title: '', body: 'x' })).body.error.field).toBe('title');
    expect((await a.post('/api/notices', { title: 't', body: 'b', link: 'https://evil.example' })).body.error.field).toBe('link');
  });

  it("the bot's token publishes on behalf of staff only", async () => {
    const bot = client(s, 'bot-secret-token');
    const ok = await bot.post('/api/notices', { title: '群通知', body: '正文', onBehalfOf: 'admin' });
    expect(ok.status).toBe(201);
    expect(ok.body.notice.authorName).toBe('测试管理员');
    const m = await member(s, '普通工友');
    const refused = await bot.post('/api/notices', { title: '群通知', body: '正文', onBehalfOf: m.id });
    expect(refused.status).toBe(403);
    expect((await bot.post('/api/notices', { title: '群通知', body: '正文' })).status).toBe(400);
    expect((await client(s, 'wrong-bot-token').post('/api/notices', { title: 't', body: 'b', onBehalfOf: 'admin' })).status).toBe(401);
  });
});

describe('documents and codes', () => {
  it('serves an OpenAPI document generated from the zod schemas, and /docs', async () => {
    const doc = (await client(s).get('/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/bookings', '/api/checkins', '/api/meal-stations', '/api/admin/bookings', '/api/notices', '/api/auth/dev-login']) expect(doc.paths[p]).toBeTruthy();
    const booking = doc.paths['/api/bookings'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(booking)).toContain('partySize');
    expect((await fetch(`${s.url}/docs`)).status).toBe(200);
  });

  it('QR code PNG for a station poster opens the H5 page when WeChat is not configured', async () => {
    const st = await makeStation(a, 5);
    const res = await fetch(`${s.url}/api/qrcode?page=pages/meals/index&scene=station=${st.id}`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await a.get('/api/qrcode?page=https://evil.example')).body.error.field).toBe('page');
  });

  it('legal slots never reveal who booked', async () => {
    const slot = await makeSlot(a);
    await (await member(s, '保密人')).post('/api/bookings', { service: 'legal', slotId: slot.id, category: '工伤', description: '手指受伤', phone: '13900000000' });
    const text = (await client(s).get('/api/legal/slots')).text;
    expect(text).not.toMatch(/保密人|手指|13900000000|memberId/);
  });
});

describe('POST /api/ask', () => {
  it('answers with the rules module object, validates, and is rate-limited', async () => {
    const r = await client(s).post('/api/ask', { question: '老板拖欠工资怎么办' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ answered: true });
    expect(typeof r.body.topic).toBe('string');
    expect(r.body.citations.length).toBeGreaterThan(0);
    const off = await client(s).post('/api/ask', { question: '今天股票涨了吗' });
    expect(off.body).toMatchObject({ answered: false, topic: null });
    expect((await client(s).post('/api/ask', { question: '' })).body.error.field).toBe('question');
    const limited = await startServer({ config: { RATE_LIMIT: 2 } });
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await client(limited).post('/api/ask', { question: '加班费怎么算' })).status);
    expect(codes).toEqual([200, 200, 429]);
    await limited.close({ drop: true });
  });

  it('asks back on two close points and answers the one named in `point`; an unknown point is refused', async () => {
    const asked = await client(s).post('/api/ask', { question: '几级伤残' });
    expect(asked.body).toMatchObject({ answered: false, topic: null });
    expect(asked.body.choices).toHaveLength(2);
    const chosen = asked.body.choices[1];
    const r = await client(s).post('/api/ask', { question: '几级伤残', point: chosen.point });
    expect(r.body).toMatchObject({ answered: true, topic: chosen.point });
    expect((await client(s).post('/api/ask', { question: '几级伤残', point: 'no_such.point' })).body.error.field).toBe('point');
  });
});
