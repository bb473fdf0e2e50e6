/**
 * 企业微信 智能机器人 (API mode): members @ the robot in a WeCom group or chat with it one to one.
 * The message core here is shared by the two ways WeCom delivers messages: the callback URL
 * (`/wecom/aibot`, encrypted JSON, this file) and the long connection (wecom-ws.ts, plain JSON).
 * Either way the text goes to the same `createHandler` as Wechaty and the terminal chat.
 */
import { createHash } from 'node:crypto';
import { createCallbackCrypto, CallbackRefused, type CallbackCrypto } from './callback-crypto.js';
import { linkUrl, type Reply } from './format.js';
import type { Handler, IncomingMessage } from './handler.js';
import type { CallbackRoute } from './http.js';

/** A message as WeCom sends it (接收消息): the fields the bot reads. */
export interface AibotMessage {
  msgid: string;
  aibotid?: string;
  chatid?: string;
  chattype?: 'single' | 'group';
  from?: { userid?: string };
  response_url?: string;
  msgtype: string;
  text?: { content?: string };
  voice?: { content?: string };
  mixed?: { msg_item?: { msgtype: string; text?: { content?: string } }[] };
  stream?: { id?: string };
}

/** The WeCom user a message came from, as the handler sees it (staff are configured by this id). */
export const wecomSender = (userid: string) => `wecom:${userid}`;

/** WeCom markdown: the answer, the page as a link, the asker mentioned in groups. */
export function aibotMarkdown(reply: Reply, h5BaseUrl: string, mention?: string): string {
  const link = reply.link ? `\n👉 [${reply.link.title}](${linkUrl(h5BaseUrl, reply.link)})` : '';
  return `${mention ? `<@${mention}> ` : ''}${reply.text}${link}`;
}

export function toIncoming(msg: AibotMessage): IncomingMessage | null {
  const userid = msg.from?.userid;
  if (!userid) return null;
  const inRoom = msg.chattype === 'group';
  let text = '';
  let kind: IncomingMessage['kind'] = 'text';
  if (msg.msgtype === 'text') text = msg.text?.content ?? '';
  // WeCom turns voice into text itself; without text the handler gives the voice hint
  else if (msg.msgtype === 'voice') (text = msg.voice?.content ?? ''), (kind = text ? 'text' : 'voice');
  else if (msg.msgtype === 'mixed') text = (msg.mixed?.msg_item ?? []).map((i) => (i.msgtype === 'text' ? (i.text?.content ?? '') : '')).join('');
  else kind = 'other';
  // Group callbacks come when the robot is @-mentioned; the handler checks the @name in the text
  // itself, so an unaddressed group message is ignored exactly as on Wechaty.
  return { text, fromId: wecomSender(userid), fromName: userid, inRoom, mentioned: false, kind };
}

export interface AibotAnswer {
  /** Stream id of the bot's message: the same for every delivery of one msgid. */
  streamId: string;
  content: string;
}

/**
 * Answers each msgid once: WeCom retries a callback it got no answer to in time, and a reconnecting
 * long connection may see a message again. A retry gets the same answer (same stream id, so WeCom
 * shows one message), never a second run of the handler (rate limits, ask-backs, publishing).
 */
export function createAibotCore(opts: { handle: Handler; h5BaseUrl: string; ttlMs?: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const ttl = opts.ttlMs ?? 30 * 60_000;
  const answers = new Map<string, { at: number; answer: Promise<AibotAnswer | null>; byUrl: boolean }>();

  function entry(msg: AibotMessage) {
    const t = now();
    if (answers.size > 5000) for (const [id, e] of answers) if (t - e.at > ttl) answers.delete(id);
    let e = answers.get(msg.msgid);
    if (!e) {
      e = { at: t, byUrl: false, answer: answerOnce(msg) };
      answers.set(msg.msgid, e);
    }
    return e;
  }

  async function answerOnce(msg: AibotMessage): Promise<AibotAnswer | null> {
    const incoming = toIncoming(msg);
    if (!incoming) return null;
    const reply = await opts.handle(incoming);
    if (!reply) return null;
    const mention = incoming.inRoom ? msg.from?.userid : undefined;
    return { streamId: streamIdFor(msg.msgid), content: aibotMarkdown(reply, opts.h5BaseUrl, mention) };
  }

  return { entry };
}

export const streamIdFor = (msgid: string) => `gy_${createHash('sha256').update(msgid).digest('hex').slice(0, 24)}`;

/** The passive reply body for a finished answer (被动回复消息 → 流式消息回复, finish at once). */
export function streamReply(a: AibotAnswer) {
  return { msgtype: 'stream', stream: { id: a.streamId, finish: true, content: a.content } };
}

export interface AibotCallbackOptions {
  token: string;
  aesKey: string;
  handle: Handler;
  h5BaseUrl: string;
  /** Answers slower than this go to the message's response_url instead (WeCom waits 5 s). */
  replyDeadlineMs?: number;
  log?: (level: 'info' | 'warn', message: string) => void;
  now?: () => number;
}

/** The `/wecom/aibot` route: URL verification (GET) and messages (POST). */
export function createAibotCallback(opts: AibotCallbackOptions): CallbackRoute {
  const now = opts.now ?? Date.now;
  // 企业内部智能机器人: ReceiveId is the empty string.
  const crypto: CallbackCrypto = createCallbackCrypto({ token: opts.token, aesKey: opts.aesKey, receiveId: '', now });
  const core = createAibotCore({ handle: opts.handle, h5BaseUrl: opts.h5BaseUrl, now });
  const deadline = opts.replyDeadlineMs ?? 3000;
  const log = opts.log ?? (() => undefined);

  async function postToResponseUrl(url: string, content: string) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
      signal: AbortSignal.timeout(10_000),
    });
    const data = (await res.json().catch(() => null)) as { errcode?: number; errmsg?: string } | null;
    if (!res.ok || (data?.errcode ?? 0) !== 0) throw new Error(`HTTP ${res.status} ${data?.errcode ?? ''} ${data?.errmsg ?? ''}`.trim());
  }

  return async function route(req) {
    const params = { signature: req.query.get('msg_signature'), timestamp: req.query.get('timestamp'), nonce: req.query.get('nonce') };
    try {
      if (req.method === 'GET') {
        // URL verification: answer the decrypted echostr, plain, within 1 s.
        return { status: 200, body: crypto.open(params, req.query.get('echostr') ?? '') };
      }
      let encrypted = '';
      try {
        encrypted = String((JSON.parse(req.body) as { encrypt?: unknown }).encrypt ?? '');
      } catch {
        return { status: 400, body: 'bad request' };
      }
      const msg = JSON.parse(crypto.open(params, encrypted)) as AibotMessage;
      if (!msg.msgid || msg.msgtype === 'event' || msg.msgtype === 'stream') {
        // Events need no answer; a stream refresh cannot come for our streams (they finish at once).
        return { status: 200, body: '' };
      }
      const e = core.entry(msg);
      if (e.byUrl) return { status: 200, body: '' };
      let timer: NodeJS.Timeout | undefined;
      const late = Symbol('late');
      const answer = await Promise.race([e.answer, new Promise<typeof late>((r) => (timer = setTimeout(() => r(late), deadline)))]).finally(() =>
        clearTimeout(timer),
      );
      if (answer === late) {
        // Too slow for the passive reply: answer once through response_url when ready.
        e.byUrl = true;
        void e.answer
          .then((a) => (a && msg.response_url ? postToResponseUrl(msg.response_url, a.content) : undefined))
          .catch((err: Error) => log('warn', `企业微信机器人 response_url 回复失败：${err.message}`));
        return { status: 200, body: '' };
      }
      if (!answer) return { status: 200, body: '' };
      return { status: 200, contentType: 'application/json', body: JSON.stringify(crypto.seal(JSON.stringify(streamReply(answer)))) };
    } catch (err) {
      if (err instanceof CallbackRefused) {
        log('warn', `企业微信机器人回调被拒绝：${err.reason}`);
        return { status: 403, body: 'forbidden' };
      }
      throw err;
    }
  };
}
