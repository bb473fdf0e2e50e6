/**
 * Throwaway PostgreSQL for tests and benchmarks: a private cluster (initdb in a temp folder,
 * listening on 127.0.0.1 on a free port) and one fresh database per test file.
 *
 * The vitest globalSetup (pg-global-setup.ts) starts one shared cluster unless TEST_DATABASE_URL
 * names an existing server; tests that stop PostgreSQL start their own with `startCluster()`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Env names the global setup uses to hand the cluster to test workers. */
export const ADMIN_URL_ENV = 'PG_TEST_ADMIN_URL';
export const SETUP_ERROR_ENV = 'PG_TEST_SETUP_ERROR';

export const MISSING_POSTGRES =
  '未找到 PostgreSQL 服务器程序（initdb/postgres）。PostgreSQL 测试不能跳过：请安装 Debian 包 ' +
  '`apt-get install -y postgresql`（提供 /usr/lib/postgresql/<版本>/bin 与 postgres 用户），' +
  '或设置 TEST_DATABASE_URL=postgres://用户@127.0.0.1:端口/postgres 指向一个可建库的服务器。';

/** Folder with initdb and postgres: the newest /usr/lib/postgresql/<n>/bin, else pg_config's. */
export function postgresBinDir(): string {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    /* not installed */
  }
  throw new Error(MISSING_POSTGRES);
}

/** PostgreSQL refuses to run as root: as root, run it as the `postgres` user Debian creates. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error(`${MISSING_POSTGRES}（以 root 运行时需要系统用户 postgres）`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ClusterOptions {
  /** Durable settings (fsync on) for benchmarks; tests run with fsync off for speed. */
  durable?: boolean;
}

export interface Cluster {
  /** Superuser URL to the `postgres` database. */
  url: string;
  port: number;
  /** Stop PostgreSQL (fast shutdown), keep the data. */
  stop(): Promise<void>;
  /** Start it again on the same port and data. */
  start(): Promise<void>;
  /** Stop and delete the data folder. */
  destroy(): Promise<void>;
  /** Process id of the postmaster while it runs. */
  pid(): number | undefined;
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const bin = postgresBinDir();
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'gongyou-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const spawnOpts = { ...(owner ?? {}), cwd: dir, env: { ...process.env, LC_ALL: 'C' } };
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions'], {
    ...spawnOpts,
    stdio: 'pipe',
  });
  const port = await freePort();
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    max_connections: '300',
    shared_buffers: '64MB',
    ...(opts.durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
  };
  const args = ['-D', data, '-p', String(port), ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | null = null;
  const killOnExit = () => child?.kill('SIGQUIT');
  process.on('exit', killOnExit);

  const start = async () => {
    let log = '';
    const c = spawn(join(bin, 'postgres'), args, { ...spawnOpts, stdio: ['ignore', 'ignore', 'pipe'] });
    c.stderr!.on('data', (d) => (log = (log + String(d)).slice(-4000)));
    let exited = false;
    c.once('exit', () => (exited = true));
    child = c;
    for (let i = 0; i < 300; i++) {
      if (exited) throw new Error(`PostgreSQL 启动失败：\n${log}`);
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => {});
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    c.kill('SIGQUIT');
    throw new Error(`PostgreSQL 30 秒内未就绪：\n${log}`);
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGINT'); // fast shutdown: roll back sessions, checkpoint, exit
    const timer = setTimeout(() => c.kill('SIGQUIT'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  await start();
  return {
    url,
    port,
    start,
    stop,
    pid: () => child?.pid,
    destroy: async () => {
      await stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Admin URL of the cluster shared by this test run (fails loudly if there is none). */
export async function adminUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  if (process.env[SETUP_ERROR_ENV]) throw new Error(process.env[SETUP_ERROR_ENV]);
  if (process.env[ADMIN_URL_ENV]) return process.env[ADMIN_URL_ENV]!;
  try {
    const { inject } = await import('vitest');
    const err = inject('pgSetupError' as never) as string | undefined;
    if (err) throw new Error(err);
    const url = inject('pgAdminUrl' as never) as string | undefined;
    if (url) return url;
  } catch (e) {
    if (e instanceof Error && e.message.includes('PostgreSQL')) throw e;
  }
  throw new Error(`没有可用的 PostgreSQL 测试集群：vitest 配置须包含 globalSetup test/helpers/pg-global-setup.ts，或设置 TEST_DATABASE_URL。\n${MISSING_POSTGRES}`);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A fresh, empty database on the shared cluster (or on `clusterUrl`). */
export async function createTestDatabase(clusterUrl?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = clusterUrl ?? (await adminUrl());
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await admin(base, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0`));
      break;
    } catch (err) {
      // "source database is being accessed by other users" when creates overlap: try again
      if (attempt >= 10) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
  return {
    url: withDatabase(base, name),
    drop: () => admin(base, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}
