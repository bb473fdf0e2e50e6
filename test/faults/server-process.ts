/**
 * A real server process on 127.0.0.1 (test/helpers/process.ts starts it) with the staff account and
 * store these multi-process, crash and benchmark runs use.
 */
import type { ChildProcess } from 'node:child_process';
import { spawnServer } from '../helpers/process.js';
import { requestJson } from '../helpers/server.js';
import { freePort } from '../helpers/postgres.js';

export const STAFF = { username: 'admin', password: 'admin-pass-2026' };

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Output so far (for failure messages). */
  log(): string;
  /** SIGKILL, no cleanup. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  databaseUrl?: string;
  dataFile?: string;
  port?: number;
  env?: Record<string, string>;
}

export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const srv = await spawnServer(
    {
      NODE_ENV: 'development',
      PORT: String(port),
      STAFF_USERNAME: STAFF.username,
      STAFF_PASSWORD: STAFF.password,
      SEED_DEMO: '0',
      DATABASE_URL: opts.databaseUrl ?? '',
      DATA_FILE: opts.dataFile ?? '',
      ...opts.env,
    },
    60_000,
  );
  return {
    url: srv.url,
    port,
    child: srv.proc,
    log: srv.output,
    kill9: async () => void (await srv.kill('SIGKILL')),
    stop: async () => {
      const t = setTimeout(() => srv.proc.kill('SIGKILL'), 10_000);
      await srv.kill('SIGTERM');
      clearTimeout(t);
    },
  };
}

/** Minimal JSON client for a server process (the shared request helper, bound to one server). */
export function api(base: string, token?: string) {
  return (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => requestJson(base, token, method, path, body, headers);
}

/** Business date `days` after today in Asia/Shanghai (the server runs on the real clock here). */
export function shanghaiDate(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export async function loginStaff(base: string): Promise<string> {
  const r = await api(base)('POST', '/api/auth/staff', STAFF);
  if (r.status !== 200) throw new Error(`staff login ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

/** Logs in `n` distinct members (dev login), spreading the logins over `bases`. */
export async function loginMembers(bases: string[], n: number, prefix = '137'): Promise<string[]> {
  const tokens: string[] = [];
  const batch = 25;
  for (let i = 0; i < n; i += batch) {
    const part = await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, async (_, j) => {
        const k = i + j;
        const phone = `${prefix}${String(process.pid % 1000).padStart(3, '0')}${String(k).padStart(5, '0')}`;
        const r = await api(bases[k % bases.length])('POST', '/api/auth/dev-login', { name: `工友${k}`, phone });
        if (r.status !== 200) throw new Error(`dev-login ${r.status}: ${JSON.stringify(r.body)}`);
        return r.body.token as string;
      }),
    );
    tokens.push(...part);
  }
  return tokens;
}
