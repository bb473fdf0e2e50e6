/**
 * Booking throughput on PostgreSQL with one and with two server processes on one database
 * (each process on its own port, load split evenly), on 127.0.0.1. Every request is a new booking
 * by a different (member, date) pair, so each one takes the station lock, counts and inserts.
 * PostgreSQL's own yardstick runs on the same cluster in the same run: pgbench's TPC-B-like
 * transaction and its simple-update variant (-N), with the same number of clients.
 *
 * Uses a private, durable cluster (fsync on) unless BENCH_DATABASE_URL names a server.
 * Run alone: `npx tsx bench/postgres.ts`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { addDays, businessDate } from '../shared/calendar/index.js';
import { sha256 } from '../server/ids.js';
import { PostgresStore } from '../server/store/postgres/index.js';
import { createTestDatabase, postgresBinDir, startCluster } from '../test/helpers/postgres.js';
import { startServerProcess, type ServerProcess } from '../test/faults/server-process.js';

const MEMBERS = 12_000;
const STATIONS = 40;
const CONNECTIONS = 50; // in total, split over the processes (as in the lowdb runs)
const token = (i: number) => `bench-tok-${i}`;
// the lock auditor is for tests: measure the server as it runs in production
// room for the runs' dates: one process books today+0…3, two processes +4…7, pinned +8…11, the warm-up +13
const NO_AUDIT = { LOCK_AUDIT: '0', MEAL_DAYS_AHEAD: '13' };
const WARM_DAY = 13;
const TWO_PROCESS_DAY = 4;
const PINNED_DAY = 8;

/**
 * The load generator of the booking runs. pgbench's client is C and costs next to nothing; so does
 * wrk (Debian's `wrk`, with bench/bookings.lua making the bookings), so where it is installed the
 * comparison is server + database against database. autocannon (JavaScript, in this process) costs
 * ~0.1 ms of the same two cores a booking; it is used without wrk, or with BENCH_CLIENT=autocannon.
 */
const WRK = '/usr/bin/wrk';
export const loadGenerator = (): 'wrk' | 'autocannon' =>
  process.env.BENCH_CLIENT !== 'autocannon' && existsSync(WRK) ? 'wrk' : 'autocannon';
const LUA = fileURLToPath(new URL('./bookings.lua', import.meta.url));

export interface PostgresBench {
  /** Booking req/s, one server process. */
  oneProcess: number;
  /** Booking req/s, two server processes on the same database. */
  twoProcesses: number;
  /** Latency (ms) of the one-process booking run. */
  p50: number;
  p99: number;
  /** Latency (ms) of the two-process booking run. */
  p50TwoProcesses: number;
  p99TwoProcesses: number;
  /** /healthz req/s of one process in the same run, for the ratio. */
  healthz: number;
  /** Answers other than 2xx (must be 0: every request is a fresh, valid booking). */
  non2xx: number;
  /** CPU milliseconds per booking in the one-process run (Linux /proc; null elsewhere). */
  serverCpuMsPerBooking: number | null;
  postgresCpuMsPerBooking: number | null;
  /** CPU ms of the server per /healthz request (HTTP alone, no store). */
  serverCpuMsPerHealthz: number | null;
  /** CPU ms per booking of the load generator (wrk, or autocannon in this process). */
  clientCpuMsPerBooking: number;
  client: 'wrk' | 'autocannon';
  /** Share of both cores busy (all processes of the machine) during the one-process run. */
  machineBusy: number | null;
  /**
   * PostgreSQL pinned to core 0, everything else (the server and wrk, or pgbench's client) to core 1:
   * the database's own throughput when its clients do not take its CPU (null without taskset, wrk
   * or two cores).
   */
  pinned: { bookings: number; serverCpuMsPerBooking: number | null; postgresCpuMsPerBooking: number | null; pgbenchTpcb: number | null; pgbenchCpuMsPerTx: number | null } | null;
  /** pgbench on the same cluster, same client count (null when pgbench is not installed). */
  pgbench: PgbenchResult | null;
}

export interface PgbenchResult {
  /** TPC-B-like (the default script: 5 statements in a transaction). */
  tpcb: number;
  /** -N: the same without the two contended updates. */
  simpleUpdate: number;
  /** PostgreSQL CPU ms per TPC-B transaction (private cluster only). */
  postgresCpuMsPerTx: number | null;
}

const run = promisify(execFile);

/** pgbench at scale 10 in its own database of the cluster: TPC-B-like, then -N, `seconds` each. */
async function pgbench(clusterUrl: string, seconds: number, pg: number | undefined, clientCpus?: string): Promise<PgbenchResult | null> {
  let bin: string;
  try {
    bin = join(postgresBinDir(), 'pgbench');
  } catch {
    return null;
  }
  if (!existsSync(bin)) return null;
  const db = await createTestDatabase(clusterUrl);
  try {
    await run(bin, ['-i', '-s', '10', '-q', db.url], { maxBuffer: 1 << 24 });
    const once = async (extra: string[]) => {
      const cpu0 = cpuSeconds(pg, true);
      const args = ['-c', String(CONNECTIONS), '-j', '2', '-T', String(seconds), '-n', ...extra, db.url];
      const { stdout } = clientCpus ? await run('taskset', ['-c', clientCpus, bin, ...args], { maxBuffer: 1 << 24 }) : await run(bin, args, { maxBuffer: 1 << 24 });
      const cpu1 = cpuSeconds(pg, true);
      const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? NaN);
      const txs = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? NaN);
      return { tps, cpuMs: cpu0 === null || cpu1 === null ? null : Math.round(((cpu1 - cpu0) * 1000 * 100) / txs) / 100 };
    };
    const tpcb = await once([]);
    // pinned: the TPC-B-like run only
    const simple = clientCpus ? { tps: NaN } : await once(['-N']);
    return { tpcb: Math.round(tpcb.tps), simpleUpdate: Math.round(simple.tps), postgresCpuMsPerTx: tpcb.cpuMs };
  } finally {
    await db.drop().catch(() => {});
  }
}

/**
 * CPU seconds (user + system) of `pid`, plus its children when `withChildren` (a postmaster's
 * backends: those running now, and those that exited, which the kernel adds to cutime/cstime).
 */
export function cpuSeconds(pid: number | undefined, withChildren = false): number | null {
  const stat = (p: string) => readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const cpu = (f: string[]) => (Number(f[11]) + Number(f[12])) / 100;
  const exitedChildren = (f: string[]) => (Number(f[13]) + Number(f[14])) / 100;
  if (!pid) return null;
  try {
    const own = stat(String(pid));
    let total = cpu(own) + (withChildren ? exitedChildren(own) : 0);
    if (withChildren) {
      for (const p of readdirSync('/proc')) {
        if (!/^\d+$/.test(p)) continue;
        try {
          const f = stat(p);
          if (Number(f[1]) === pid) total += cpu(f);
        } catch {
          /* gone meanwhile */
        }
      }
    }
    return total;
  } catch {
    return null;
  }
}

export async function seedForBench(url: string): Promise<void> {
  const store = await PostgresStore.open({ url });
  try {
    const now = new Date().toISOString();
    const far = new Date(Date.now() + 30 * 86_400_000).toISOString();
    await store.atomic([], async (tx) => {
      for (let s = 0; s < STATIONS; s++) {
        await tx.put('stations', { id: `st_bench${s}`, name: `压测服务站${s}`, address: '压测路', district: '上城区', hours: '00:00-23:59', dailyQuota: 10_000, createdAt: now });
      }
    });
    const batch = 1000;
    const putBatch = (b: number) =>
      store.atomic([], async (tx) => {
        for (let i = b * batch; i < (b + 1) * batch; i++) {
          const id = `u_b${i}`;
          await tx.put('users', { id, role: 'member', name: `工友${i}`, phone: `13${String(i).padStart(9, '0')}`, openid: null, createdAt: now, erasedAt: null });
          const h = sha256(token(i));
          await tx.put('authSessions', { id: h, tokenHash: h, userId: id, createdAt: now, expiresAt: far });
        }
      });
    for (let b = 0; b < MEMBERS / batch; b += 4) await Promise.all([b, b + 1, b + 2, b + 3].filter((x) => x < MEMBERS / batch).map(putBatch));
  } finally {
    await store.close();
  }
}

/**
 * Two seconds of bookings before measuring, so the booking path is compiled and the statements are
 * prepared (steady state): on the last bookable date, by members counted from the top, which the
 * measured runs (from member 0, on the earlier dates) do not reach.
 */
async function warmBookings(srv: ServerProcess, today: string): Promise<void> {
  let j = 0;
  await autocannon({
    url: srv.url,
    connections: CONNECTIONS,
    duration: 2,
    requests: [
      {
        method: 'POST',
        path: '/api/bookings',
        setupRequest: (req) => {
          const k = j++;
          const member = MEMBERS - 1 - (k % MEMBERS);
          return {
            ...req,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token(member)}` },
            body: JSON.stringify({ service: 'meal', stationId: `st_bench${k % STATIONS}`, date: addDays(today, WARM_DAY) }),
          };
        },
      },
    ],
  });
}

/** Busy and total jiffies of all cores (/proc/stat), for the share busy during a run. */
function machineJiffies(): { busy: number; total: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3]! + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Processes whose parent is `pid` (a postmaster's backends and helpers). */
function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      if (Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid) out.push(Number(p));
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/** Pins `pid` with all its threads, and its child processes when `withChildren`, to `cpus` ("0", "1", "0,1"). */
async function pin(pid: number, cpus: string, withChildren = false): Promise<void> {
  for (const p of [pid, ...(withChildren ? childPids(pid) : [])]) await run('taskset', ['-a', '-p', '-c', cpus, String(p)]).catch(() => {});
}

const canPin = () => existsSync('/usr/bin/taskset') && cpus().length === 2;

/**
 * One wrk against `url`: its JSON summary (bookings.lua's done()) and its CPU seconds, read by the
 * shell that waited for it (its children's times in /proc/<shell>/stat).
 */
async function wrk(args: string[], onCpus?: string): Promise<{ summary: { requests: number; durationUs: number; p50Us: number; p99Us: number; non2xx: number; errors: number } | null; rps: number; cpu: number }> {
  const quoted = [...(onCpus ? ['taskset', '-c', onCpus] : []), WRK, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const { stdout } = await run('sh', ['-c', `${quoted}; cat /proc/$$/stat`], { maxBuffer: 1 << 24 });
  const lines = stdout.trim().split('\n');
  const stat = lines.pop()!.split(') ')[1]!.split(' ');
  const json = lines.find((l) => l.startsWith('{"requests"'));
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN);
  return { summary: json ? JSON.parse(json) : null, rps, cpu: (Number(stat[13]) + Number(stat[14])) / 100 };
}

interface Run {
  rps: number;
  total: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** CPU seconds of the load generator. */
  clientCpu: number;
}

/** Bookings against `servers` at once, by wrk: one wrk a server, the threads split like the connections. */
async function wrkBookingRun(servers: ServerProcess[], seconds: number, today: string, firstDay: number, onCpus?: string): Promise<Run> {
  const n = servers.length;
  const threads = Math.max(1, 2 / n);
  const dates = [0, 1, 2, 3].map((d) => addDays(today, firstDay + d)).join(',');
  const results = await Promise.all(
    servers.map((srv, k) =>
      wrk(['-t', String(threads), '-c', String(CONNECTIONS / n), '-d', `${seconds}s`, '-s', LUA, `${srv.url}/api/bookings`, '--', String(MEMBERS), String(STATIONS), String(k), String(n), dates, String(threads)], onCpus),
    ),
  );
  const sums = results.map((r) => r.summary!);
  return {
    rps: sums.reduce((s, r) => s + (r.requests * 1e6) / r.durationUs, 0),
    total: sums.reduce((s, r) => s + r.requests, 0),
    p50: Math.max(...sums.map((r) => Math.round(r.p50Us / 1000))),
    p99: Math.max(...sums.map((r) => Math.round(r.p99Us / 1000))),
    non2xx: sums.reduce((s, r) => s + r.non2xx + r.errors, 0),
    clientCpu: results.reduce((s, r) => s + r.cpu, 0),
  };
}

/** Bookings against `servers` at once; instance k of n books members k, k+n, … on dates from `firstDay`. */
async function bookingRun(servers: ServerProcess[], seconds: number, today: string, firstDay: number): Promise<Run> {
  if (loadGenerator() === 'wrk') return wrkBookingRun(servers, seconds, today, firstDay);
  const n = servers.length;
  const cpu0 = process.cpuUsage();
  const results = await Promise.all(
    servers.map((srv, k) => {
      let i = 0;
      return autocannon({
        url: srv.url,
        connections: CONNECTIONS / n,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            path: '/api/bookings',
            setupRequest: (req) => {
              const slot = k + n * i++;
              const member = slot % MEMBERS;
              const date = addDays(today, firstDay + Math.floor(slot / MEMBERS));
              return {
                ...req,
                headers: { 'content-type': 'application/json', authorization: `Bearer ${token(member)}` },
                body: JSON.stringify({ service: 'meal', stationId: `st_bench${slot % STATIONS}`, date }),
              };
            },
          },
        ],
      });
    }),
  );
  return {
    rps: results.reduce((s, r) => s + r.requests.average, 0),
    total: results.reduce((s, r) => s + r.requests.total, 0),
    // the slower instance's latency: what a client of the busier process sees
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    non2xx: results.reduce((s, r) => s + r.non2xx + r.errors, 0),
    clientCpu: (() => {
      const c = process.cpuUsage(cpu0);
      return (c.user + c.system) / 1e6;
    })(),
  };
}

export async function benchPostgres(seconds = 4): Promise<PostgresBench> {
  const cluster = process.env.BENCH_DATABASE_URL ? null : await startCluster({ durable: true });
  const db = await createTestDatabase(cluster?.url ?? process.env.BENCH_DATABASE_URL);
  const servers: ServerProcess[] = [];
  try {
    const today = businessDate(new Date());
    await seedForBench(db.url);
    servers.push(await startServerProcess({ databaseUrl: db.url, env: NO_AUDIT }));
    const warm = (srv: ServerProcess) =>
      autocannon({ url: `${srv.url}/api/meal-stations`, connections: 16, duration: 1 }); // pools, JIT, caches
    await warm(servers[0]);
    await warmBookings(servers[0], today);
    const healthSeconds = Math.min(seconds, 3);
    const healthCpu0 = cpuSeconds(servers[0].child.pid);
    const health =
      loadGenerator() === 'wrk'
        ? (await wrk(['-t', '2', '-c', String(CONNECTIONS), '-d', `${healthSeconds}s`, `${servers[0].url}/healthz`])).rps
        : (await autocannon({ url: `${servers[0].url}/healthz`, connections: CONNECTIONS, duration: healthSeconds })).requests.average;
    const healthCpu1 = cpuSeconds(servers[0].child.pid);
    // what the server spends on an HTTP request that does nothing: the floor under a booking's share
    const serverCpuMsPerHealthz = healthCpu0 === null || healthCpu1 === null ? null : Math.round(((healthCpu1 - healthCpu0) * 1000 * 1000) / (health * healthSeconds)) / 1000;
    const pg = cluster?.pid();
    let non2xxPinned = 0;
    const cpu0 = [cpuSeconds(servers[0].child.pid), cpuSeconds(pg, true)];
    const machine0 = machineJiffies();
    const one = await bookingRun(servers, seconds, today, 0);
    const machine1 = machineJiffies();
    const cpu1 = [cpuSeconds(servers[0].child.pid), cpuSeconds(pg, true)];
    // the yardstick, on the same cluster, while the server idles (BENCH_QUICK: the one-process run only, for A/B)
    const quick = !!process.env.BENCH_QUICK;
    const yardstick = cluster && !quick ? await pgbench(cluster.url, seconds, pg) : null;
    const perBooking = (i: number) =>
      cpu0[i] === null || cpu1[i] === null || one.total === 0 ? null : Math.round(((cpu1[i]! - cpu0[i]!) * 1000 * 100) / one.total) / 100;
    let pinned: PostgresBench['pinned'] = null;
    if (!quick && cluster && pg && loadGenerator() === 'wrk' && canPin()) {
      const server = servers[0].child.pid!;
      await pin(pg, '0', true);
      await pin(server, '1');
      try {
        const c0 = [cpuSeconds(server), cpuSeconds(pg, true)];
        const r = await wrkBookingRun(servers, seconds, today, PINNED_DAY, '1');
        const c1 = [cpuSeconds(server), cpuSeconds(pg, true)];
        const per = (i: number) => (c0[i] === null || c1[i] === null ? null : Math.round(((c1[i]! - c0[i]!) * 1000 * 100) / r.total) / 100);
        non2xxPinned = r.non2xx;
        const g = await pgbench(cluster.url, seconds, pg, '1');
        pinned = { bookings: Math.round(r.rps), serverCpuMsPerBooking: per(0), postgresCpuMsPerBooking: per(1), pgbenchTpcb: g?.tpcb ?? null, pgbenchCpuMsPerTx: g?.postgresCpuMsPerTx ?? null };
      } finally {
        await pin(pg, '0,1', true);
        await pin(server, '0,1');
      }
    }
    if (!quick) servers.push(await startServerProcess({ databaseUrl: db.url, env: NO_AUDIT }));
    if (!quick) await warm(servers[1]);
    const two = quick ? one : await bookingRun(servers, seconds, today, TWO_PROCESS_DAY);
    return {
      oneProcess: Math.round(one.rps),
      twoProcesses: Math.round(two.rps),
      p50: one.p50,
      p99: one.p99,
      p50TwoProcesses: two.p50,
      p99TwoProcesses: two.p99,
      healthz: Math.round(health),
      non2xx: one.non2xx + two.non2xx + non2xxPinned,
      serverCpuMsPerBooking: perBooking(0),
      serverCpuMsPerHealthz,
      // the private cluster's processes only (null with BENCH_DATABASE_URL)
      postgresCpuMsPerBooking: perBooking(1),
      clientCpuMsPerBooking: Math.round(((one.clientCpu * 1000) / one.total) * 100) / 100,
      client: loadGenerator(),
      machineBusy: machine0 && machine1 ? Math.round((100 * (machine1.busy - machine0.busy)) / (machine1.total - machine0.total)) / 100 : null,
      pgbench: yardstick,
      pinned,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await db.drop().catch(() => {});
    await cluster?.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchPostgres(Number(process.env.BENCH_SECONDS ?? 4)).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
