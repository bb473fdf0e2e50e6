/** Bot options from environment variables (`npm run bot`, `npm start`); see bot/README.md. */
import type { BotOptions } from './index.js';
import type { StaffEntry } from './handler.js';
import { checkAesKey } from './callback-crypto.js';
import type { OfficialChannelOptions, WecomStaff } from './channels.js';

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

/** `userid=username` (or just `userid`, the same name on the server): WeCom users who may publish. */
function wecomStaffList(value: string | undefined): WecomStaff[] {
  return list(value).map((entry) => {
    const [userid, account] = entry.split('=', 2).map((s) => s.trim());
    return account ? { userid: userid!, account } : { userid: userid! };
  });
}

/** Both of a pair, or neither: one alone is a typo, not a choice. */
function aesKey(value: string, variable: string): string {
  try {
    checkAesKey(value, variable);
  } catch (err) {
    throw new BotConfigError((err as Error).message);
  }
  return value;
}

function pair(env: NodeJS.ProcessEnv, a: string, b: string): [string, string] | null {
  const x = env[a] || '';
  const y = env[b] || '';
  if (!x && !y) return null;
  if (!x || !y) throw new BotConfigError(`配置错误：${a} 和 ${b} 要一起设置（现在只设置了 ${x ? a : b}）`);
  return [x, y];
}

export const DEFAULT_BOT_PORT = 3001;

/**
 * The official channels from the environment (bot/README.md): what is configured, and for each one
 * that is not, why (`off`, in Chinese, for the start message).
 */
export function officialOptionsFromEnv(env: NodeJS.ProcessEnv): { options: Omit<OfficialChannelOptions, 'h5BaseUrl'> & { h5BaseUrl?: string }; off: string[] } {
  const base = botOptionsFromEnv(env);
  const off: string[] = [];
  const port = int(env, 'BOT_PORT', DEFAULT_BOT_PORT, 0);
  const options: Omit<OfficialChannelOptions, 'h5BaseUrl'> & { h5BaseUrl?: string } = {
    apiBaseUrl: base.apiBaseUrl,
    botToken: base.botToken,
    name: base.name,
    h5BaseUrl: base.h5BaseUrl,
    userRateLimit: base.userRateLimit,
    http: { host: env.BOT_HOST || '127.0.0.1', port },
  };
  const staff = wecomStaffList(env.WECOM_BOT_STAFF);
  const callback = pair(env, 'WECOM_BOT_TOKEN', 'WECOM_BOT_AES_KEY');
  if (callback) {
    aesKey(callback[1], 'WECOM_BOT_AES_KEY');
    options.wecomBot = { token: callback[0], aesKey: callback[1], staff };
  } else off.push('企业微信智能机器人（回调）：未启用——没有设置 WECOM_BOT_TOKEN 和 WECOM_BOT_AES_KEY');
  const ws = pair(env, 'WECOM_BOT_ID', 'WECOM_BOT_SECRET');
  if (ws) {
    options.wecomWs = { botId: ws[0], secret: ws[1], url: env.WECOM_WS_URL || undefined, staff, noticeChats: list(env.WECOM_BOT_NOTICE_CHATS) };
  } else off.push('企业微信智能机器人（长连接）：未启用——没有设置 WECOM_BOT_ID 和 WECOM_BOT_SECRET');
  const kf = pair(env, 'WX_KF_TOKEN', 'WX_KF_AES_KEY');
  if (kf) {
    aesKey(kf[1], 'WX_KF_AES_KEY');
    if (!env.WX_APPID || !env.WX_SECRET) {
      off.push('小程序客服消息：未启用——回复要用小程序的 access_token，请同时设置 WX_APPID 和 WX_SECRET');
    } else {
      options.kf = { token: kf[0], aesKey: kf[1], appId: env.WX_APPID, secret: env.WX_SECRET, apiBase: env.WX_API_BASE || 'https://api.weixin.qq.com' };
    }
  } else off.push('小程序客服消息：未启用——没有设置 WX_KF_TOKEN 和 WX_KF_AES_KEY');
  return { options, off };
}
