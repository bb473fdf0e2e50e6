/**
 * Starting the bot from the environment: `npm run bot`, and `npm start` next to the server. Every
 * configured channel starts (Wechaty, the WeCom robot by callback or long connection, the 客服 chat);
 * the message says which are on, and why the others are off.
 */
import { log } from 'wechaty';
import { botOptionsFromEnv, officialOptionsFromEnv } from './config.js';
import { startOfficialChannels } from './channels.js';
import { CursorStore } from './cursor-store.js';
import { createBot } from './index.js';
import { startWecomRelay } from './relay.js';

export interface StartResult {
  /** At least one channel that answers messages was started (Wechaty may still wait for a QR-code login). */
  started: boolean;
  /** What happened, in Chinese, for the console: one line per channel. */
  message: string;
  /** Stops whatever was started. */
  stop?: () => Promise<void>;
}

export const HOW_TO_START =
  '微信机器人（Wechaty）：未启动——没有设置 WECHATY_PUPPET。个人微信：WECHATY_PUPPET=wechaty-puppet-wechat4u npm run bot（终端里扫码登录）；' +
  '企业/协议服务：WECHATY_PUPPET=wechaty-puppet-service WECHATY_PUPPET_SERVICE_TOKEN=<token> npm run bot。' +
  '同时设置 BOT_TOKEN（与服务器相同）、BOT_ROOMS（接收通知的群名）、BOT_STAFF（可发布通知的工作人员），详见 bot/README.md。不用微信也可以 npm run chat 在终端里试聊。';

/**
 * Starts every configured channel; never throws (the server keeps running either way). With only
 * WECOM_WEBHOOK_URLS set, notices still go to the 企业微信 group webhooks.
 */
export async function startBotIfConfigured(env: NodeJS.ProcessEnv = process.env): Promise<StartResult> {
  let options;
  let official;
  try {
    options = botOptionsFromEnv(env);
    official = officialOptionsFromEnv(env);
  } catch (err) {
    return { started: false, message: (err as Error).message };
  }
  const botLog = (level: 'info' | 'warn', message: string) => log[level]('GongyouBot', message);
  const lines: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  let started = false;
  const o = official.options;
  const anyOfficial = !!(o.wecomBot || o.wecomWs || o.kf);

  // One cursor file, one owner: every broadcaster of this process shares the store.
  let cursors: CursorStore | undefined;
  try {
    if (options.puppet || anyOfficial || options.wecomWebhookUrls?.length) cursors = await CursorStore.open(options.stateFile);
  } catch (err) {
    lines.push(`通知群发没有启动：${(err as Error).message}`);
  }

  if (options.puppet) {
    try {
      const bot = createBot({ ...options, cursors });
      await bot.start();
      started = true;
      stops.push(() => bot.stop());
      const rooms = options.rooms?.length ? `，通知发往群：${options.rooms.join('、')}` : '，未设置 BOT_ROOMS（不群发通知）';
      lines.push(`微信机器人（Wechaty）：已启动（${options.puppet}），服务器 ${options.apiBaseUrl}${rooms}`);
    } catch (err) {
      lines.push(`微信机器人（Wechaty）：启动失败（${options.puppet}）：${(err as Error).message}`);
    }
  } else {
    lines.push(HOW_TO_START);
    if (options.wecomWebhookUrls?.length && cursors) {
      try {
        const relay = await startWecomRelay({ ...options, wecomWebhookUrls: options.wecomWebhookUrls, intervalMs: options.roomIntervalMs, cursors, log: botLog });
        stops.push(() => relay.stop());
        lines.push(`企业微信群机器人通知已启动（${options.wecomWebhookUrls.length} 个）。`);
      } catch (err) {
        lines.push(`企业微信群机器人通知启动失败：${(err as Error).message}`);
      }
    }
  }

  if (anyOfficial) {
    try {
      const channels = await startOfficialChannels({
        ...o,
        h5BaseUrl: o.h5BaseUrl ?? options.apiBaseUrl,
        cursors,
        roomIntervalMs: options.roomIntervalMs,
        pollIntervalMs: options.pollIntervalMs,
        log: botLog,
      });
      started = true;
      stops.push(() => channels.stop());
      lines.push(...channels.on);
    } catch (err) {
      lines.push(`官方渠道启动失败：${(err as Error).message}（BOT_HOST=${o.http?.host} BOT_PORT=${o.http?.port}）`);
    }
  }
  lines.push(...official.off);
  if (started) lines.push(loopbackWarning(options.h5BaseUrl).trim());
  return {
    started,
    message: lines.filter(Boolean).join('\n'),
    stop: stops.length
      ? async () => {
          for (const s of stops.reverse()) await s().catch(() => undefined);
        }
      : undefined,
  };
}

/** Links to 127.0.0.1 work on this computer only: a worker's phone cannot open them. */
export function loopbackWarning(base: string | undefined): string {
  if (!base || !/^https?:\/\/(127\.|localhost|\[::1\])/.test(base)) return '';
  return `\n⚠️ 机器人发出的链接指向本机地址 ${base}，工友的手机打不开：请把 H5_BASE_URL 设为小程序 H5 的公网地址（或配置 BOT_MINIPROGRAM_APPID 发小程序卡片）。`;
}
