/**
 * `npm run restore FILE`: puts a backup back. Refuses while a server has the lowdb store open; the
 * replaced files are kept beside it. PostgreSQL (DATABASE_URL): `pg_restore --clean --if-exists`
 * into that database (stop the servers first; docs/DEPLOY.md).
 */
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../server/config.js';
import { restoreLowdb } from '../server/store/lowdb/backup.js';

const from = process.argv[2];
if (!from) {
  console.error('用法：npm run restore <备份文件>');
  process.exit(2);
}
const config = loadConfig();
try {
  if (config.DATABASE_URL) {
    const r = spawnSync('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${config.DATABASE_URL}`, from], { stdio: 'inherit' });
    if (r.error || r.status !== 0) throw new Error(`pg_restore 失败（${r.error?.message ?? `退出码 ${r.status}`}）`);
    console.log(`[restore] 已从 ${from} 恢复 PostgreSQL`);
  } else {
    const r = await restoreLowdb(config.DATA_FILE, from);
    console.log(`[restore] 已从 ${from} 恢复到 ${config.DATA_FILE}（${r.bookings} 条预约）${r.kept.length ? `；原文件保留为 ${r.kept.join('、')}` : ''}`);
  }
} catch (err) {
  console.error(`[restore] 恢复失败：${(err as Error).message}`);
  process.exit(1);
}
