/**
 * The mini-program's 客服 chat: a member taps 「问工会」 (a button with open-type="contact"), WeChat
 * opens its own chat with the mini-program and pushes each message to `/wechat/kf` (消息推送, JSON,
 * 安全模式: signed and encrypted like WeCom's, the AppID as receiveid). The answer goes back through
 * customerServiceMessage.send with the mini-program's access token (stable_token, wechat-token.ts),
 * because a 客服 push cannot be answered in the response.
 */
import { createTokenSource, TOKEN_ERRORS, type TokenSource } from '../server/wechat-token.js';
import { createCallbackCrypto, CallbackRefused } from './callback-crypto.js';
import { renderText } from './format.js';
import type { Handler } from './handler.js';
import type { CallbackRoute } from './http.js';


export interface KfSender {
  sendText(openid: string, content: string): Promise<void>;
}

/** customerServiceMessage.send (`POST /cgi-bin/message/custom/send`), retried once with a fresh token. */
export function createKfSender(opts: { appId: string; secret: string; base: string; tokens?: TokenSource }): KfSender {
  const tokens = opts.tokens ?? createTokenSource({ appId: opts.appId, secret: opts.secret, base: opts.base });
  async function once(openid: string, content: string): Promise<{ errcode?: number; errmsg?: string; token: string }> {
    const token = await tokens.get();
    const res = await fetch(new URL(`/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`, opts.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ touser: openid, msgtype: 'text', text: { content } }),
      signal: AbortSignal.timeout(10_000),
    });
    const r = (await res.json().catch(() => ({ errcode: -1, errmsg: `HTTP ${res.status}` }))) as { errcode?: number; errmsg?: string };
    return { ...r, token };
  }
  return {
    async sendText(openid, content) {
      let r = await once(openid, content);
      if (r.errcode && TOKEN_ERRORS.has(r.errcode)) {
        await tokens.invalidate(r.token);
        r = await once(openid, content);
      }
      if (r.errcode) throw new Error(`客服消息发送失败：${r.errcode} ${r.errmsg ?? ''}`.trim());
    },
  };
}

interface KfPush {
  ToUserName?: string;
  FromUserName?: string;
  CreateTime?: number;
  MsgType?: string;
  Content?: string;
  Event?: string;
}

export interface KfCallbackOptions {
  token: string;
  aesKey: string;
  /** The mini-program's AppID: the receiveid every push must carry. */
  appId: string;
  handle: Handler;
  sender: KfSender;
  h5BaseUrl: string;
  log?: (level: 'info' | 'warn', message: string) => void;
  now?: () => number;
}

/** The `/wechat/kf` route: URL verification (GET, plain signature) and pushes (POST, 安全模式). */
export function createKfCallback(opts: KfCallbackOptions): CallbackRoute {
  const crypto = createCallbackCrypto({ token: opts.token, aesKey: opts.aesKey, receiveId: opts.appId, now: opts.now });
  const log = opts.log ?? (() => undefined);
  // WeChat retries a push it got no answer to within 5 s: answer each message once
  const seen = new Map<string, number>();
  const firstTime = (id: string) => {
    const t = Date.now();
    if (seen.size > 5000) for (const [k, at] of seen) if (t - at > 30 * 60_000) seen.delete(k);
    if (seen.has(id)) return false;
    seen.set(id, t);
    return true;
  };

  async function answer(push: KfPush) {
    const openid = push.FromUserName!;
    const kind = push.MsgType === 'text' ? 'text' : push.MsgType === 'voice' ? 'voice' : 'other';
    // A private chat with the member; no one else reads it, and nobody publishes notices from here.
    const reply = await opts.handle({ text: push.Content ?? '', fromId: `wxkf:${openid}`, fromName: '小程序用户', inRoom: false, mentioned: false, kind });
    if (reply) await opts.sender.sendText(openid, renderText(reply, opts.h5BaseUrl));
  }

  return async function route(req) {
    try {
      if (req.method === 'GET') {
        crypto.checkPlain({ signature: req.query.get('signature'), timestamp: req.query.get('timestamp'), nonce: req.query.get('nonce') });
        return { status: 200, body: req.query.get('echostr') ?? '' };
      }
      let encrypted = '';
      try {
        encrypted = String((JSON.parse(req.body) as { Encrypt?: unknown }).Encrypt ?? '');
      } catch {
        return { status: 400, body: 'bad request' };
      }
      // Only 安全模式: a plain push is signed without its body, so its content could be anyone's.
      const plain = crypto.open({ signature: req.query.get('msg_signature'), timestamp: req.query.get('timestamp'), nonce: req.query.get('nonce') }, encrypted);
      const push = JSON.parse(plain) as KfPush;
      // MsgId is a 64-bit number: read its digits from the text, JSON numbers lose them
      const msgId = /"MsgId"\s*:\s*"?(\d+)/.exec(plain)?.[1] ?? `${push.FromUserName}:${push.CreateTime}`;
      if (push.FromUserName && push.MsgType !== 'event' && firstTime(msgId)) {
        void answer(push).catch((err: Error) => log('warn', `小程序客服回复失败：${err.message}`));
      }
      return { status: 200, body: 'success' };
    } catch (err) {
      if (err instanceof CallbackRefused) {
        log('warn', `小程序客服消息推送被拒绝：${err.reason}`);
        return { status: 403, body: 'forbidden' };
      }
      throw err;
    }
  };
}
