/** Runs the real server entry point (server/main.ts) as a child process, for crash and restart tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { outputWatcher } from './lock-audit.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface ServerProcess {
  url: string;
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts server/main.ts; resolves when /healthz answers, rejects if the process exits first. */
export async function spawnServer(env: Record<string, string>, timeoutMs = 30_000, nodeArgs: string[] = []): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  // The test run's own settings must not leak into the server it starts.
  const { VITEST: _v, TEST_STORE: _t, ...inherited } = process.env;
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'production', DEV_LOGIN: '1', RATE_LIMIT: '0', SCRYPT_N: '16384', LOG: '0', HOST: '127.0.0.1', LOCK_AUDIT: '1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-16_000));
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  proc.stderr!.on('data', outputWatcher());
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  let done = false;
  exited.then(() => (done = true));
  while (!done) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - started > timeoutMs) {
      proc.kill('SIGKILL');
      throw new Error(`server did not start in ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (done) throw Object.assign(new Error(`server exited during start:\n${out}`), { output: out, code: await exited });
  return {
    url,
    proc,
    output: () => out,
    exited,
    async kill(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/** Runs server/main.ts expecting it to refuse to start; returns its exit code and output. */
export async function runUntilExit(env: Record<string, string>, timeoutMs = 30_000): Promise<{ code: number | null; output: string }> {
  try {
    const s = await spawnServer(env, timeoutMs);
    await s.kill('SIGKILL');
    return { code: 0, output: s.output() };
  } catch (err) {
    const e = err as { output?: string; code?: number | null; message: string };
    return { code: e.code ?? null, output: e.output ?? e.message };
  }
}
