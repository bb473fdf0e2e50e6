/** Starting the bot from the environment: `npm run bot`, and `npm start` next to the server. */
import { log } from 'wechaty';
import { botOptionsFromEnv } from './config.js';
import { createBot } from './index.js';
import { startWecomRelay } from './relay.js';

export interface StartResult {
  /** The WeChat bot was started (it may still wait for a QR-code login). */
  started: boolean;
  /** What happened, in Chinese, for the console. */
  message: string;
  /** Stops whatever was started (bot and/or WeCom relay). */
  stop?: () => Promise<void>;
}

export const HOW_TO_START =
  '微信机器人未启动：没有设置 WECHATY_PUPPET。个人微信：WECHATY_PUPPET=wechaty-puppet-wechat4u npm run bot（终端里扫码登录）；' +
  '企业/协议服务：WECHATY_PUPPET=wechaty-puppet-service WECHATY_PUPPET_SERVICE_TOKEN=<token> npm run bot。' +
  '同时设置 BOT_TOKEN（与服务器相同）、BOT_ROOMS（接收通知的群名）、BOT_STAFF（可发布通知的工作人员），详见 bot/README.md。不用微信也可以 npm run chat 在终端里试聊。';

/**
 * Starts the bot when WECHATY_PUPPET is set; otherwise explains how. When only WECOM_WEBHOOK_URLS
 * is set, notices still go to the 企业微信 robots. Never throws: the server keeps running either way.
 */
export async function startBotIfConfigured(env: NodeJS.ProcessEnv = process.env): Promise<StartResult> {
  let options;
  try {
    options = botOptionsFromEnv(env);
  } catch (err) {
    return { started: false, message: (err as Error).message };
  }
  const relayLog = (level: 'info' | 'warn', message: string) => log[level]('GongyouBot', message);
  if (!options.puppet) {
    if (!options.wecomWebhookUrls?.length) return { started: false, message: HOW_TO_START };
    try {
      const relay = await startWecomRelay({ ...options, wecomWebhookUrls: options.wecomWebhookUrls, intervalMs: options.roomIntervalMs, log: relayLog });
      return { started: false, message: `${HOW_TO_START}\n企业微信群机器人通知已启动（${options.wecomWebhookUrls.length} 个）。`, stop: () => relay.stop() };
    } catch (err) {
      return { started: false, message: `企业微信群机器人通知启动失败：${(err as Error).message}` };
    }
  }
  try {
    const bot = createBot(options);
    await bot.start();
    const rooms = options.rooms?.length ? `，通知发往群：${options.rooms.join('、')}` : '，未设置 BOT_ROOMS（不群发通知）';
    return { started: true, message: `微信机器人已启动（${options.puppet}），服务器 ${options.apiBaseUrl}${rooms}${loopbackWarning(options.h5BaseUrl)}`, stop: () => bot.stop() };
  } catch (err) {
    return { started: false, message: `微信机器人启动失败（${options.puppet}）：${(err as Error).message}` };
  }
}

/** Links to 127.0.0.1 work on this computer only: a worker's phone cannot open them. */
export function loopbackWarning(base: string | undefined): string {
  if (!base || !/^https?:\/\/(127\.|localhost|\[::1\])/.test(base)) return '';
  return `\n⚠️ 机器人发出的链接指向本机地址 ${base}，工友的手机打不开：请把 H5_BASE_URL 设为小程序 H5 的公网地址（或配置 BOT_MINIPROGRAM_APPID 发小程序卡片）。`;
}
