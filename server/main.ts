/** Starts the server: config → store → staff account → demo data → listen. */
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { seedDemo } from './seed/demo.js';
import { upsertStaff } from './services/users.js';
import { auditStore } from './store/audit.js';
import { openStore, StoreCorruptError, type Store } from './store/index.js';
import { startNotifications } from './notifications/index.js';
import { startMaintenance } from './services/maintenance.js';

async function main() {
  const config = loadConfig();
  let store: Store;
  try {
    store = await openStore({ dataFile: config.DATA_FILE, databaseUrl: config.DATABASE_URL, compactAfter: config.LOWDB_COMPACT_AFTER });
    if (config.LOCK_AUDIT) store = auditStore(store, (v) => console.error(`[lock-audit] ${v.message}`));
  } catch (err) {
    if (err instanceof StoreCorruptError) {
      console.error(`\n[server] 无法启动：${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const app = await buildApp({ config, store });
  if (config.STAFF_USERNAME && config.STAFF_PASSWORD) {
    await upsertStaff(app.ctx, { username: config.STAFF_USERNAME, password: config.STAFF_PASSWORD, role: 'admin', name: '管理员' });
  }
  if (config.SEED_DEMO) {
    const seeded = await seedDemo(app.ctx);
    if (seeded) app.log.info('demo data loaded into the empty store');
  }
  const stopNotifications = startNotifications(app.ctx, app.log);
  const stopMaintenance = startMaintenance(app.ctx, (err) => app.log.error({ err }, 'maintenance failed'));
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopNotifications();
    stopMaintenance();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
  try {
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    console.error(`\n[server] 无法启动：端口 ${config.PORT} 已被占用（可能已有一个服务器在运行）。请先停止它，或设置其他 PORT。\n`);
    await store.close();
    process.exit(1);
  }
  const where = `http://${config.HOST}:${app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as { port: number }).port : config.PORT}`;
  console.log(`[server] 工友驿站 API ${where}/api${config.DOCS ? ` · 文档 ${where}/docs` : ''} · 数据 ${config.DATABASE_URL ? 'PostgreSQL' : config.DATA_FILE}`);
}

main().catch((err) => {
  console.error('[server] 启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
