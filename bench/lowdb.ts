/**
 * Booking throughput on the lowdb store as a ratio of /healthz throughput in the same run, with
 * 0, 10k and 100k bookings already in the file. The server runs as its own process (server/main.ts);
 * autocannon drives it from this one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { addDays, businessDate } from '../shared/calendar/index.js';
import { sha256 } from '../server/ids.js';
import { spawnServer } from '../test/helpers/process.js';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

export async function load(url: string, opts: { path: string; method?: 'GET' | 'POST'; seconds: number; connections?: number; body?: (i: number) => { body: string; token: string } }): Promise<LoadResult> {
  let i = 0;
  const r = await autocannon({
    url,
    connections: opts.connections ?? 50,
    duration: opts.seconds,
    requests: [
      opts.body
        ? {
            method: opts.method ?? 'POST',
            path: opts.path,
            setupRequest: (req) => {
              const { body, token } = opts.body!(i++);
              return { ...req, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
            },
          }
        : { method: opts.method ?? 'GET', path: opts.path },
    ],
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx };
}

const MEMBERS = 30_000;
const STATIONS = 40; // 40 × 10,000 places a date: no request of a run meets a full quota

/** A snapshot with stations, members with known tokens, and `prior` past bookings. */
export function snapshot(prior: number, today: string) {
  const now = new Date().toISOString();
  const far = new Date(Date.now() + 86_400_000).toISOString();
  const stations = Array.from({ length: STATIONS }, (_, i) => ({
    id: `st_bench${i}`, name: `压测服务站${i}`, address: '压测路', district: '上城区', hours: '00:00-23:59', dailyQuota: 10_000, createdAt: now,
  }));
  const users = Array.from({ length: MEMBERS }, (_, i) => ({ id: `u_b${i}`, role: 'member', name: `工友${i}`, phone: `13${String(i).padStart(9, '0')}`, openid: null, createdAt: now, erasedAt: null }));
  const authSessions = users.map((u) => ({ id: sha256(`tok-${u.id}`), tokenHash: sha256(`tok-${u.id}`), userId: u.id, createdAt: now, expiresAt: far }));
  const bookings = Array.from({ length: prior }, (_, i) => ({
    id: `bk_p${i}`, service: 'meal', status: i % 10 === 0 ? 'cancelled' : 'confirmed', code: String(10_000_000 + i), memberId: `u_b${i % MEMBERS}`,
    createdAt: now, checkedInAt: null, cancelledAt: null, promotedAt: null, seq: i + 1, stationId: `st_bench${i % STATIONS}`, date: addDays(today, -1 - (i % 365)),
  }));
  return { format: 'gongyou-yizhan/1', journalSeq: 0, counters: { 'seq:booking': prior }, users, authSessions, stations, bookings, studios: [], sessions: [], slots: [], notices: [], idempotency: [], subscriptions: [], kv: [] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Alternates one-second /healthz and booking runs (`rounds` times) on the same server, so both
 * see the same machine; reports the median of the per-round ratios and of each throughput.
 */
export async function benchLowdb(prior: number, seconds = 5, rounds = Math.max(3, seconds)) {
  const dir = await mkdtemp(join(tmpdir(), 'gongyou-bench-'));
  const file = join(dir, 'db.json');
  const today = businessDate(new Date());
  await writeFile(file, JSON.stringify(snapshot(prior, today)));
  // the lock auditor is for tests: measure the server as it runs in production
  const srv = await spawnServer({ DATA_FILE: file, LOG: '0', LOCK_AUDIT: '0' }, 120_000);
  // every request is a different (member, date) pair, so every one is a real new booking
  let i = 0;
  const booking = () => {
    const n = i++;
    return {
      token: `tok-u_b${n % MEMBERS}`,
      body: JSON.stringify({ service: 'meal', stationId: `st_bench${n % STATIONS}`, date: addDays(today, Math.floor(n / MEMBERS) % 4) }),
    };
  };
  try {
    await load(srv.url, { path: '/healthz', seconds: 1 }); // warm up both paths
    await load(srv.url, { path: '/api/bookings', method: 'POST', seconds: 1, body: booking });
    const health: LoadResult[] = [];
    const book: LoadResult[] = [];
    for (let r = 0; r < rounds; r++) {
      health.push(await load(srv.url, { path: '/healthz', seconds: 1 }));
      book.push(await load(srv.url, { path: '/api/bookings', method: 'POST', seconds: 1, body: booking }));
    }
    return {
      prior,
      healthRps: median(health.map((h) => h.rps)),
      bookingRps: median(book.map((b) => b.rps)),
      ratio: median(book.map((b, r) => b.rps / health[r]!.rps)),
      p50: median(book.map((b) => b.p50)),
      p99: median(book.map((b) => b.p99)),
      non2xx: book.reduce((n, b) => n + b.non2xx, 0),
      bookingsInFile: prior + i,
    };
  } finally {
    await srv.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const n of [0, 10_000, 100_000]) console.log(await benchLowdb(n));
}
