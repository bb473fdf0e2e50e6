/**
 * Staff reads at 100,000 bookings, on both stores: the day's CSV export, the day's report
 * (GET /api/admin/stats) and the first page of the day's list, over real HTTP on 127.0.0.1 against the
 * app built in this process. Every store call the requests make is counted (a Tx method call inside a
 * read), so the number shows whether it grows with the bookings.
 *
 * 100,000 meal bookings over 10 days at 40 stations: each day holds 10,000; the export is one day.
 * Run alone: `npx tsx bench/reads.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, businessDate } from '../shared/calendar/index.js';
import type { Booking, User } from '../shared/schemas/index.js';
import { buildApp } from '../server/app.js';
import { testConfig } from '../server/config.js';
import { sha256 } from '../server/ids.js';
import { LowdbStore } from '../server/store/lowdb/index.js';
import type { Store, Tx } from '../server/store/types.js';
import { createTestDatabase, startCluster } from '../test/helpers/postgres.js';

const BOOKINGS = 100_000;
const DAYS = 10;
const STATIONS = 40;
const MEMBERS = 10_000;
const TOKEN = 'bench-staff-token';

export interface ReadResult {
  store: 'lowdb' | 'postgres';
  /** Bookings on the day read. */
  dayBookings: number;
  request: string;
  /** Median of 5 requests. */
  ms: number;
  storeCalls: number;
  bytes: number;
}

/** Counts every Tx method call made inside `read`. */
function counting(inner: Store, calls: { n: number }): Store {
  const wrap = (tx: Tx) =>
    new Proxy(tx, {
      get: (t, k) => {
        const v = (t as unknown as Record<string | symbol, unknown>)[k];
        return typeof v === 'function' ? (...a: unknown[]) => (calls.n++, (v as (...x: unknown[]) => unknown).apply(t, a)) : v;
      },
    });
  return {
    kind: inner.kind,
    atomic: (locks, fn) => inner.atomic(locks, fn),
    read: (fn) => inner.read((tx) => fn(wrap(tx))),
    onNotice: (l) => inner.onNotice(l),
    stats: () => inner.stats(),
    close: () => inner.close(),
  };
}

async function seed(store: Store, today: string): Promise<void> {
  const now = new Date().toISOString();
  await store.atomic([], async (tx) => {
    for (let s = 0; s < STATIONS; s++) {
      await tx.put('stations', { id: `st_r${s}`, name: `读取服务站${s}`, address: '压测路', district: '上城区', hours: '00:00-23:59', dailyQuota: 10_000, createdAt: now });
    }
    const staff: User = { id: 'u_staff', role: 'admin', name: '管理员', phone: null, username: 'bench-admin', createdAt: now, erasedAt: null };
    await tx.put('users', staff);
    const far = new Date(Date.now() + 86_400_000).toISOString();
    await tx.put('authSessions', { id: sha256(TOKEN), tokenHash: sha256(TOKEN), userId: staff.id, createdAt: now, expiresAt: far });
  });
  const batch = 2000;
  for (let b = 0; b < BOOKINGS; b += batch) {
    await store.atomic([], async (tx) => {
      for (let i = b; i < Math.min(b + batch, BOOKINGS); i++) {
        if (i < MEMBERS) {
          await tx.put('users', { id: `u_r${i}`, role: 'member', name: `工友${i}`, phone: `13${String(i).padStart(9, '0')}`, openid: null, createdAt: now, erasedAt: null });
        }
        const booking: Booking = {
          id: `bk_r${i}`, service: 'meal', status: i % 10 === 0 ? 'cancelled' : 'confirmed', code: String(10_000_000 + i), memberId: `u_r${i % MEMBERS}`,
          createdAt: now, checkedInAt: i % 3 === 0 ? now : null, cancelledAt: null, promotedAt: null, seq: i + 1,
          stationId: `st_r${i % STATIONS}`, date: addDays(today, Math.floor(i / (BOOKINGS / DAYS)) - 5),
        };
        await tx.put('bookings', booking);
      }
    });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(kind: 'lowdb' | 'postgres', raw: Store): Promise<ReadResult[]> {
  const today = businessDate(new Date());
  await seed(raw, today);
  const calls = { n: 0 };
  const app = await buildApp({ config: testConfig({ RATE_LIMIT: 0 }), store: counting(raw, calls) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const day = today;
  // the staff list's second page starts where the first ended (its nextCursor)
  const first = (await (await fetch(`${base}/api/admin/bookings?date=${day}&limit=50`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { nextCursor: string };
  const requests: [string, string][] = [
    ['day export (CSV)', `/api/admin/bookings?format=csv&date=${day}`],
    ['day export (XLSX)', `/api/admin/bookings?format=xlsx&date=${day}`],
    ['day report (stats)', `/api/admin/stats?from=${day}&to=${day}`],
    ['day list, first page of 50', `/api/admin/bookings?date=${day}&limit=50`],
    ['day list, second page of 50 (cursor)', `/api/admin/bookings?date=${day}&limit=50&cursor=${first.nextCursor}`],
    // phones end in the member number: 0042 is one member, with a booking most days
    ['search by phone last 4 digits, one day', `/api/admin/bookings?q=0042&date=${day}&limit=50`],
    ['search by voucher code, all days', `/api/admin/bookings?q=${10_000_000 + 54_321}&limit=50`],
    ['10-day report', `/api/admin/stats?from=${addDays(day, -5)}&to=${addDays(day, 4)}`],
  ];
  const out: ReadResult[] = [];
  try {
    for (const [request, path] of requests) {
      const times: number[] = [];
      let bytes = 0;
      let storeCalls = 0;
      for (let k = 0; k < 5; k++) {
        calls.n = 0;
        const t = performance.now();
        const r = await fetch(base + path, { headers: { authorization: `Bearer ${TOKEN}` } });
        const body = await r.arrayBuffer();
        times.push(performance.now() - t);
        if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
        bytes = body.byteLength;
        storeCalls = calls.n;
      }
      out.push({ store: kind, dayBookings: BOOKINGS / DAYS, request, ms: Math.round(median(times) * 10) / 10, storeCalls, bytes });
    }
  } finally {
    await app.close();
  }
  return out;
}

export async function benchReads(): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'gongyou-reads-'));
  const lowdb = await LowdbStore.open({ file: join(dir, 'db.json') });
  try {
    results.push(...(await measure('lowdb', lowdb)));
  } finally {
    await lowdb.close();
    await rm(dir, { recursive: true, force: true });
  }
  const cluster = process.env.BENCH_DATABASE_URL ? null : await startCluster({ durable: true });
  const db = await createTestDatabase(cluster?.url ?? process.env.BENCH_DATABASE_URL);
  const { PostgresStore } = await import('../server/store/postgres/index.js');
  const pg = await PostgresStore.open({ url: db.url });
  try {
    results.push(...(await measure('postgres', pg)));
  } finally {
    await pg.close();
    await db.drop().catch(() => {});
    await cluster?.destroy();
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchReads().then(
    (r) => {
      console.table(r);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
