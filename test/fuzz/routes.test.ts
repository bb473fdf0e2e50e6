/**
 * Property-based fuzz over every route (API.md plus whatever /openapi.json lists): random, truncated,
 * oversized and wrongly typed bodies, queries, path ids and headers, sent as a nobody, with a garbage
 * token, as a member and as an admin. Every answer must be below 500, every refusal in the error
 * format, and the data must be exactly the same afterwards. Huge bodies are refused early (413).
 */
import { request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, RESPONSES } from '../../shared/schemas/responses.js';
import type { z } from 'zod';
import { admin, exportData as storeData, makeSlot, makeStation, makeStudioSession, member, startServer, storeKind, type TestServer } from '../helpers/server.js';

/** Valid examples per route (API.md); the fuzz only ever sends broken variants of them. */
const ROUTES: Record<string, { bodies?: Record<string, unknown>[]; query?: Record<string, string>; changesWithoutBody?: boolean }> = {
  'POST /api/auth/dev-login': { bodies: [{ name: '工友', phone: '13800001234' }] },
  'POST /api/auth/wechat': { bodies: [{ code: 'wx-code-1' }] },
  'POST /api/auth/wechat-phone': { bodies: [{ code: 'wx-phone-code-1' }] },
  'POST /api/auth/staff': { bodies: [{ username: 'admin', password: 'admin-pass-2026' }] },
  'POST /api/auth/logout': { changesWithoutBody: true },
  'GET /api/me': {},
  'PATCH /api/me': { bodies: [{ name: '新名字' }, { phone: '13900001111' }] },
  'DELETE /api/me': { changesWithoutBody: true },
  'GET /api/meal-stations': { query: { date: '2026-11-24' } },
  'GET /api/meal-stations/:id': { query: { date: '2026-11-24' } },
  'GET /api/studios': {},
  'GET /api/studios/:id': {},
  'GET /api/studios/:id/sessions': {},
  'GET /api/legal/slots': { query: { from: '2026-11-23', to: '2026-11-30' } },
  'POST /api/bookings': {
    bodies: [
      { service: 'meal', stationId: 'st_1', date: '2026-11-24' },
      { service: 'studio', sessionId: 'se_1', partySize: 2 },
      { service: 'legal', slotId: 'ls_1', category: '工资报酬', description: '拖欠工资三个月', phone: '13800001234' },
    ],
  },
  'GET /api/bookings/mine': {},
  'POST /api/bookings/:id/cancel': {},
  'POST /api/checkins': { bodies: [{ code: '12345678', nonce: 'n-1' }] },
  'GET /api/admin/bookings': { query: { service: 'meal', date: '2026-11-24', format: 'csv', limit: '10' } },
  'POST /api/admin/meal-stations': { bodies: [{ name: '站', address: '路 1 号', district: '区', hours: '10:00-20:00', dailyQuota: 5 }] },
  'PATCH /api/admin/meal-stations/:id': { bodies: [{ dailyQuota: 3, hours: '09:00-18:00' }] },
  'DELETE /api/admin/meal-stations/:id': {},
  'POST /api/admin/studios': {
    bodies: [{ name: '工作室', leader: '李师傅', leaderTitle: '劳模', company: '厂', field: '焊接', address: '路 2 号', description: '介绍' }],
  },
  'PATCH /api/admin/studios/:id': { bodies: [{ name: '新名' }] },
  'DELETE /api/admin/studios/:id': {},
  'POST /api/admin/sessions': { bodies: [{ studioId: 'sd_1', startsAt: '2026-11-25T09:30:00+08:00', endsAt: '2026-11-25T11:30:00+08:00', capacity: 10 }] },
  'PATCH /api/admin/sessions/:id': { bodies: [{ capacity: 12 }] },
  'DELETE /api/admin/sessions/:id': {},
  'POST /api/admin/legal-slots': { bodies: [{ startsAt: '2026-11-24T10:00:00+08:00', endsAt: '2026-11-24T10:45:00+08:00', mode: 'onsite', lawyer: '周律师' }] },
  'PATCH /api/admin/legal-slots/:id': { bodies: [{ mode: 'video' }] },
  'DELETE /api/admin/legal-slots/:id': {},
  'POST /api/admin/users': { bodies: [{ username: 'clerk', password: 'password-1234', role: 'staff', name: '办事员' }] },
  'GET /api/notices': { query: { since: '3' } },
  'GET /api/notices/:id': {},
  'POST /api/notices': { bodies: [{ title: '通知', body: '明天照常开放', link: 'pages/meals/index' }] },
  'POST /api/ask': { bodies: [{ question: '老板不签劳动合同怎么办' }] },
  'GET /api/qrcode': { query: { page: 'pages/meals/index', scene: 'st=1' } },
  'GET /api/links': { query: { page: 'pages/meals/index?station=st_1' } },
  'POST /api/subscriptions': { bodies: [{ templateIds: ['tpl-1'], kind: 'reminder' }] },
};

interface Route {
  method: string;
  path: string;
}

const routeKey = (r: Route) => `${r.method} ${r.path}`;

/** A string far over any field's limit; printed short in counterexamples, sent in full. */
class Oversized {
  constructor(readonly length: number) {}
  toJSON(): string {
    return '长'.repeat(this.length);
  }
  [fc.toStringMethod](): string {
    return `<${this.length} chars>`;
  }
}

/** Values of the wrong type for any field (strings are replaced by non-strings, and so on). */
const wrongValue = (original: unknown) =>
  fc
    .oneof(
      fc.integer(),
      fc.double({ noNaN: false }),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 5 }).map((s) => [s]),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
      fc.string({ maxLength: 3 }),
      fc.integer({ min: 2_000, max: 20_000 }).map((n) => new Oversized(n)),
    )
    .filter((v) => JSON.stringify(v) !== JSON.stringify(original))
    // a short string in place of a string could well be valid
    .filter((v) => !(typeof original === 'string' && typeof v === 'string'));

type BodyCase =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string; contentType: string }
  /** Over the body limit: a JSON object of about `size` bytes. */
  | { kind: 'huge'; size: number };

/** A broken body for a route: mutated example, truncated JSON, random JSON, random text, huge. */
function bodyArb(route: Route): fc.Arbitrary<BodyCase> {
  const examples = ROUTES[routeKey(route)]?.bodies ?? [{}];
  const mutated = fc.constantFrom(...examples).chain((ex) => {
    const keys = Object.keys(ex);
    if (keys.length === 0) return fc.constant<BodyCase>({ kind: 'json', value: [] });
    return fc
      .constantFrom(...keys)
      .chain((k) => wrongValue(ex[k]).map((v): BodyCase => ({ kind: 'json', value: { ...ex, [k]: v } })));
  });
  const truncated = fc.constantFrom(...examples).chain((ex) => {
    const text = JSON.stringify(ex);
    return fc.integer({ min: 0, max: text.length - 1 }).map((n): BodyCase => ({ kind: 'text', text: text.slice(0, n), contentType: 'application/json' }));
  });
  const randomJson = fc
    .jsonValue({ maxDepth: 3 })
    .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || Object.keys(v).length > 0) // `{}` is a valid "no body"
    .map((value): BodyCase => ({ kind: 'json', value }));
  const randomText = fc.record({
    text: fc.string({ maxLength: 200, unit: 'binary' }),
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'image/png'),
  }).map((r): BodyCase => ({ kind: 'text', ...r }));
  const huge = fc.integer({ min: 70_000, max: 400_000 }).map((size): BodyCase => ({ kind: 'huge', size }));
  return fc.oneof(
    { arbitrary: mutated, weight: 5 },
    { arbitrary: truncated, weight: 2 },
    { arbitrary: randomJson, weight: 2 },
    { arbitrary: randomText, weight: 2 },
    { arbitrary: huge, weight: 1 },
    { arbitrary: fc.constant<BodyCase>({ kind: 'none' }), weight: 1 },
  );
}

const printable = fc.string({ maxLength: 40, unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });

/** Path ids that name nothing, or are not ids at all (bad percent-encoding, dots, huge). */
const idArb = fc.oneof(
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '..', '%2e%2e', '%2F', 'LONG', 'st_nope', '0', '-1', 'null', '__proto__', 'constructor'),
);

/** Query strings: the route's keys with wrong values, repeated keys, random keys, broken escapes. */
function queryArb(route: Route): fc.Arbitrary<string> {
  const keys = Object.keys(ROUTES[routeKey(route)]?.query ?? {});
  const key = keys.length ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })) : fc.string({ maxLength: 8 });
  const value = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('', '-1', '0', '1e309', 'NaN', '2026-02-30', '9999-99-99', 'csv', 'xml', '[]', '{}', 'x'.repeat(300)),
  );
  const pair = fc.tuple(key, value).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return fc.oneof(
    fc.constant(''),
    fc.array(pair, { minLength: 1, maxLength: 4 }).map((ps) => `?${ps.join('&')}`),
    key.map((k) => `?${encodeURIComponent(k)}=a&${encodeURIComponent(k)}=b`),
    fc.constantFrom('?%', '?a=%zz', '?date=%E0%A4%A', '?&&&', '?=', '?a[b]=1', '?__proto__=1'),
  );
}

type Auth = 'none' | 'garbage' | 'member' | 'admin';

describe('fuzz: every route refuses bad input cleanly and changes nothing', () => {
  let s: TestServer;
  let tokens: Record<Auth, string | null>;
  let routes: Route[];

  /** Everything in the store, to compare before and after. */
  // a lawyer's-desk read or an export is itself recorded in the audit log (API.md): that entry is not a change
  const READ_ACTIONS = new Set(['legal.read', 'export']);
  const exportData = async () => {
    const data = JSON.parse(await storeData(s)) as Record<string, unknown[]>;
    data.audit = (data.audit ?? []).filter((e) => !READ_ACTIONS.has((e as { action: string }).action));
    return JSON.stringify(data);
  };

  beforeAll(async () => {
    s = await startServer();
    const a = await admin(s);
    const m = await member(s);
    const station = await makeStation(a, 5);
    const { sessionId } = await makeStudioSession(a, 4);
    await makeSlot(a);
    await m.post('/api/bookings', { service: 'meal', stationId: station.id, date: '2026-11-24' });
    await m.post('/api/bookings', { service: 'studio', sessionId, partySize: 2 });
    await a.post('/api/notices', { title: '测试通知', body: '正文' });
    tokens = { none: null, garbage: 'not-a-real-token', member: m.token!, admin: a.token! };
    const doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const found = new Map<string, Route>();
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        const r = { method: method.toUpperCase(), path: p.replace(/\{(\w+)\}/g, ':$1') };
        found.set(routeKey(r), r);
      }
    }
    // API.md routes are fuzzed even if the server does not list them (they must then answer 404 cleanly)
    for (const k of Object.keys(ROUTES)) {
      const [method, path] = k.split(' ');
      found.set(k, { method, path });
    }
    routes = [...found.values()].filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');
  });

  afterAll(async () => {
    await s?.close({ drop: true });
  });

  async function send(route: Route, id: string, query: string, auth: Auth, headers: Record<string, string>, body: BodyCase) {
    const h: Record<string, string> = { ...headers };
    if (tokens[auth]) h.authorization = `Bearer ${tokens[auth]}`;
    let payload: string | undefined;
    if (body.kind === 'json') {
      payload = JSON.stringify(body.value);
      h['content-type'] = 'application/json';
    } else if (body.kind === 'text') {
      payload = body.text;
      h['content-type'] = body.contentType;
    } else if (body.kind === 'huge') {
      payload = `{"name":"${'x'.repeat(body.size)}"}`;
      h['content-type'] = 'application/json';
    }
    const method = route.method;
    const path = route.path.replace(/:\w+/g, id === 'LONG' ? 'x'.repeat(5000) : id) + query;
    const r = await fetch(s.url + path, { method, headers: h, body: method === 'GET' ? undefined : payload });
    return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
  }

  function checkAnswer(r: { status: number; type: string; text: string }, label: string) {
    expect(r.status, `${label} → ${r.status} ${r.text.slice(0, 300)}`).toBeLessThan(500);
    if (r.status < 400) return;
    expect(r.type, label).toMatch(/application\/json/);
    const body = JSON.parse(r.text);
    expect(Object.keys(body), label).toEqual(['error']);
    expect(typeof body.error.code, label).toBe('string');
    expect(typeof body.error.message, label).toBe('string');
    expect(body.error.message.length, label).toBeGreaterThan(0);
    for (const k of Object.keys(body.error)) expect(['code', 'message', 'field'], label).toContain(k);
    if ('field' in body.error) expect(typeof body.error.field, label).toBe('string');
  }

  it('never answers 500, refuses in the error format and never changes data', { timeout: 180_000 }, async () => {
    const caseArb = fc
      .constantFrom(...routes)
      .chain((route) =>
        fc.record({
          route: fc.constant(route),
          id: idArb,
          query: queryArb(route),
          auth: fc.constantFrom<Auth>('none', 'garbage', 'member', 'admin'),
          headers: fc.record(
            {
              'idempotency-key': fc.oneof(printable, fc.integer({ min: 129, max: 2000 }).map((n) => 'k'.repeat(n))),
              accept: fc.constantFrom('*/*', 'text/csv', 'application/xml', ''),
              'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1'),
            },
            { requiredKeys: [] },
          ),
          body: bodyArb(route),
        }),
      )
      // requests that change data when well formed (logout, erase me) are sent without a real token
      // (path ids never name a real record, so a body-less cancel or delete is refused with 404)
      .filter((c) => !(ROUTES[routeKey(c.route)]?.changesWithoutBody && (c.auth === 'member' || c.auth === 'admin')));

    type Case = typeof caseArb extends fc.Arbitrary<infer C> ? C : never;
    // counterexamples found before, replayed on every run
    const examples: [Case][] = [
      [
        {
          route: { method: 'POST', path: '/api/checkins' },
          id: '%2F',
          query: '',
          auth: 'admin',
          headers: { 'idempotency-key': '!', 'x-forwarded-for': 'garbage' },
          body: { kind: 'json', value: { code: new Oversized(19_993), nonce: 'n-1' } },
        },
      ],
    ];
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const label = `${c.auth} ${c.route.method} ${c.route.path.replace(/:\w+/g, c.id.slice(0, 40))}${c.query.slice(0, 80)} body=${JSON.stringify(c.body).slice(0, 160)}`;
        const before = await exportData();
        const r = await send(c.route, c.id, c.query, c.auth, c.headers, c.body);
        checkAnswer(r, label);
        const after = await exportData();
        expect(after === before, `data changed by ${label}`).toBe(true);
      }),
      { examples, numRuns: Number(process.env.FUZZ_RUNS ?? (storeKind() === 'postgres' ? 300 : 600)), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
  });

  it('every API.md route answers a broken JSON body with 400 BAD_REQUEST or refuses access', async () => {
    for (const key of Object.keys(ROUTES)) {
      const [method, path] = key.split(' ');
      if (method === 'GET' || method === 'DELETE') continue;
      const r = await send({ method, path }, 'nope', '', 'admin', {}, { kind: 'text', text: '{"broken":', contentType: 'application/json' });
      checkAnswer(r, key);
      expect([400, 401, 403, 404], `${key} → ${r.status} ${r.text}`).toContain(r.status);
    }
    expect(await exportData()).toBeDefined();
  });

  it('refuses a huge body early with 413, before it has been sent', async () => {
    const declared = 200 * 1024 * 1024;
    const answer = await new Promise<{ status: number; body: string; ms: number }>((resolve, reject) => {
      const started = Date.now();
      const req = request(`${s.url}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': declared, authorization: `Bearer ${tokens.member}` },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body, ms: Date.now() - started }));
      });
      req.on('error', reject);
      req.write('{"service":"meal",'); // only a few bytes of the 200 MB it announced
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBeTypeOf('string');
    expect(answer.ms).toBeLessThan(5000);
  });

  it('refuses a huge chunked body (no length announced) with 413 after reading only the limit', async () => {
    const answer = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let done = false;
      const req = request(`${s.url}/api/notices`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` } });
      req.on('response', (res) => {
        done = true;
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body, sent }));
      });
      req.on('error', (e) => (done ? undefined : reject(e)));
      const chunk = Buffer.alloc(16 * 1024, 'a');
      req.write('{"title":"t","body":"');
      const pump = () => {
        // bounded: stop after 50 MB whatever happens
        while (!done && sent < 50 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!done) req.end('"}');
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBeTypeOf('string');
    expect(answer.sent).toBeLessThan(10 * 1024 * 1024);
  });
});

/**
 * Issue 9 finding 11: every route has a response schema (shown in the OpenAPI document), and no answer
 * carries a field outside it: valid requests as every kind of caller, every answer parsed by the
 * schema of its status loses nothing.
 */
describe('fuzz: no route answers a field outside its response schema', () => {
  let s: TestServer;
  let ids: Record<string, string>;
  let tokens: Record<Auth, string | null>;

  beforeAll(async () => {
    s = await startServer();
    const a = await admin(s);
    const m = await member(s, '字段工友', '13800005678');
    const station = await makeStation(a, 5);
    const { sessionId, studioId } = await makeStudioSession(a, 4);
    const slot = await makeSlot(a);
    const meal = await m.post('/api/bookings', { service: 'meal', stationId: station.id, date: '2026-11-24' });
    await m.post('/api/bookings', { service: 'studio', sessionId, partySize: 2 });
    const notice = await a.post('/api/notices', { title: '测试通知', body: '正文' });
    ids = { 'meal-stations': station.id, studios: studioId, sessions: sessionId, 'legal-slots': slot.id, notices: notice.body.notice.id, bookings: meal.body.booking.id, code: meal.body.booking.code };
    tokens = { none: null, garbage: 'not-a-real-token', member: m.token!, admin: a.token! };
  });
  afterAll(async () => {
    await s?.close({ drop: true });
  });

  it('every route the server lists has a response schema, and /openapi.json shows it', async () => {
    const doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses?: Record<string, unknown> }>> };
    const listed: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (method === 'head') continue;
        const key = `${method.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`;
        listed.push(key);
        expect(RESPONSES, key).toHaveProperty([key]);
        expect(Object.keys(op.responses ?? {}), key).toEqual(expect.arrayContaining(Object.keys(RESPONSES[key as keyof typeof RESPONSES]).concat(['4XX', '5XX'])));
      }
    }
    for (const k of Object.keys(ROUTES)) expect(listed, `API.md route ${k} is served and documented`).toContain(k);
  });

  it('a leaked field is dropped: GET /api/me with a password hash in the reply object', () => {
    const out = RESPONSES['GET /api/me'][200].parse({ id: 'u1', role: 'admin', name: '管理员', phone: null, createdAt: '2026-11-23T00:00:00Z', username: 'admin', passwordHash: 'scrypt$…', openid: 'o-1' });
    expect(out).not.toHaveProperty('passwordHash');
    expect(out).not.toHaveProperty('openid');
  });

  it('valid requests as nobody, a member and an admin: every JSON answer is exactly its schema', { timeout: 120_000 }, async () => {
    const concrete = (path: string) =>
      path.replace(/\/api\/(admin\/)?([a-z-]+)\/:id/, (_m, admin: string | undefined, kind: string) => `/api/${admin ?? ''}${kind}/${ids[kind] ?? ids.bookings}`);
    let checked = 0;
    for (const auth of ['none', 'member', 'admin'] as const) {
      for (const [key, ex] of Object.entries(ROUTES)) {
        const [method, path] = key.split(' ') as [string, string];
        if (key === 'DELETE /api/me' || key === 'POST /api/auth/logout' || method === 'DELETE') continue; // would end the session or the data the rest uses
        const query = ex.query ? `?${new URLSearchParams({ ...ex.query, ...(key === 'GET /api/admin/bookings' ? { format: 'json' } : {}) })}` : '';
        let body = ex.bodies?.[0];
        if (key === 'POST /api/bookings') body = { service: 'meal', stationId: ids['meal-stations'], date: '2026-11-25' };
        if (key === 'POST /api/checkins') body = { code: ids.code, nonce: 'n-1' };
        if (key === 'POST /api/admin/sessions') body = { ...body, studioId: ids.studios };
        const headers: Record<string, string> = {};
        if (tokens[auth]) headers.authorization = `Bearer ${tokens[auth]}`;
        if (body) headers['content-type'] = 'application/json';
        const r = await fetch(s.url + concrete(path) + query, { method, headers, body: body ? JSON.stringify(body) : undefined });
        const type = r.headers.get('content-type') ?? '';
        const text = await r.text();
        const label = `${auth} ${key} → ${r.status} ${text.slice(0, 200)}`;
        expect(r.status, label).not.toBe(500); // (503: WeChat login without WeChat configured)
        if (!type.includes('application/json') || r.status === 204) continue;
        const schemas = RESPONSES[key as keyof typeof RESPONSES] as Record<number, z.ZodType>;
        const schema = r.status >= 400 ? ErrorBody : schemas[r.status];
        expect(schema, `${label}: status not in the schema`).toBeDefined();
        const sent = JSON.parse(text);
        expect(schema!.parse(sent), label).toStrictEqual(sent);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });
});
