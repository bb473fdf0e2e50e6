/**
 * Sizes of the built mini-program, for `npm run bench`:
 * - weappMainKB: every file of miniapp/dist/weapp outside the subpackage roots (WeChat's 2 MB limit; goal 600 KB)
 * - weappTotalKB: the whole weapp build
 * - h5InitialGzipKB: the JavaScript that miniapp/dist/h5/index.html loads before the first page, gzipped (goal 250 KB)
 * Build first with `npm run build:weapp` and `npm run build:h5`.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const WEAPP_DIR = join(ROOT, 'miniapp/dist/weapp');
export const H5_DIR = join(ROOT, 'miniapp/dist/h5');

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await files(p)));
    else out.push(p);
  }
  return out;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export async function weappSizes(dir = WEAPP_DIR): Promise<{ mainBytes: number; totalBytes: number }> {
  const app = JSON.parse(await readFile(join(dir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, '') + '/');
  let mainBytes = 0;
  let totalBytes = 0;
  for (const f of await files(dir)) {
    const size = (await stat(f)).size;
    const rel = relative(dir, f).split(sep).join('/');
    totalBytes += size;
    if (!roots.some((r) => rel.startsWith(r))) mainBytes += size;
  }
  return { mainBytes, totalBytes };
}

/** Scripts index.html loads (async route chunks come later and are not counted). */
export async function h5InitialScripts(dir = H5_DIR): Promise<string[]> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => join(dir, m[1].replace(/^\//, '')));
}

export async function h5InitialGzipBytes(dir = H5_DIR): Promise<number> {
  let total = 0;
  for (const f of await h5InitialScripts(dir)) total += gzipSync(await readFile(f), { level: 9 }).length;
  return total;
}

export async function measureSizes(): Promise<{ weappMainKB: number; weappTotalKB: number; h5InitialGzipKB: number }> {
  const w = await weappSizes();
  return { weappMainKB: kb(w.mainBytes), weappTotalKB: kb(w.totalBytes), h5InitialGzipKB: kb(await h5InitialGzipBytes()) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  measureSizes().then((s) => console.log(JSON.stringify(s)));
}
