/**
 * `npm run bench`: every figure the issues ask for, measured in one run on this machine, printed and
 * written to bench/RESULTS.md. Throughput is reported as ratios within the run (booking vs /healthz,
 * two processes vs one), because absolute req/s depend on the machine and its load.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { benchLowdb } from './lowdb.js';
import { benchPostgres } from './postgres.js';
import { benchReads } from './reads.js';
import { benchRights, engineFootprint } from './rights.js';
import { measureSizes } from './sizes.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const only = (process.env.BENCH_ONLY ?? 'lowdb,postgres,reads,rights,sizes').split(',');
const lines: string[] = [];
const out = (s = '') => {
  console.log(s);
  lines.push(s);
};

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(2)} at start`;
out('# Benchmark results');
out();
out(`Measured ${new Date().toISOString()} on ${machine}. 50 connections on 127.0.0.1; the server runs in its`);
out('own process (server/main.ts). Load generator: autocannon in this process for lowdb; for PostgreSQL `wrk` (C, like');
out("pgbench's client) where Debian's wrk is installed, else autocannon. All of them share the cores.");
out('lowdb: /healthz and booking runs of 1 s alternate on the same server; figures are medians of the rounds.');
out();

if (only.includes('lowdb')) {
  out('## Bookings on lowdb (goal: ratio ≥ 0.25 at 100,000 prior bookings)');
  out();
  out('| prior bookings | /healthz req/s | booking req/s | ratio (median of rounds) | p50 ms | p99 ms | non-2xx |');
  out('|---:|---:|---:|---:|---:|---:|---:|');
  for (const prior of [0, 10_000, 100_000]) {
    const r = await benchLowdb(prior, seconds);
    out(`| ${prior.toLocaleString('en')} | ${Math.round(r.healthRps)} | ${Math.round(r.bookingRps)} | **${r.ratio.toFixed(2)}** | ${r.p50} | ${r.p99} | ${r.non2xx} |`);
  }
  out();
}

if (only.includes('postgres')) {
  out('## Bookings on PostgreSQL, against pgbench on the same cluster');
  out();
  try {
    const p = await benchPostgres(seconds);
    out('| server processes | booking req/s | p50 ms | p99 ms |');
    out('|---:|---:|---:|---:|');
    out(`| 1 | ${p.oneProcess} | ${p.p50} | ${p.p99} |`);
    out(`| 2 | ${p.twoProcesses} | ${p.p50TwoProcesses} | ${p.p99TwoProcesses} |`);
    out();
    out(`Two processes / one: ${(p.twoProcesses / p.oneProcess).toFixed(2)}×; booking / /healthz (one process, ${p.healthz} req/s): ${(p.oneProcess / p.healthz).toFixed(2)}; non-2xx: ${p.non2xx}.`);
    out();
    const server = p.serverCpuMsPerBooking ?? NaN;
    const database = p.postgresCpuMsPerBooking ?? NaN;
    if (Number.isFinite(server + database)) {
      out(`CPU per booking (goal ≤ 1.0 ms): server **${server} ms** + PostgreSQL **${database} ms** = **${(server + database).toFixed(2)} ms**; the load generator (${p.client === 'wrk' ? 'wrk, C' : 'autocannon, this process'}) ${p.clientCpuMsPerBooking} ms more.`);
      if (p.machineBusy !== null) out(`Both cores were ${Math.round(p.machineBusy * 100)}% busy during the one-process run (every process of the machine).`);
    }
    if (p.pgbench) {
      const g = p.pgbench;
      out();
      out(`pgbench, ${50} clients, same cluster, same run: TPC-B-like **${g.tpcb} tps** (PostgreSQL ${g.postgresCpuMsPerTx ?? '?'} ms CPU a transaction), simple-update (-N) ${g.simpleUpdate} tps.`);
      out(`Bookings/s ÷ pgbench TPC-B tps (goal ≥ 1.0): **${(p.oneProcess / g.tpcb).toFixed(2)}**.`);
      if (Number.isFinite(server + database) && g.postgresCpuMsPerTx) {
        const perBooking = server + database + p.clientCpuMsPerBooking;
        out();
        out(`Why, on ${cpus().length} cores: everything shares them. A booking costs ${perBooking.toFixed(2)} ms of CPU in all (server, database, load generator), so at most`);
        out(`≈ ${Math.round((cpus().length * 1000) / perBooking)} bookings/s fit; a pgbench transaction costs ${g.postgresCpuMsPerTx} ms (its C client next to nothing), ≈ ${Math.round((cpus().length * 1000) / g.postgresCpuMsPerTx)} tps.`);
        out(`The database work of a booking is ${(database / g.postgresCpuMsPerTx).toFixed(2)} of a TPC-B transaction's: with the servers on other cores, the same database`);
        out(`would take ≈ ${Math.round((g.tpcb * g.postgresCpuMsPerTx) / database)} bookings/s (pgbench's tps × its CPU ÷ ours).`);
        if (p.serverCpuMsPerHealthz !== null) {
          out(`The server's share is the HTTP request (${p.serverCpuMsPerHealthz} ms for /healthz) plus the booking's work and its three`);
          out(`PostgreSQL round trips in Node (the rest of its ${server} ms); for the ratio to reach 1.0 on shared cores the whole booking would have to`);
          out(`cost what pgbench's transaction costs, ${g.postgresCpuMsPerTx} ms, less than the database part of a booking plus the HTTP request alone.`);
        }
      }
    }
    if (p.pinned) {
      const q = p.pinned;
      out();
      out('Pinned (taskset): PostgreSQL on core 0, the server and wrk — or pgbench\'s client — on core 1, so the database has a core of its own');
      out('in both runs, as when the servers run on other machines:');
      out();
      out('| run | per second | server CPU ms | PostgreSQL CPU ms |');
      out('|---|---:|---:|---:|');
      out(`| bookings, one process | ${q.bookings} | ${q.serverCpuMsPerBooking ?? '?'} | ${q.postgresCpuMsPerBooking ?? '?'} |`);
      out(`| pgbench TPC-B-like, 50 clients | ${q.pgbenchTpcb ?? '?'} | — | ${q.pgbenchCpuMsPerTx ?? '?'} |`);
      out();
      if (q.pgbenchTpcb) out(`Bookings/s ÷ pgbench TPC-B tps, pinned: **${(q.bookings / q.pgbenchTpcb).toFixed(2)}**.`);
    }
  } catch (err) {
    out(`Not measured: ${(err as Error).message}`);
  }
  out();
}

if (only.includes('reads')) {
  out('## Staff reads at 100,000 bookings (10 days × 10,000, 40 stations)');
  out();
  out('| store | request | store calls | ms | bytes |');
  out('|---|---|---:|---:|---:|');
  for (const r of await benchReads()) out(`| ${r.store} | ${r.request} | ${r.storeCalls} | ${r.ms} | ${r.bytes.toLocaleString('en')} |`);
  out();
  out('Store calls are Tx method calls inside reads (the login session is one of them); they do not grow with the bookings.');
  out();
}

if (only.includes('rights')) {
  const r = await benchRights(2000);
  out('## Rights answer engine (goal: ≥ 5,000 answers/s on one core)');
  out();
  out(`**${Math.round(r.answersPerSecond).toLocaleString('en')} answers/s** (one thread, mixed questions, after loading).`);
  const f = engineFootprint();
  out();
  out(`Loaded engine: ${f.topics} topics, ${f.points} points; **${f.heapMb.toFixed(1)} MB** of heap after GC, ${Math.round(f.loadMs)} ms to load and index (fresh process).`);
  out();
}

if (only.includes('sizes')) {
  out('## Mini-program sizes (goals: weapp main package ≤ 600 KB, h5 initial JS ≤ 250 KB gzipped)');
  out();
  try {
    const s = await measureSizes();
    out(`weapp main package **${s.weappMainKB.toFixed(0)} KB** (all packages ${s.weappTotalKB.toFixed(0)} KB, WeChat's limit 2048 KB); h5 initial JavaScript **${s.h5InitialGzipKB.toFixed(0)} KB** gzipped.`);
  } catch (err) {
    out(`Not measured (build first: npm run build:weapp && npm run build:h5): ${(err as Error).message}`);
  }
  out();
}

// A partial run (BENCH_ONLY) prints only; RESULTS.md always holds one complete run.
if (!process.env.BENCH_ONLY) {
  await writeFile(new URL('./RESULTS.md', import.meta.url), `${lines.join('\n')}\n`);
  console.log('written to bench/RESULTS.md');
}
process.exit(0);
