/**
 * `npm start`: the whole thing on the embedded defaults. Builds the h5 app when missing, starts the
 * server (lowdb file, demo data, dev login) and the WeChat bot when a puppet is configured.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';

const env: NodeJS.ProcessEnv = {
  SEED_DEMO: '1',
  // the local demo logs in by name + phone; a server started any other way does not
  DEV_LOGIN: '1',
  STAFF_USERNAME: 'admin',
  STAFF_PASSWORD: 'gongyou-admin-2026',
  ...process.env,
};
// One service token for this run, shared by the server and the bot.
env.BOT_TOKEN ??= randomBytes(24).toString('base64url');
const port = env.PORT ?? '3000';
const host = env.HOST ?? '127.0.0.1';
const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

/** Resolves to the error code when `host:port` cannot be listened on (EADDRINUSE: another server has it). */
function portProblem(): Promise<string | null> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    probe.listen(Number(port), host, () => probe.close(() => resolve(null)));
  });
}

// Check before anything else: a server already on this port would answer our /healthz and we would
// announce a start that never happened.
const problem = await portProblem();
if (problem) {
  console.error(
    problem === 'EADDRINUSE'
      ? `[start] 端口 ${port} 已被占用（可能工友驿站已在运行）。请先停止它，或换一个端口：PORT=3001 npm start`
      : `[start] 无法监听 ${host}:${port}（${problem}）`,
  );
  process.exit(1);
}

/** The first non-internal IPv4 address: what a phone on the same Wi-Fi can reach. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

if (!existsSync(`${env.H5_DIR ?? 'miniapp/dist/h5'}/index.html`)) {
  console.log('[start] 首次启动：正在构建 H5 小程序（约一两分钟）…');
  const build = spawnSync('npm', ['run', 'build:h5'], { stdio: 'inherit', env: process.env });
  if (build.status !== 0) {
    console.error('[start] H5 构建失败；API 仍会启动。可稍后运行 npm run build:h5。');
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit', env });
let serverExited = false;
server.on('exit', (code) => {
  serverExited = true;
  process.exit(code ?? 1);
});

async function waitForServer(): Promise<boolean> {
  for (let i = 0; i < 300 && !serverExited; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return true;
    } catch {
      /* still starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function phoneHint(): string {
  if (env.PUBLIC_URL) return `${env.PUBLIC_URL}（PUBLIC_URL，海报和链接都用它）`;
  const lan = lanAddress() ?? '本机局域网IP';
  if (host === '0.0.0.0') return `同一 Wi-Fi 下打开 http://${lan}:${port}/ ；海报和链接要指向它，请再设 PUBLIC_URL=http://${lan}:${port}`;
  return `现在只有本机能访问。手机与电脑连同一 Wi-Fi，运行 HOST=0.0.0.0 PUBLIC_URL=http://${lan}:${port} npm start ，再在手机浏览器打开 http://${lan}:${port}/`;
}

let stopBot: (() => Promise<void>) | undefined;
if (await waitForServer()) {
  console.log(`
  工友驿站已启动
  · 小程序（H5）：${base}/
  · API 文档：    ${base}/docs
  · 工作人员登录：admin / ${env.STAFF_PASSWORD === 'gongyou-admin-2026' ? 'gongyou-admin-2026（演示密码，正式使用请设置 STAFF_PASSWORD）' : '（STAFF_PASSWORD）'}
  · 数据文件：    ${env.DATA_FILE ?? 'data/db.json'}
  · 在手机上打开：${phoneHint()}
`);
  const { startBotIfConfigured } = await import('../bot/main.js');
  const bot = await startBotIfConfigured({ API_BASE_URL: base, H5_BASE_URL: base, ...env });
  console.log(`[start] ${bot.message}`);
  stopBot = bot.stop;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await stopBot?.().catch(() => {});
    server.kill(signal);
  });
}
