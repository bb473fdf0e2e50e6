/**
 * Where a PostgreSQL booking's CPU goes (not part of `npm run bench`): the server under booking load
 * with `node --cpu-prof`, and PostgreSQL's pg_stat_statements on the same private durable cluster.
 * `npx tsx bench/profile.ts [seconds]` prints the statements and writes the profile to PROFILE_DIR
 * (default /tmp/gongyou-prof); open the .cpuprofile in Chrome DevTools, or read the summary printed.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { addDays, businessDate } from '../shared/calendar/index.js';
import { createTestDatabase, startCluster } from '../test/helpers/postgres.js';
import { spawnServer } from '../test/helpers/process.js';
import { MEAL_FACTS } from '../server/store/postgres/tx.js';
import { seedForBench } from './postgres.js';

const seconds = Number(process.argv[2] ?? 5);
const dir = process.env.PROFILE_DIR ?? '/tmp/gongyou-prof';
mkdirSync(dir, { recursive: true });

const cluster = await startCluster({ durable: true });
const admin = new pg.Client({ connectionString: cluster.url });
await admin.connect();
await admin.query("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
await admin.end();
await cluster.stop();
await cluster.start();
const db = await createTestDatabase(cluster.url);
const c = new pg.Client({ connectionString: db.url });
await c.connect();
await c.query('CREATE EXTENSION pg_stat_statements');
await seedForBench(db.url);
const srv = await spawnServer({ DATABASE_URL: db.url, LOCK_AUDIT: '0', NODE_ENV: 'production' }, 60_000, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
const today = businessDate(new Date());
let i = 0;
const load = (duration: number, day: number) =>
  autocannon({
    url: srv.url,
    connections: 50,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/bookings',
        setupRequest: (req) => {
          const k = i++;
          return {
            ...req,
            headers: { 'content-type': 'application/json', authorization: `Bearer bench-tok-${k % 12_000}` },
            body: JSON.stringify({ service: 'meal', stationId: `st_bench${k % 40}`, date: addDays(today, day + Math.floor(k / 12_000)) }),
          };
        },
      },
    ],
  });
await load(2, 0);
await c.query('SELECT pg_stat_statements_reset()');
const r = await load(seconds, 0);
const total = r.requests.total;
console.log(`bookings: ${total} in ${seconds} s (${Math.round(r.requests.average)}/s), non-2xx ${r.non2xx}`);
const { rows } = await c.query(
  `SELECT calls, round(total_exec_time::numeric, 1) AS exec_ms, round((total_exec_time / $1)::numeric * 1000, 1) AS us_per_booking, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT 15`,
  [total],
);
console.table(rows);
// the facts statement of one busy station's date, as the server runs it (generic plan)
await c.query("SET plan_cache_mode = force_generic_plan");
await c.query(`PREPARE facts(text, text, text, text, text) AS ${MEAL_FACTS.replace("nextval('seq_booking')", '0')}`);
const plan = await c.query(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE facts('st_bench1', $1, 'u_b1', '12345678', 'meal')`.replace('$1', `'${today}'`));
console.log(plan.rows.map((x) => x['QUERY PLAN']).join('\n'));
await c.end();
await srv.kill('SIGTERM');
await db.drop().catch(() => {});
await cluster.destroy();

// The profile: self time by function, top 30.
// the main thread's profile is the largest (tsx's loader thread writes one too)
const { statSync } = await import('node:fs');
const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort((a, b) => statSync(join(dir, b)).mtimeMs - statSync(join(dir, a)).mtimeMs).slice(0, 3).sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0]!;
const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
};
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
for (const s of prof.samples) {
  const f = byId.get(s)!.callFrame;
  const where = `${f.functionName || '(anon)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?i12\//, '')}:${f.lineNumber}`;
  self.set(where, (self.get(where) ?? 0) + 1);
}
const n = prof.samples.length;
console.log(`profile ${join(dir, file)}: ${n} samples`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${((100 * v) / n).toFixed(1).padStart(5)}%  ${k}`);
process.exit(0);
