/**
 * Starts the real server over HTTP on 127.0.0.1 with a fresh store (a temp lowdb file, or a fresh
 * PostgreSQL database when TEST_STORE=postgres) and a clock the test controls.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type App } from '../../server/app.js';
import { testConfig, type Config } from '../../server/config.js';
import { upsertStaff } from '../../server/services/users.js';
import { auditStore } from '../../server/store/audit.js';
import { LowdbStore } from '../../server/store/lowdb/index.js';
import { COLLECTIONS, type Store } from '../../server/store/types.js';
import type { WechatClient } from '../../server/wechat.js';
import { reportViolation } from './lock-audit.js';

export const ADMIN = { username: 'admin', password: 'admin-pass-2026' };
/** scrypt cost in tests (production: 2^17). */
export const TEST_SCRYPT_N = 16384;

export class TestClock {
  constructor(public current: Date) {}
  now = () => new Date(this.current);
  set(iso: string | Date) {
    this.current = new Date(iso);
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestServer {
  url: string;
  app: App;
  store: Store;
  clock: TestClock;
  dataFile: string | null;
  dir: string;
  /** The store itself, under the auditor and any wrapper (`store` is what the app uses). */
  rawStore: Store;
  /** Stops the server; keeps the data unless `drop`. */
  close(opts?: { drop?: boolean }): Promise<void>;
  restart(): Promise<TestServer>;
}

export interface StartOptions {
  now?: string;
  config?: Partial<Config>;
  dir?: string;
  databaseUrl?: string;
  wechat?: WechatClient | null;
  /** Wraps the store the app uses, around the lock auditor (to pause a transaction, or drop a lock on purpose). */
  wrapStore?: (s: Store) => Store;
  /** Where the server's logs go (with config LOG_LEVEL set); none by default. */
  logStream?: NodeJS.WritableStream;
  /** The lock auditor is on unless false (a race test that must see the data a missing lock lets through). */
  audit?: boolean;
}

export const storeKind = (): 'lowdb' | 'postgres' => (process.env.TEST_STORE === 'postgres' ? 'postgres' : 'lowdb');

export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'gongyou-test-')));
  const clock = new TestClock(new Date(opts.now ?? '2026-11-23T09:00:00+08:00'));
  let databaseUrl = opts.databaseUrl;
  let dropDb: (() => Promise<void>) | null = null;
  if (!databaseUrl && storeKind() === 'postgres') {
    const { createTestDatabase } = await import('./postgres.js');
    const db = await createTestDatabase();
    databaseUrl = db.url;
    dropDb = db.drop;
  }
  const dataFile = databaseUrl ? null : join(dir, 'db.json');
  let rawStore: Store;
  if (databaseUrl) {
    const { PostgresStore } = await import('../../server/store/postgres/index.js');
    rawStore = await PostgresStore.open({ url: databaseUrl });
  } else {
    rawStore = await LowdbStore.open({ file: dataFile! });
  }
  // Every write the app makes is checked against its locks; a test fails on any refused one.
  const audited = opts.audit === false ? rawStore : auditStore(rawStore, (v) => reportViolation(v.message));
  const store = opts.wrapStore ? opts.wrapStore(audited) : audited;
  // SCRYPT_N: a cheaper password hash than production's 2^17, so each test's logins stay quick
  const config = testConfig({ RATE_LIMIT: 0, SCRYPT_N: TEST_SCRYPT_N, DATA_FILE: dataFile ?? '', H5_DIR: join(dir, 'no-h5'), ...opts.config });
  const app = await buildApp({ config, store, now: clock.now, wechat: opts.wechat ?? null, logger: opts.logStream });
  await upsertStaff(app.ctx, { ...ADMIN, role: 'admin', name: '测试管理员' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const server: TestServer = {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    rawStore,
    clock,
    dataFile,
    dir,
    async close({ drop = false } = {}) {
      await app.close();
      await store.close();
      if (drop) {
        await dropDb?.();
        if (!opts.dir) await rm(dir, { recursive: true, force: true });
      }
    },
    async restart() {
      await server.close();
      return startServer({ ...opts, now: clock.current.toISOString(), dir, databaseUrl });
    },
  };
  return server;
}

/** Everything in the server's store as one string, to compare before and after a request. */
export function exportData(s: TestServer): Promise<string> {
  return s.store.read(async (tx) => {
    const out: Record<string, unknown> = {};
    for (const c of COLLECTIONS) out[c] = c === 'bookings' ? await tx.findBookings({}) : await tx.list(c);
    return JSON.stringify(out);
  });
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** One HTTP request with an optional bearer token; JSON bodies in and out (text kept as is). */
export async function requestJson<T = any>(
  url: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Res<T>> {
  const h: Record<string, string> = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const r = await fetch(url + path, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON (CSV, PNG) */
  }
  return { status: r.status, body: parsed as T, headers: r.headers, text };
}

/** A small HTTP client bound to one server and (optionally) one bearer token. */
export function client(base: string | TestServer, token?: string) {
  const url = typeof base === 'string' ? base : base.url;
  const call = <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    requestJson<T>(url, token, method, path, body, headers);
  return {
    token,
    get: <T = any>(p: string, h?: Record<string, string>) => call<T>('GET', p, undefined, h),
    post: <T = any>(p: string, b?: unknown, h?: Record<string, string>) => call<T>('POST', p, b ?? {}, h),
    patch: <T = any>(p: string, b?: unknown) => call<T>('PATCH', p, b ?? {}),
    del: <T = any>(p: string) => call<T>('DELETE', p),
  };
}
export type Client = ReturnType<typeof client>;

let phoneSeq = 0;
/** Logs in a new member (dev login); each call is a different person unless `phone` is given. */
export async function member(s: TestServer, name = '测试工友', phone?: string): Promise<Client & { id: string }> {
  const p = phone ?? `139${String(process.pid % 10000).padStart(4, '0')}${String(phoneSeq++).padStart(4, '0')}`;
  const r = await client(s).post('/api/auth/dev-login', { name, phone: p });
  if (r.status !== 200) throw new Error(`dev-login failed: ${r.status} ${r.text}`);
  return Object.assign(client(s, r.body.token), { id: r.body.user.id as string });
}

export async function admin(s: TestServer): Promise<Client> {
  const r = await client(s).post('/api/auth/staff', ADMIN);
  if (r.status !== 200) throw new Error(`staff login failed: ${r.status} ${r.text}`);
  return client(s, r.body.token);
}

/** Creates a staff account with `role` and returns a logged-in client. */
export async function staffWithRole(s: TestServer, role: 'staff' | 'legal' | 'admin', username = `${role}-${phoneSeq++}`): Promise<Client> {
  const a = await admin(s);
  const created = await a.post('/api/admin/users', { username, password: 'password-1234', role, name: `${role}员` });
  if (created.status !== 201) throw new Error(`create staff failed: ${created.text}`);
  const r = await client(s).post('/api/auth/staff', { username, password: 'password-1234' });
  return client(s, r.body.token);
}

/** A station open 10:00–20:00 with the given quota. */
export async function makeStation(a: Client, dailyQuota = 5, extra: Record<string, unknown> = {}) {
  const r = await a.post('/api/admin/meal-stations', { name: '测试服务站', address: '测试路 1 号', district: '上城区', hours: '10:00-20:00', dailyQuota, ...extra });
  if (r.status !== 201) throw new Error(`station: ${r.text}`);
  return r.body as { id: string };
}

export async function makeStudioSession(a: Client, capacity: number, startsAt = '2026-11-25T09:30:00+08:00') {
  const st = await a.post('/api/admin/studios', {
    name: '测试劳模创新工作室',
    leader: '李师傅',
    leaderTitle: '全国劳动模范',
    company: '测试机械厂',
    field: '数控加工',
    address: '测试路 2 号',
    description: '测试用工作室',
  });
  if (st.status !== 201) throw new Error(`studio: ${st.text}`);
  const endsAt = new Date(Date.parse(startsAt) + 2 * 3600_000).toISOString();
  const se = await a.post('/api/admin/sessions', { studioId: st.body.id, startsAt, endsAt, capacity });
  if (se.status !== 201) throw new Error(`session: ${se.text}`);
  return { studioId: st.body.id as string, sessionId: se.body.id as string };
}

export async function makeSlot(a: Client, startsAt = '2026-11-24T10:00:00+08:00', mode = 'onsite') {
  const endsAt = new Date(Date.parse(startsAt) + 45 * 60_000).toISOString();
  const r = await a.post('/api/admin/legal-slots', { startsAt, endsAt, mode, lawyer: '周律师' });
  if (r.status !== 201) throw new Error(`slot: ${r.text}`);
  return r.body as { id: string };
}
