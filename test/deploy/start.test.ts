/** Finding 12 of issue 9: `npm start` on a busy port, and how to reach the demo from a phone. */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, spawnServer } from '../helpers/process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
let h5: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-start-'));
  h5 = join(dir, 'h5');
  await mkdir(h5);
  await writeFile(join(h5, 'index.html'), '<!doctype html><title>工友驿站</title>'); // no build needed
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs `npm start`'s script until it exits or prints `until`; then stops it. */
function npmStart(env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; out: string }> {
  const { VITEST: _v, TEST_STORE: _t, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'development', H5_DIR: h5, DATA_FILE: join(dir, `${Math.random()}.json`), WECHATY_PUPPET: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const on = (d: Buffer) => {
      out += d.toString();
      if (until?.test(out)) child.kill('SIGTERM');
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('exit', (code) => {
      clearTimeout(t);
      resolve({ code, out });
    });
  });
}

it('a second npm start on a busy port says so in Chinese and exits non-zero without announcing a start', async () => {
  const port = await freePort();
  const first = await spawnServer({ PORT: String(port), DATA_FILE: join(dir, 'first.json') });
  try {
    const r = await npmStart({ PORT: String(port) });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(new RegExp(`端口 ${port} 已被占用`));
    expect(r.out).not.toMatch(/已启动/);
  } finally {
    await first.kill('SIGTERM');
  }
}, 90_000);

it('the server itself on a busy port: a Chinese message and exit 1, not a stack trace', async () => {
  const port = await freePort();
  const blocker: Server = createServer();
  await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
  try {
    const { VITEST: _v, TEST_STORE: _t, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', DATA_FILE: join(dir, 'busy.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((res) => child.on('exit', res));
    clearTimeout(t);
    const r = { code, output };
    expect(r.code).toBe(1);
    expect(r.output).toMatch(new RegExp(`端口 ${port} 已被占用`));
  } finally {
    blocker.close();
  }
}, 60_000);

it('npm start says how to open the demo on a phone (HOST=0.0.0.0, PUBLIC_URL)', async () => {
  const port = await freePort();
  const r = await npmStart({ PORT: String(port) }, /在手机上打开.*\n/);
  expect(r.out).toMatch(/已启动/);
  expect(r.out).toMatch(/在手机上打开：.*HOST=0\.0\.0\.0 PUBLIC_URL=http:\/\//);
  // logging is on: npm start no longer sets LOG=0 (the start's own /healthz polls are logged)
  expect(r.out).toMatch(/"msg":"incoming request"/);
}, 90_000);
