/**
 * Finding 12 of issue 9: a fresh clone's `npm install` leaves package-lock.json as committed and warns
 * nothing (no EBADENGINE, no list of unreviewed install scripts). npm resolves the same tree with
 * --package-lock-only, so this runs in a second on a copy of the three files that decide it.
 */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
afterAll(() => rm(dir, { recursive: true, force: true }));

it('npm install from the committed lockfile rewrites nothing and prints no warning', async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-lock-'));
  for (const f of ['package.json', 'package-lock.json', '.npmrc']) await copyFile(join(ROOT, f), join(dir, f));
  const before = await readFile(join(dir, 'package-lock.json'), 'utf8');
  const out = execFileSync('npm', ['install', '--package-lock-only', '--prefer-offline', '--loglevel=warn'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_yes: 'true' },
  });
  expect(out).not.toMatch(/EBADENGINE|install-scripts/);
  const after = await readFile(join(dir, 'package-lock.json'), 'utf8');
  expect(after === before, 'npm install changed package-lock.json').toBe(true);
}, 120_000);

it('every install script is a recorded decision (allowScripts), so npm lists none as unreviewed', () => {
  const out = execFileSync('npm', ['install-scripts', 'ls'], { cwd: ROOT, encoding: 'utf8' });
  expect(out).not.toMatch(/not yet covered/);
});
