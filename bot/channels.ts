/**
 * The official channels, started next to (or instead of) Wechaty: the WeCom robot by callback URL
 * or long connection, and the mini-program's 客服 chat. Each is one adapter around the same
 * `createHandler`; the callback adapters share one small HTTP listener (BOT_HOST:BOT_PORT).
 */
import { createApiClient, type Notice } from './api.js';
import { createBroadcaster, type Broadcaster } from './broadcast.js';
import type { CursorStore } from './cursor-store.js';
import { createHandler, type Handler, type HandlerOptions, type StaffEntry } from './handler.js';
import { startCallbackServer, type CallbackRoute, type CallbackServer } from './http.js';
import type { UserRateLimit } from './rate-limit.js';
import { createKfCallback, createKfSender } from './wechat-kf.js';
import { createAibotCallback, wecomSender } from './wecom-aibot.js';
import { noticeLink, noticeMarkdown } from './wecom.js';
import { startWecomWs, type WecomWs } from './wecom-ws.js';

export const AIBOT_PATH = '/wecom/aibot';
export const KF_PATH = '/wechat/kf';

/** A WeCom userid allowed to publish, and the staff account on the server (default: the userid). */
export interface WecomStaff {
  userid: string;
  account?: string;
}

/** WeCom userids cannot be faked (WeCom signs the callback, or it comes on our own connection). */
export const wecomStaffEntries = (staff: WecomStaff[] = []): StaffEntry[] =>
  staff.map((s) => ({ contact: wecomSender(s.userid), account: s.account ?? s.userid }));

export interface OfficialChannelOptions {
  apiBaseUrl: string;
  botToken?: string;
  name?: string;
  h5BaseUrl: string;
  userRateLimit?: UserRateLimit;
  now?: () => Date;
  /** Where the callback listener listens (default 127.0.0.1:3001; port 0 picks a free one). */
  http?: { host?: string; port?: number };
  /** WeCom robot, callback mode. `staff`: WeCom userids allowed to publish. */
  wecomBot?: { token: string; aesKey: string; staff?: WecomStaff[]; replyDeadlineMs?: number };
  /** WeCom robot, long connection. `noticeChats`: chatids that get every notice by active push. */
  wecomWs?: { botId: string; secret: string; url?: string; staff?: WecomStaff[]; noticeChats?: string[]; heartbeatMs?: number; reconnectBaseMs?: number };
  /** The mini-program's 客服 chat; replies go through customerServiceMessage.send at `apiBase`. */
  kf?: { token: string; aesKey: string; appId: string; secret: string; apiBase: string };
  /** Broadcast cursors (shared with the other broadcasters of this process: one file, one owner). */
  cursors?: CursorStore;
  roomIntervalMs?: number;
  pollIntervalMs?: number;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** Called after a notice was published through a channel (the broadcasters poll at once). */
  onPublished?: HandlerOptions['onPublished'];
}

export interface OfficialChannels {
  /** Base URL of the callback listener, when one runs. */
  url?: string;
  /** The long connection, when one runs. */
  ws?: WecomWs;
  /** What runs, in Chinese, one line each. */
  on: string[];
  stop(): Promise<void>;
}

/** One handler per channel (its own staff list and rate limits), all from the same factory. */
export function channelHandler(opts: Omit<OfficialChannelOptions, 'h5BaseUrl'>, staff: StaffEntry[] = [], onPublished?: (n: Notice) => void): Handler {
  const api = createApiClient({ baseUrl: opts.apiBaseUrl, botToken: opts.botToken });
  return createHandler({ api, name: opts.name, staff, userRateLimit: opts.userRateLimit, now: opts.now, onPublished: onPublished ?? opts.onPublished });
}

export async function startOfficialChannels(opts: OfficialChannelOptions): Promise<OfficialChannels> {
  const routes: Record<string, CallbackRoute> = {};
  const on: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  let notices: Broadcaster | null = null;
  const published = (n: Notice) => {
    notices?.poke();
    opts.onPublished?.(n);
  };
  if (opts.wecomBot) {
    routes[AIBOT_PATH] = createAibotCallback({
      token: opts.wecomBot.token,
      aesKey: opts.wecomBot.aesKey,
      handle: channelHandler(opts, wecomStaffEntries(opts.wecomBot.staff), published),
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
  try {
    if (Object.keys(routes).length > 0) {
      server = await startCallbackServer({ host: opts.http?.host ?? '127.0.0.1', port: opts.http?.port ?? 3001, routes, log: opts.log });
      stops.push(() => server!.close());
      if (routes[AIBOT_PATH]) on.push(`企业微信智能机器人（回调）：已启动，回调地址 ${server.url}${AIBOT_PATH}（公网 HTTPS 反向代理到这里）`);
      if (routes[KF_PATH]) on.push(`小程序客服消息：已启动，消息推送地址 ${server.url}${KF_PATH}，回复经 ${opts.kf!.apiBase}`);
    }
    let ws: WecomWs | undefined;
    if (opts.wecomWs) {
      const w = opts.wecomWs;
      ws = startWecomWs({
        url: w.url,
        botId: w.botId,
        secret: w.secret,
        handle: channelHandler(opts, wecomStaffEntries(w.staff), published),
        h5BaseUrl: opts.h5BaseUrl,
        heartbeatMs: w.heartbeatMs,
        reconnectBaseMs: w.reconnectBaseMs,
        log: opts.log,
      });
      stops.push(() => ws!.stop());
      on.push(`企业微信智能机器人（长连接）：已启动，连接 ${w.url ?? 'wss://openws.work.weixin.qq.com'}`);
      const chats = w.noticeChats ?? [];
      if (chats.length > 0 && opts.cursors) {
        const noticeApi = createApiClient({ baseUrl: opts.apiBaseUrl, botToken: opts.botToken });
        // Active push reaches chats where a member has talked to the robot: the same cursor per target.
        notices = createBroadcaster({
          api: noticeApi,
          cursors: opts.cursors,
          targets: chats.map((chatid) => ({
            key: `aibot:${chatid}`,
            send: async (n: Notice) => ws!.sendMarkdown(chatid, noticeMarkdown(n, opts.h5BaseUrl, await noticeLink(n, noticeApi))),
          })),
          intervalMs: opts.roomIntervalMs ?? 3000,
          pollMs: opts.pollIntervalMs ?? 5000,
          log: opts.log,
        });
        await notices.start();
        stops.unshift(() => notices!.stop());
        on.push(`企业微信智能机器人通知：发往 ${chats.length} 个会话（WECOM_BOT_NOTICE_CHATS）`);
      }
    }
    return {
      url: server?.url,
      ws,
      on,
      async stop() {
        for (const s of stops) await s();
      },
    };
  } catch (err) {
    for (const s of stops) await s().catch(() => undefined);
    throw err;
  }
}
