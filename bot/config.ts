/** Bot options from environment variables (`npm run bot`, `npm start`); see bot/README.md. */
import type { BotOptions } from './index.js';
import type { StaffEntry } from './handler.js';

export class BotConfigError extends Error {
  override name = 'BotConfigError';
}

/** `a, b，c` or one per line. */
function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,，;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `工会-王大姐` or `工会-王大姐=wangdajie` (remark or contact id = staff username on the server). */
function staffList(value: string | undefined): StaffEntry[] {
  return list(value).map((entry) => {
    const [contact, account] = entry.split('=', 2).map((s) => s.trim());
    return account ? { contact: contact!, account } : { contact: contact! };
  });
}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new BotConfigError(`配置错误：环境变量 ${name} 应为不小于 ${min} 的整数，现在是「${raw}」`);
  return n;
}

/** The server this process talks to: API_BASE_URL, else the local server's HOST and PORT. */
export function apiBaseUrlFrom(env: NodeJS.ProcessEnv): string {
  if (env.API_BASE_URL) return env.API_BASE_URL;
  const host = !env.HOST || env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST;
  return `http://${host}:${env.PORT || 3000}`;
}

export function botOptionsFromEnv(env: NodeJS.ProcessEnv): Omit<BotOptions, 'puppet'> & { puppet?: string } {
  const apiBaseUrl = apiBaseUrlFrom(env);
  const appid = env.BOT_MINIPROGRAM_APPID;
  const username = env.BOT_MINIPROGRAM_USERNAME;
  const token = env.WECHATY_PUPPET_SERVICE_TOKEN;
  return {
    puppet: env.WECHATY_PUPPET || undefined,
    puppetOptions: token ? { token } : undefined,
    apiBaseUrl,
    botToken: env.BOT_TOKEN || undefined,
    staff: staffList(env.BOT_STAFF),
    rooms: list(env.BOT_ROOMS),
    name: env.BOT_NAME || undefined,
    h5BaseUrl: env.H5_BASE_URL || env.PUBLIC_URL || apiBaseUrl,
    miniProgram: appid && username ? { appid, username, thumbUrl: env.BOT_MINIPROGRAM_THUMB || undefined } : undefined,
    roomIntervalMs: int(env, 'BOT_ROOM_INTERVAL_MS', 3000, 0),
    pollIntervalMs: int(env, 'BOT_POLL_INTERVAL_MS', 5000, 100),
    userRateLimit: { max: int(env, 'BOT_USER_RATE_LIMIT', 5, 1), windowMs: 60_000 },
    stateFile: env.BOT_STATE_FILE || 'data/bot-state.json',
    wecomWebhookUrls: list(env.WECOM_WEBHOOK_URLS),
    memoryName: env.BOT_MEMORY || undefined,
  };
}
