/**
 * The official channels, started next to (or instead of) Wechaty: the WeCom robot by callback URL
 * or long connection, and the mini-program's 客服 chat. Each is one adapter around the same
 * `createHandler`; they share one small HTTP listener for the callbacks (BOT_HOST:BOT_PORT).
 */
import { createApiClient } from './api.js';
import { createHandler, type Handler, type HandlerOptions, type StaffEntry } from './handler.js';
import { startCallbackServer, type CallbackRoute, type CallbackServer } from './http.js';
import type { UserRateLimit } from './rate-limit.js';
import { createAibotCallback, wecomSender } from './wecom-aibot.js';
import { createKfCallback, createKfSender } from './wechat-kf.js';

export const AIBOT_PATH = '/wecom/aibot';
export const KF_PATH = '/wechat/kf';

export interface OfficialChannelOptions {
  apiBaseUrl: string;
  botToken?: string;
  name?: string;
  h5BaseUrl: string;
  userRateLimit?: UserRateLimit;
  now?: () => Date;
  /** Where the callback listener listens (default 127.0.0.1, port 8080). */
  http?: { host?: string; port?: number };
  /** WeCom robot, callback mode. `staff`: WeCom userids allowed to publish (`contact` = userid). */
  wecomBot?: { token: string; aesKey: string; staff?: WecomStaff[]; replyDeadlineMs?: number };
  /** The mini-program's 客服 chat; replies go through customerServiceMessage.send at `apiBase`. */
  kf?: { token: string; aesKey: string; appId: string; secret: string; apiBase: string };
  log?: (level: 'info' | 'warn', message: string) => void;
  /** Called after a notice was published through a channel (the broadcasters poll at once). */
  onPublished?: HandlerOptions['onPublished'];
}

/** A WeCom userid allowed to publish, and the staff account on the server (default: the userid). */
export interface WecomStaff {
  userid: string;
  account?: string;
}

/** WeCom userids cannot be faked (WeCom signs the callback): they are the staff check on WeCom. */
export const wecomStaffEntries = (staff: WecomStaff[] = []): StaffEntry[] =>
  staff.map((s) => ({ contact: wecomSender(s.userid), account: s.account ?? s.userid }));

export interface OfficialChannels {
  /** Base URL of the callback listener, when one runs. */
  url?: string;
  /** What runs, in Chinese, one line each. */
  on: string[];
  stop(): Promise<void>;
}

/** One handler per channel (its own staff list and rate limits), all from the same factory. */
export function channelHandler(opts: OfficialChannelOptions, staff: StaffEntry[] = []): Handler {
  const api = createApiClient({ baseUrl: opts.apiBaseUrl, botToken: opts.botToken });
  return createHandler({ api, name: opts.name, staff, userRateLimit: opts.userRateLimit, now: opts.now, onPublished: opts.onPublished });
}

export async function startOfficialChannels(opts: OfficialChannelOptions): Promise<OfficialChannels> {
  const routes: Record<string, CallbackRoute> = {};
  const on: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  if (opts.wecomBot) {
    routes[AIBOT_PATH] = createAibotCallback({
      token: opts.wecomBot.token,
      aesKey: opts.wecomBot.aesKey,
      handle: channelHandler(opts, wecomStaffEntries(opts.wecomBot.staff)),
      h5BaseUrl: opts.h5BaseUrl,
      replyDeadlineMs: opts.wecomBot.replyDeadlineMs,
      log: opts.log,
    });
  }
  if (opts.kf) {
    const { token, aesKey, appId, secret, apiBase } = opts.kf;
    routes[KF_PATH] = createKfCallback({
      token,
      aesKey,
      appId,
      handle: channelHandler(opts),
      sender: createKfSender({ appId, secret, base: apiBase }),
      h5BaseUrl: opts.h5BaseUrl,
      log: opts.log,
    });
  }
  let server: CallbackServer | undefined;
  if (Object.keys(routes).length > 0) {
    server = await startCallbackServer({ host: opts.http?.host ?? '127.0.0.1', port: opts.http?.port ?? 8080, routes, log: opts.log });
    stops.push(() => server!.close());
    if (routes[AIBOT_PATH]) on.push(`企业微信智能机器人（回调）：${server.url}${AIBOT_PATH}`);
    if (routes[KF_PATH]) on.push(`小程序客服消息：${server.url}${KF_PATH}（回复经 ${opts.kf!.apiBase}）`);
  }
  return {
    url: server?.url,
    on,
    async stop() {
      await Promise.all(stops.map((s) => s()));
    },
  };
}
