/**
 * `npm run backup [FILE]`: a consistent copy of the store while the server keeps running.
 * lowdb: one self-contained snapshot (server/store/lowdb/backup.ts), default backups/db-<time>.json.
 * PostgreSQL (DATABASE_URL): `pg_dump --format=custom` (docs/DEPLOY.md), default backups/db-<time>.dump.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../server/config.js';
import { backupLowdb } from '../server/store/lowdb/backup.js';

const config = loadConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const out = process.argv[2] ?? `backups/db-${stamp}.${config.DATABASE_URL ? 'dump' : 'json'}`;
mkdirSync(dirname(out), { recursive: true });
try {
  if (config.DATABASE_URL) {
    const r = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${out}`, config.DATABASE_URL], { stdio: 'inherit' });
    if (r.error || r.status !== 0) throw new Error(`pg_dump 失败（${r.error?.message ?? `退出码 ${r.status}`}）`);
    console.log(`[backup] PostgreSQL 已备份到 ${out}`);
  } else {
    const r = await backupLowdb(config.DATA_FILE, out);
    console.log(`[backup] ${config.DATA_FILE} 已备份到 ${out}（${r.bookings} 条预约，${r.bytes} 字节）`);
  }
} catch (err) {
  console.error(`[backup] 备份失败：${(err as Error).message}`);
  process.exit(1);
}
