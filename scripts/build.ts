/**
 * `npm run build`: the server, the bot and the operator scripts as plain JavaScript in dist/ (esbuild,
 * our own code bundled, npm packages left as imports), plus dist/package.json and dist/package-lock.json
 * naming exactly the packages those imports need, pinned to the versions in the root lockfile. So
 * `cd dist && npm ci --omit=dev && node server/main.js` runs without tsx, TypeScript or any build tool
 * (the root lockfile cannot be `npm ci`-ed here: Taro's platform packages, see TOOLCHAIN.md).
 */
import { build } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';

export const ENTRIES = ['server/main.ts', 'bot/main.ts', 'scripts/backup.ts', 'scripts/restore.ts', 'scripts/migrate-lowdb-to-pg.ts'];
/** `--out DIR` builds elsewhere (the tests build into a temp folder). */
const outFlag = process.argv.indexOf('--out');
const OUT = outFlag > 0 ? process.argv[outFlag + 1]! : 'dist';

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dev?: boolean;
  [k: string]: unknown;
}

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

/** Where npm resolves `dep` required from the package at `from` (node_modules nesting, nearest first). */
function resolveIn(packages: Record<string, LockEntry>, from: string, dep: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${dep}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

/** The root lockfile cut down to `roots` and everything they need. */
function pruneLock(lock: { packages: Record<string, LockEntry> }, roots: Record<string, string>, name: string) {
  const keep = new Map<string, LockEntry>();
  const visit = (path: string) => {
    if (keep.has(path)) return;
    const entry = lock.packages[path]!;
    const { dev: _dev, devOptional: _devOptional, ...rest } = entry;
    keep.set(path, { ...rest });
    const deps = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const [peer, _] of Object.entries(entry.peerDependencies ?? {})) if (!entry.peerDependenciesMeta?.[peer]?.optional) deps[peer] = '*';
    for (const dep of Object.keys(deps)) {
      const at = resolveIn(lock.packages, path, dep);
      if (at) visit(at);
    }
  };
  for (const dep of Object.keys(roots)) {
    const at = `node_modules/${dep}`;
    if (!lock.packages[at]) throw new Error(`${dep} is not in package-lock.json`);
    visit(at);
  }
  const packages: Record<string, LockEntry> = { '': { name, version: '0.0.0', dependencies: roots } };
  for (const [path, entry] of [...keep].sort(([a], [b]) => a.localeCompare(b))) packages[path] = entry;
  return { name, version: '0.0.0', lockfileVersion: 3, requires: true, packages };
}

export async function buildDist(): Promise<string[]> {
  await rm(OUT, { recursive: true, force: true });
  const result = await build({
    entryPoints: ENTRIES,
    outdir: OUT,
    absWorkingDir: process.cwd(),
    outbase: '.',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  const imported = new Set<string>();
  for (const out of Object.values(result.metafile.outputs)) {
    for (const imp of out.imports) if (imp.external && !builtins.has(imp.path) && !imp.path.startsWith('node:')) imported.add(packageName(imp.path));
  }
  const root = JSON.parse(await readFile('package.json', 'utf8')) as {
    name: string;
    version: string;
    engines: unknown;
    dependencies: Record<string, string>;
    overrides?: Record<string, unknown>;
    allowScripts?: Record<string, boolean>;
  };
  const lock = JSON.parse(await readFile('package-lock.json', 'utf8')) as { packages: Record<string, LockEntry> };
  const deps: Record<string, string> = {};
  for (const name of [...imported].sort()) {
    const version = lock.packages[`node_modules/${name}`]?.version;
    if (!version) throw new Error(`dist imports ${name}, which package-lock.json does not hold`);
    if (!root.dependencies[name]) throw new Error(`dist imports ${name}, which is not in package.json dependencies (a production install would lack it)`);
    deps[name] = version;
  }
  const name = `${root.name}-dist`;
  const manifest = {
    name,
    version: root.version,
    private: true,
    type: 'module',
    engines: root.engines,
    scripts: { start: 'node server/main.js', bot: 'node bot/main.js', backup: 'node scripts/backup.js', restore: 'node scripts/restore.js' },
    dependencies: deps,
    // the same overrides and install-script decisions as the root, so the tree is the same
    overrides: root.overrides,
    allowScripts: root.allowScripts,
  };
  await writeFile(`${OUT}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(`${OUT}/package-lock.json`, `${JSON.stringify(pruneLock(lock, deps, name), null, 2)}\n`);
  await cp('.npmrc', `${OUT}/.npmrc`);
  // The h5 app, when built, travels with the server (H5_DIR=h5 in dist).
  if (existsSync('miniapp/dist/h5/index.html')) {
    await mkdir(`${OUT}/h5`, { recursive: true });
    await cp('miniapp/dist/h5', `${OUT}/h5`, { recursive: true });
  }
  return Object.keys(deps);
}

const deps = await buildDist();
console.log(`[build] dist/: ${ENTRIES.map((e) => e.replace(/\.ts$/, '.js')).join(', ')}; 运行时依赖 ${deps.length} 个：${deps.join(', ')}`);
