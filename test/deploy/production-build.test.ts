/**
 * Finding 11 of issue 9 (production build): `npm run build` gives JavaScript that a production-only
 * install (`npm ci --omit=dev` from the lockfile the build writes) runs with plain `node`: no tsx, no
 * TypeScript, no devDependency, serving the h5 app and the API.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../helpers/process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let tmp: string;
let dist: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'gongyou-prod-'));
  dist = join(tmp, 'dist');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--out', dist], { cwd: ROOT, stdio: 'pipe' });
  execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--loglevel=error'], { cwd: dist, stdio: 'pipe', timeout: 300_000 });
}, 360_000);
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** Plain node, no loader flags, no inherited NODE_OPTIONS (vitest's own would bring tsx-like hooks). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _o, VITEST: _v, TEST_STORE: _t, NODE_PATH: _p, ...env } = process.env;
  return { ...env, ...extra };
}

it('the production install holds no devDependency that no runtime package needs, and no build tool', async () => {
  const root = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const lock = JSON.parse(await readFile(join(dist, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  // (@types/* or yaml may come along as some runtime package's own dependency; then the lockfile says so)
  for (const dev of Object.keys(root.devDependencies)) {
    expect(existsSync(join(dist, 'node_modules', dev)), dev).toBe(`node_modules/${dev}` in lock.packages);
  }
  for (const tool of ['tsx', 'typescript', 'esbuild', 'vitest', '@tarojs/cli', 'webpack']) expect(existsSync(join(dist, 'node_modules', tool)), tool).toBe(false);
  expect(existsSync(join(dist, 'node_modules', 'fastify'))).toBe(true);
});

it('node dist/server/main.js serves the h5 app and the API', async () => {
  const h5 = join(tmp, 'h5');
  await mkdir(h5, { recursive: true });
  await writeFile(join(h5, 'index.html'), '<!doctype html><title>工友驿站</title><div id="app"></div>');
  const port = await freePort();
  const child = spawn(process.execPath, ['server/main.js'], {
    cwd: dist,
    env: cleanEnv({ NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_FILE: join(tmp, 'data', 'db.json'), H5_DIR: h5, STAFF_USERNAME: 'admin', STAFF_PASSWORD: 'prod-build-pass-2026' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (out += d));
  try {
    const base = `http://127.0.0.1:${port}`;
    let ready = false;
    for (let i = 0; i < 200 && !ready && child.exitCode === null; i++) {
      ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready, out).toBe(true);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('工友驿站');
    expect((await (await fetch(`${base}/api/meal-stations`)).json()) as object).toHaveProperty('stations');
    const login = await fetch(`${base}/api/auth/staff`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'prod-build-pass-2026' }) });
    expect(login.status).toBe(200);
    expect((await fetch(`${base}/docs`)).status).toBe(404); // production: no docs unless DOCS=1
    expect(out).toMatch(/"msg":"incoming request"/); // logs on by default
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  expect(out).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
}, 60_000);

it('node dist/bot/main.js loads with the same install (and explains how to configure it)', () => {
  let out = '';
  try {
    out = execFileSync(process.execPath, ['bot/main.js'], { cwd: dist, env: cleanEnv({ WECHATY_PUPPET: '' }), encoding: 'utf8', stdio: 'pipe', timeout: 30_000 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    out = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  expect(out).toMatch(/\[bot\]/);
  expect(out).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
});
