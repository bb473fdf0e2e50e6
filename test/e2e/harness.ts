/**
 * e2e harness: the real server (`tsx server/main.ts`) as a child process on 127.0.0.1 with a temp
 * data file, serving the real h5 build, and Debian's Chromium driven by playwright-core.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { outputWatcher } from '../helpers/lock-audit.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SCREENSHOTS = join(ROOT, 'screenshots');
export const STAFF = { username: 'e2e-admin', password: 'e2e-admin-pass-2026' };

/** Builds the h5 app when it is missing (a fresh clone), so the test always runs the real build. */
export function ensureH5Build(): void {
  if (existsSync(join(ROOT, 'miniapp/dist/h5/index.html'))) return;
  const r = spawnSync('npm', ['run', 'build:h5'], { cwd: ROOT, stdio: 'inherit', timeout: 600_000, env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error('npm run build:h5 failed');
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  stop(): Promise<void>;
  /** Last lines the server printed, for failure messages. */
  output(): string;
}

/** `env` adds to (or overrides) the server's settings, e.g. LEGAL_RETENTION_DAYS. */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'gongyou-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_FILE: join(dir, 'db.json'),
      DATABASE_URL: '',
      DEV_LOGIN: '1',
      SCRYPT_N: '16384',
      SEED_DEMO: '0',
      RATE_LIMIT: '0',
      STAFF_USERNAME: STAFF.username,
      STAFF_PASSWORD: STAFF.password,
      H5_DIR: join(ROOT, 'miniapp/dist/h5'),
      LOCK_AUDIT: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.stderr!.on('data', outputWatcher());
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) throw new Error(`server did not start:\n${out}`);
  return {
    url,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A small JSON client for setting up and checking state through the API. */
export class ApiClient {
  constructor(
    private base: string,
    public token?: string,
  ) {}
  async call<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }
  async ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  static async staff(base: string): Promise<ApiClient> {
    const r = await new ApiClient(base).ok('POST', '/api/auth/staff', STAFF);
    return new ApiClient(base, r.token);
  }
  static async member(base: string, name: string, phone: string): Promise<ApiClient & { id: string }> {
    const r = await new ApiClient(base).ok('POST', '/api/auth/dev-login', { name, phone });
    return Object.assign(new ApiClient(base, r.token), { id: r.user.id as string });
  }
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'gongyou-chromium-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Shanghai business date, `days` from today. */
export function businessDate(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** An instant `days` from today at `hhmm` Shanghai time. */
export function instant(days: number, hhmm: string): string {
  return `${businessDate(days)}T${hhmm}:00+08:00`;
}

/** A finger pulling the top of the page down by `px`, as Taro's h5 pull-to-refresh reads touches. */
export async function pullDown(page: Page, px = 300): Promise<void> {
  await page.evaluate(async (dist) => {
    // the page on show (the last one not shaded); the gesture starts at the top of it
    const pages = Array.from(document.querySelectorAll('.taro_page:not(.taro_page_shade) .page'));
    const target = pages[pages.length - 1] as HTMLElement;
    window.scrollTo(0, 0);
    const touch = (y: number) => new Touch({ identifier: 1, target, clientX: 100, clientY: y, screenX: 100, screenY: y, pageX: 100, pageY: y });
    const fire = (type: string, y: number) =>
      target.dispatchEvent(new TouchEvent(type, { bubbles: true, cancelable: true, touches: type === 'touchend' ? [] : [touch(y)], changedTouches: [touch(y)] }));
    fire('touchstart', 100);
    for (let y = 110; y <= 100 + dist; y += 10) {
      fire('touchmove', y);
      await new Promise((r) => setTimeout(r, 5));
    }
    fire('touchend', 100 + dist);
  }, px);
}

/**
 * The page helpers every e2e file uses, for its own page and server (read when called, as both are set
 * in beforeAll): open an app page and wait for the network to settle, a screenshot under SCREENSHOTS, and
 * forgetting the session (the next person on the phone; a hash-only goto keeps the app in memory).
 */
export function appPage(current: () => { page: Page; url: string }, shotPrefix = '') {
  return {
    async open(path: string): Promise<void> {
      const { page, url } = current();
      await page.goto(`${url}/#/${path}`);
      await page.waitForLoadState('networkidle');
    },
    async shot(name: string): Promise<void> {
      const { page } = current();
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(SCREENSHOTS, `${shotPrefix}${name}.png`) });
    },
    async logout(): Promise<void> {
      const { page } = current();
      await page.evaluate(() => localStorage.clear());
      await page.reload();
    },
  };
}
