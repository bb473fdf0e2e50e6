/**
 * `npm run bot`: the WeChat bot from environment variables (bot/README.md).
 * `startBotIfConfigured` is re-exported for `npm start`; importing this file starts nothing.
 */
import { pathToFileURL } from 'node:url';
import { startBotIfConfigured } from './start.js';

export { startBotIfConfigured, HOW_TO_START, type StartResult } from './start.js';

async function main() {
  const result = await startBotIfConfigured(process.env);
  console.log(`[bot] ${result.message}`);
  if (!result.stop) process.exit(result.started ? 0 : 1);
  const stop = async () => {
    await result.stop?.();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error('[bot] 启动失败：', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
