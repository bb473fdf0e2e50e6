/**
 * 企业微信 智能机器人, long connection (长连接): for unions without a public callback URL. The bot dials
 * WeCom's WebSocket gateway, subscribes with the robot's bot id and secret, keeps the connection alive
 * with heartbeats and dials again (backing off) when it drops. Frames are plain JSON (no message
 * crypto: the connection is TLS and authenticated):
 *
 *   → {cmd:'aibot_subscribe', headers:{req_id}, body:{bot_id, secret}}   ← {headers:{req_id}, errcode:0}
 *   → {cmd:'ping', headers:{req_id}}                                     ← {headers:{req_id}, errcode:0}
 *   ← {cmd:'aibot_msg_callback', headers:{req_id}, body:<message>}       → {cmd:'aibot_respond_msg', headers:{req_id}, body:<stream>}
 *   → {cmd:'aibot_send_msg', headers:{req_id}, body:{chatid, msgtype:'markdown', …}}  (active push: notices)
 *
 * The messages go through the same core (wecom-aibot.ts) and handler as the callback mode.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import type { Handler } from './handler.js';
import { createAibotCore, streamReply, type AibotMessage } from './wecom-aibot.js';

export const DEFAULT_WECOM_WS_URL = 'wss://openws.work.weixin.qq.com';

interface Frame {
  cmd?: string;
  headers?: { req_id?: string };
  body?: unknown;
  errcode?: number;
  errmsg?: string;
}

export interface WecomWsOptions {
  url?: string;
  botId: string;
  secret: string;
  handle: Handler;
  h5BaseUrl: string;
  /** Heartbeat interval (default 30 s, as WeCom asks); two missed acks end the connection. */
  heartbeatMs?: number;
  /** First reconnect delay, doubled each failed attempt up to `reconnectMaxMs` (1 s → 30 s). */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** How long to wait for WeCom's ack of a frame (default 10 s). */
  ackTimeoutMs?: number;
  log?: (level: 'info' | 'warn', message: string) => void;
}

export interface WecomWs {
  /** Resolves once subscribed (the first time). */
  ready(): Promise<void>;
  /** Subscribed right now. */
  connected(): boolean;
  /** Active push (markdown) to a chat: a group's chatid, or a userid for one to one. */
  sendMarkdown(chatid: string, content: string): Promise<void>;
  stop(): Promise<void>;
}

const reqId = (prefix: string) => `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;

export function startWecomWs(opts: WecomWsOptions): WecomWs {
  const url = opts.url ?? DEFAULT_WECOM_WS_URL;
  const heartbeatMs = opts.heartbeatMs ?? 30_000;
  const baseDelay = opts.reconnectBaseMs ?? 1000;
  const maxDelay = opts.reconnectMaxMs ?? 30_000;
  const ackTimeout = opts.ackTimeoutMs ?? 10_000;
  const log = opts.log ?? (() => undefined);
  const core = createAibotCore({ handle: opts.handle, h5BaseUrl: opts.h5BaseUrl });
  const acks = new Map<string, { resolve: (f: Frame) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let ws: WebSocket | null = null;
  let subscribed = false;
  let stopped = false;
  let kicked = false;
  let attempt = 0;
  let missed = 0;
  let heartbeat: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;
  const chats = new Set<string>();
  let markReady: () => void = () => undefined;
  const readyOnce = new Promise<void>((r) => (markReady = r));

  function request(frame: Frame): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const id = frame.headers!.req_id!;
      if (!ws || ws.readyState !== WebSocket.OPEN) return reject(new Error('企业微信长连接未连接'));
      const timer = setTimeout(() => {
        acks.delete(id);
        reject(new Error(`企业微信没有确认 ${frame.cmd}`));
      }, ackTimeout);
      acks.set(id, { resolve, reject, timer });
      ws.send(JSON.stringify(frame));
    });
  }

  function connect() {
    if (stopped) return;
    const socket = new WebSocket(url, { handshakeTimeout: 10_000 });
    ws = socket;
    socket.on('open', () => {
      request({ cmd: 'aibot_subscribe', headers: { req_id: reqId('aibot_subscribe') }, body: { bot_id: opts.botId, secret: opts.secret } }).then(
        (f) => {
          if (f.errcode !== 0) {
            log('warn', `企业微信长连接订阅失败：${f.errcode} ${f.errmsg ?? ''}（检查 WECOM_BOT_ID / WECOM_BOT_SECRET）`);
            return socket.close();
          }
          subscribed = true;
          attempt = 0;
          missed = 0;
          log('info', '企业微信长连接已订阅');
          startHeartbeat(socket);
          markReady();
        },
        (err: Error) => {
          log('warn', `企业微信长连接订阅没有回应：${err.message}`);
          socket.terminate();
        },
      );
    });
    socket.on('message', (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        return;
      }
      onFrame(socket, frame);
    });
    socket.on('error', (err) => log('warn', `企业微信长连接出错：${err.message}`));
    socket.on('close', () => {
      if (ws === socket) ws = null;
      subscribed = false;
      clearInterval(heartbeat);
      for (const [id, a] of acks) {
        clearTimeout(a.timer);
        a.reject(new Error('企业微信长连接已断开'));
        acks.delete(id);
      }
      if (stopped || kicked) return;
      const delay = Math.min(baseDelay * 2 ** attempt++, maxDelay);
      log('warn', `企业微信长连接断开，${delay} ms 后重连`);
      retry = setTimeout(connect, delay);
    });
  }

  function startHeartbeat(socket: WebSocket) {
    clearInterval(heartbeat);
    heartbeat = setInterval(() => {
      // two heartbeats without an ack: the connection is dead even if TCP has not noticed
      if (missed >= 2) {
        log('warn', '企业微信长连接心跳无回应，重新连接');
        clearInterval(heartbeat);
        return socket.terminate();
      }
      missed++;
      request({ cmd: 'ping', headers: { req_id: reqId('ping') } }).then(
        (f) => f.errcode === 0 && (missed = 0),
        () => undefined,
      );
    }, heartbeatMs);
  }

  function onFrame(socket: WebSocket, frame: Frame) {
    const id = frame.headers?.req_id ?? '';
    if (!frame.cmd) {
      const a = acks.get(id);
      if (a) {
        clearTimeout(a.timer);
        acks.delete(id);
        a.resolve(frame);
      }
      return;
    }
    if (frame.cmd === 'aibot_event_callback') {
      const event = (frame.body as { event?: { eventtype?: string } } | undefined)?.event;
      if (event?.eventtype === 'disconnected_event') {
        // WeCom keeps one connection per robot: a newer one (another bot process) replaced us.
        kicked = true;
        log('warn', '企业微信长连接被同一机器人的新连接顶替（是否启动了两个机器人进程？），本进程不再重连');
      }
      return;
    }
    if (frame.cmd !== 'aibot_msg_callback') return;
    const msg = frame.body as AibotMessage;
    if (!msg?.msgid) return;
    if (msg.chattype === 'group' && msg.chatid && !chats.has(msg.chatid) && chats.size < 1000) {
      // the id WECOM_BOT_NOTICE_CHATS needs; WeCom shows it nowhere else
      chats.add(msg.chatid);
      log('info', `企业微信群会话 chatid=${msg.chatid}（加入 WECOM_BOT_NOTICE_CHATS 即可接收通知）`);
    }
    void core
      .entry(msg)
      .answer.then((a) => {
        if (!a || socket.readyState !== WebSocket.OPEN) return;
        // the reply carries the callback's req_id: that is how WeCom knows what it answers
        socket.send(JSON.stringify({ cmd: 'aibot_respond_msg', headers: { req_id: id }, body: streamReply(a) }));
      })
      .catch((err: Error) => log('warn', `企业微信长连接回复失败：${err.message}`));
  }

  connect();
  return {
    ready: () => readyOnce,
    connected: () => subscribed,
    async sendMarkdown(chatid, content) {
      const f = await request({ cmd: 'aibot_send_msg', headers: { req_id: reqId('aibot_send_msg') }, body: { chatid, msgtype: 'markdown', markdown: { content } } });
      if (f.errcode !== 0) throw new Error(`企业微信机器人主动推送失败：${f.errcode} ${f.errmsg ?? ''}`.trim());
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      const socket = ws;
      if (!socket) return;
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close(1000, 'bye');
        setTimeout(() => (socket.terminate(), resolve()), 1000).unref();
      });
    },
  };
}
