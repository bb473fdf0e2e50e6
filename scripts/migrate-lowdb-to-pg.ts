/** `npm run migrate:lowdb-to-pg`: DATA_FILE (lowdb) → DATABASE_URL (an empty PostgreSQL database). Stop the server first. */
import { loadConfig } from '../server/config.js';
import { liveOwner } from '../server/store/lowdb/owner.js';
import { importLowdb } from '../server/store/postgres/import-lowdb.js';

const config = loadConfig();
if (!config.DATABASE_URL) {
  console.error('[migrate] 请设置 DATABASE_URL（目标 PostgreSQL 数据库）和 DATA_FILE（要导出的 lowdb 文件）。');
  process.exit(2);
}
try {
  const owner = await liveOwner(config.DATA_FILE);
  if (owner) throw new Error(`服务器（进程 ${owner}）正在使用 ${config.DATA_FILE}：请先停止服务器再迁移。`);
  const counts = await importLowdb(config.DATA_FILE, config.DATABASE_URL);
  console.log(`[migrate] 已把 ${config.DATA_FILE} 导入 PostgreSQL：${Object.entries(counts).map(([c, n]) => `${c} ${n}`).join('，')}`);
} catch (err) {
  console.error(`[migrate] 迁移失败：${(err as Error).message}`);
  process.exit(1);
}
