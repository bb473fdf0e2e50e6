/**
 * Fake WeCom and WeChat servers on 127.0.0.1, built from the official docs, not from the bot's code:
 * 企业微信 智能机器人 「回调和回复的加解密方案」 and 小程序 「消息推送」 (安全模式, JSON): msg_signature =
 * sha1 of the sorted token, timestamp, nonce and ciphertext; the ciphertext is AES-256-CBC with the key
 * base64-decoded from EncodingAESKey + "=", IV = its first 16 bytes, over random(16) + msg_len (4 bytes,
 * big-endian) + msg + receiveid, PKCS#7-padded to a multiple of 32 bytes. The cipher is written here
 * with node:crypto on purpose: the bot uses @wecom/crypto, so a shared mistake cannot pass unseen.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export function docCrypto(token: string, encodingAesKey: string, receiveId: string) {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
  const iv = key.subarray(0, 16);
  return {
    sign: (timestamp: string | number, nonce: string, ciphertext: string) =>
      createHash('sha1').update([token, String(timestamp), nonce, ciphertext].sort().join('')).digest('hex'),
    encrypt(msg: string, rid = receiveId): string {
      const body = Buffer.from(msg, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(body.length);
      const plain = Buffer.concat([randomBytes(16), len, body, Buffer.from(rid, 'utf8')]);
      const pad = 32 - (plain.length % 32);
      const c = createCipheriv('aes-256-cbc', key, iv);
      c.setAutoPadding(false);
      return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64');
    },
    decrypt(ciphertext: string): string {
      const d = createDecipheriv('aes-256-cbc', key, iv);
      d.setAutoPadding(false);
      const padded = Buffer.concat([d.update(Buffer.from(ciphertext, 'base64')), d.final()]);
      const pad = padded[padded.length - 1]!;
      if (pad < 1 || pad > 32 || !padded.subarray(padded.length - pad).every((b) => b === pad)) throw new Error('bad PKCS#7 padding');
      const plain = padded.subarray(0, padded.length - pad);
      const len = plain.readUInt32BE(16);
      const rid = plain.subarray(20 + len).toString('utf8');
      if (rid !== receiveId) throw new Error(`receiveid ${rid} ≠ ${receiveId}`);
      return plain.subarray(20, 20 + len).toString('utf8');
    },
  };
}

/** A 43-character EncodingAESKey, as the console's 「随机获取」 makes one. */
export function newAesKey(): string {
  return randomBytes(32).toString('base64').slice(0, 43);
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
const nonce = () => String(Math.floor(Math.random() * 1e10));

export interface SignedCall {
  timestamp?: number;
  nonce?: string;
  /** Replace the signature (a forger). */
  signature?: string;
}

/** A message the bot put in a WeCom chat: by passive stream reply or through response_url. */
export interface WecomPost {
  via: 'stream' | 'response_url';
  /** stream id (one chat message per id) or the response_code. */
  id: string;
  content: string;
}

/** WeCom's side of the 智能机器人 callback: sends signed, encrypted callbacks, reads the replies. */
export async function startFakeWecom(opts: { botUrl: string; token: string; aesKey: string }) {
  const c = docCrypto(opts.token, opts.aesKey, ''); // 企业内部智能机器人: ReceiveId ""
  const posts: WecomPost[] = [];
  const usedCodes = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      res.setHeader('content-type', 'application/json');
      const code = url.searchParams.get('response_code') ?? '';
      // 主动回复消息: each response_url can be used once.
      if (url.pathname !== '/cgi-bin/aibot/response' || usedCodes.has(code)) return res.end('{"errcode":40008,"errmsg":"invalid response_code"}');
      usedCodes.add(code);
      const m = JSON.parse(body) as { msgtype: string; markdown?: { content: string } };
      posts.push({ via: 'response_url', id: code, content: m.markdown?.content ?? '' });
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  let seq = 0;

  function query(ciphertext: string, call: SignedCall, extra: Record<string, string> = {}) {
    const timestamp = call.timestamp ?? nowSeconds();
    const n = call.nonce ?? nonce();
    const q = new URLSearchParams({ msg_signature: call.signature ?? c.sign(timestamp, n, ciphertext), timestamp: String(timestamp), nonce: n, ...extra });
    return `${opts.botUrl}?${q}`;
  }

  return {
    posts,
    /** Distinct messages shown in the chat (a stream id counts once however often it is sent). */
    shown(): WecomPost[] {
      const seen = new Set<string>();
      return posts.filter((p) => (seen.has(p.via + p.id) ? false : (seen.add(p.via + p.id), true)));
    },
    /** URL verification as the console does it on 「保存」: GET with an encrypted echostr. */
    async verifyUrl(call: SignedCall = {}) {
      const echo = String(Math.floor(Math.random() * 1e18));
      const echostr = c.encrypt(echo);
      const res = await fetch(query(echostr, call, { echostr }));
      return { status: res.status, body: await res.text(), echo };
    },
    /** A text message; returns the decrypted passive reply (null for an empty answer). */
    message(from: string, content: string, o: { chattype?: 'single' | 'group'; msgid?: string; chatid?: string } = {}) {
      const msgid = o.msgid ?? `msg-${++seq}-${Date.now()}`;
      return {
        msgid,
        body: {
          msgid,
          aibotid: 'AIBOTID',
          chatid: o.chattype === 'group' ? (o.chatid ?? 'wrkSFfCgAAtest') : undefined,
          chattype: o.chattype ?? 'single',
          from: { userid: from },
          response_url: `${base}/cgi-bin/aibot/response?response_code=${encodeURIComponent(msgid)}`,
          msgtype: 'text',
          text: { content },
        },
      };
    },
    async send(msg: object, call: SignedCall = {}) {
      const ciphertext = c.encrypt(JSON.stringify(msg));
      const res = await fetch(query(ciphertext, call), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ encrypt: ciphertext }) });
      const text = await res.text();
      if (res.status !== 200 || !text) return { status: res.status, reply: null };
      const r = JSON.parse(text) as { encrypt: string; msgsignature: string; timestamp: number; nonce: string };
      // Check the reply as WeCom would: its signature over its own timestamp and nonce.
      if (c.sign(r.timestamp, r.nonce, r.encrypt) !== r.msgsignature) throw new Error('reply signature does not verify');
      const reply = JSON.parse(c.decrypt(r.encrypt)) as { msgtype: string; stream?: { id: string; finish: boolean; content: string } };
      if (reply.msgtype === 'stream' && reply.stream) posts.push({ via: 'stream', id: reply.stream.id, content: reply.stream.content });
      return { status: res.status, reply };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** 消息推送 URL verification: sha1 of the sorted token, timestamp and nonce (no ciphertext). */
export const docPlainSign = (token: string, timestamp: string | number, nonce: string) =>
  createHash('sha1').update([token, String(timestamp), nonce].sort().join('')).digest('hex');

/** A message the mini-program's 客服 sent through customerServiceMessage.send. */
export interface KfSent {
  touser: string;
  msgtype: string;
  text?: { content: string };
}

/**
 * WeChat's side of the mini-program 客服 chat: pushes signed, encrypted JSON (安全模式) to the bot and
 * serves /cgi-bin/stable_token and /cgi-bin/message/custom/send (customerServiceMessage.send).
 */
export async function startFakeWechat(opts: { botUrl: string; token: string; aesKey: string; appId: string; secret: string }) {
  const c = docCrypto(opts.token, opts.aesKey, opts.appId);
  const sent: KfSent[] = [];
  const tokenCalls: Record<string, unknown>[] = [];
  let valid = '';
  let seq = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      res.setHeader('content-type', 'application/json');
      if (u.pathname === '/cgi-bin/stable_token' && req.method === 'POST') {
        const b = JSON.parse(body) as Record<string, unknown>;
        tokenCalls.push(b);
        if (b.appid !== opts.appId || b.secret !== opts.secret || b.grant_type !== 'client_credential') return res.end('{"errcode":40013,"errmsg":"invalid appid"}');
        if (!valid || b.force_refresh === true) valid = `KF_TOKEN_${tokenCalls.length}`;
        return res.end(JSON.stringify({ access_token: valid, expires_in: 7200 }));
      }
      if (u.pathname === '/cgi-bin/message/custom/send' && req.method === 'POST') {
        if (u.searchParams.get('access_token') !== valid) return res.end('{"errcode":40001,"errmsg":"invalid credential"}');
        sent.push(JSON.parse(body) as KfSent);
        return res.end('{"errcode":0,"errmsg":"ok"}');
      }
      res.statusCode = 404;
      res.end('{"errcode":404}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    sent,
    tokenCalls,
    /** Revokes the current token (as when another deployment force-refreshed it). */
    revoke: () => void (valid = 'revoked-elsewhere'),
    async verifyUrl(call: SignedCall = {}) {
      const timestamp = call.timestamp ?? nowSeconds();
      const n = call.nonce ?? nonce();
      const echostr = String(Math.floor(Math.random() * 1e18));
      const q = new URLSearchParams({ signature: call.signature ?? docPlainSign(opts.token, timestamp, n), echostr, timestamp: String(timestamp), nonce: n });
      const res = await fetch(`${opts.botUrl}?${q}`);
      return { status: res.status, body: await res.text(), echostr };
    },
    /** A text message from `openid` in 安全模式; returns WeChat's view of the answer ("success"). */
    async push(openid: string, content: string, o: SignedCall & { msgId?: string } = {}) {
      const msgId = o.msgId ?? `${Date.now()}${String(++seq).padStart(6, '0')}`;
      // MsgId is a 64-bit number in WeChat's JSON
      const plain = `{"ToUserName":"gh_test","FromUserName":${JSON.stringify(openid)},"CreateTime":${nowSeconds()},"MsgType":"text","Content":${JSON.stringify(content)},"MsgId":${msgId}}`;
      const Encrypt = c.encrypt(plain);
      const timestamp = o.timestamp ?? nowSeconds();
      const n = o.nonce ?? nonce();
      const q = new URLSearchParams({
        signature: docPlainSign(opts.token, timestamp, n),
        timestamp: String(timestamp),
        nonce: n,
        openid,
        encrypt_type: 'aes',
        msg_signature: o.signature ?? c.sign(timestamp, n, Encrypt),
      });
      const res = await fetch(`${opts.botUrl}?${q}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ToUserName: 'gh_test', Encrypt }) });
      return { status: res.status, body: await res.text(), msgId };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A frame on WeCom's long connection (智能机器人长连接): `{cmd, headers:{req_id}, body}`, acks without cmd. */
export interface WsFrame {
  cmd?: string;
  headers?: { req_id?: string };
  body?: Record<string, unknown>;
  errcode?: number;
  errmsg?: string;
}

/**
 * WeCom's long-connection gateway, from the 长连接 doc: the client subscribes with bot_id and secret,
 * sends `ping` heartbeats (acked), gets `aibot_msg_callback` frames and answers with
 * `aibot_respond_msg` carrying the callback's req_id; `aibot_send_msg` pushes to a chat.
 */
export async function startFakeWecomWs(opts: { botId: string; secret: string }) {
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const state = {
    connections: 0,
    subscribes: [] as Record<string, unknown>[],
    pings: 0,
    /** Heartbeats are left unanswered (a half-dead connection). */
    mutePings: false,
    responses: [] as WsFrame[],
    pushes: [] as WsFrame[],
  };
  let current: import('ws').WebSocket | null = null;
  let authed = false;
  wss.on('connection', (socket) => {
    state.connections++;
    current = socket;
    authed = false;
    socket.on('message', (data) => {
      const f = JSON.parse(data.toString()) as WsFrame;
      const ack = (errcode = 0, errmsg = 'ok') => socket.send(JSON.stringify({ headers: { req_id: f.headers?.req_id }, errcode, errmsg }));
      if (f.cmd === 'aibot_subscribe') {
        state.subscribes.push(f.body ?? {});
        const ok = f.body?.bot_id === opts.botId && f.body?.secret === opts.secret;
        authed = ok;
        return ack(ok ? 0 : 40058, ok ? 'ok' : 'invalid bot_id or secret');
      }
      if (!authed) return socket.close();
      if (f.cmd === 'ping') {
        state.pings++;
        return state.mutePings ? undefined : ack();
      }
      if (f.cmd === 'aibot_respond_msg') return state.responses.push(f), ack();
      if (f.cmd === 'aibot_send_msg') return state.pushes.push(f), ack();
    });
  });
  let seq = 0;
  return {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`,
    state,
    authed: () => authed && current?.readyState === 1,
    /** A user's text message to the robot; returns the callback's req_id. */
    message(from: string, content: string, o: { chattype?: 'single' | 'group'; msgid?: string } = {}): string {
      const req = `aibot_msg_callback_${++seq}`;
      current!.send(
        JSON.stringify({
          cmd: 'aibot_msg_callback',
          headers: { req_id: req },
          body: { msgid: o.msgid ?? `ws-msg-${seq}`, aibotid: opts.botId, chatid: o.chattype === 'group' ? 'wrkGroup1' : undefined, chattype: o.chattype ?? 'single', from: { userid: from }, msgtype: 'text', text: { content } },
        }),
      );
      return req;
    },
    /** Drops the connection without a close handshake (network failure, gateway restart). */
    drop: () => current?.terminate(),
    close: () => new Promise<void>((r) => (wss.clients.forEach((c) => c.terminate()), wss.close(() => r()))),
  };
}
