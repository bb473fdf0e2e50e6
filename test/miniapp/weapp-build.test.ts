/**
 * The WeChat build's structure: every page listed in app.json exists, staff pages live in their
 * subpackage, and the main package stays under WeChat's 2 MB limit (goal 600 KB, reported).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEAPP_DIR, weappSizes } from '../../bench/sizes.js';

const ROOT = join(WEAPP_DIR, '../../..');
const WORKER_PAGES = [
  'pages/index/index',
  'pages/meals/index',
  'pages/studios/index',
  'pages/legal/index',
  'pages/mine/index',
  'pages/notices/index',
  'pages/notices/detail',
  'pages/ask/index',
];
const STAFF_PAGES = ['pages/index', 'pages/checkin', 'pages/notice', 'pages/manage', 'pages/stats', 'pages/poster'];

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}
let app: AppJson;

beforeAll(() => {
  // CI builds first (npm run build:weapp); a fresh clone without a build gets one here.
  if (!existsSync(join(WEAPP_DIR, 'app.json')) || process.env.WEAPP_REBUILD === '1') {
    const r = spawnSync('npm', ['run', 'build:weapp'], { cwd: ROOT, stdio: 'inherit', timeout: 600_000, env: { ...process.env, NODE_ENV: 'production' } });
    expect(r.status).toBe(0);
  }
  app = JSON.parse(readFileSync(join(WEAPP_DIR, 'app.json'), 'utf8'));
}, 600_000);

describe('weapp build', () => {
  it('lists every worker page in the main package, each with its files', () => {
    expect(app.pages[0]).toBe('pages/index/index');
    expect(app.pages).toEqual(expect.arrayContaining(WORKER_PAGES));
    for (const p of app.pages)
      for (const ext of ['js', 'json', 'wxml']) expect(existsSync(join(WEAPP_DIR, `${p}.${ext}`)), `${p}.${ext}`).toBe(true);
  });

  it('puts the staff pages in the staff subpackage', () => {
    const staff = app.subPackages?.find((s) => s.root.replace(/\/$/, '') === 'staff');
    expect(staff).toBeDefined();
    expect(staff!.pages).toEqual(expect.arrayContaining(STAFF_PAGES));
    for (const p of staff!.pages) expect(existsSync(join(WEAPP_DIR, 'staff', `${p}.js`)), p).toBe(true);
    expect(app.pages.some((p) => p.startsWith('staff/'))).toBe(false);
  });

  it('keeps the main package under 2 MB (goal 600 KB)', async () => {
    const { mainBytes, totalBytes } = await weappSizes();
    const kb = (n: number) => (n / 1024).toFixed(1);
    console.log(`weapp main package ${kb(mainBytes)} KB (goal ≤ 600 KB, limit 2048 KB); whole app ${kb(totalBytes)} KB`);
    expect(mainBytes).toBeLessThan(2 * 1024 * 1024);
    expect(totalBytes).toBeLessThan(20 * 1024 * 1024);
  });

  it('never bundles zod into the main package (pages import shared/ types only)', () => {
    const common = ['app.js', 'common.js', 'vendors.js', 'taro.js'].map((f) => join(WEAPP_DIR, f)).filter(existsSync);
    for (const f of common) expect(readFileSync(f, 'utf8')).not.toMatch(/ZodError|\$ZodType/);
  });
});
