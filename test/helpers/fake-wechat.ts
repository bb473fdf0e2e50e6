/**
 * The fake WeChat server API used by the tests, on 127.0.0.1 (port 0), answering as WeChat's
 * documentation says (developers.weixin.qq.com, 服务端 API): code2Session, stable_token, subscribe
 * messages, wxacode, URL Links and phone numbers. It records every request; behaviour switches per test.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';

export const APPID = 'wx-test-appid';
export const SECRET = 'wx-test-secret';
export const TPL = { WX_TEMPLATE_REMINDER: 'tpl-reminder', WX_TEMPLATE_NOTICE: 'tpl-notice' };
/** A 1×1 PNG, as the fake's wxacode. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export interface Sent {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** The fake WeChat API: records every request; behaviour switches per test. */
export class FakeWechat {
  server!: Server;
  url = '';
  tokenCalls = 0;
  tokenSeq = 0;
  validToken = '';
  sessions: Record<string, string>[] = [];
  sent: Sent[] = [];
  sendAttempts = 0;
  wxacode: Record<string, unknown>[] = [];
  /** openid → errcode the send answers for it. */
  refuse = new Map<string, number>();
  /** The next send answers 40001 (token revoked elsewhere). */
  revokeNext = false;
  /** Each subscribe send answers after this long (a slow WeChat). */
  sendDelayMs = 0;
  /** Bodies of `/wxa/generate_urllink` calls. */
  urlLinks: Record<string, unknown>[] = [];
  /** errcode the next generate_urllink calls answer (e.g. 85401 quota used up), 0 = succeed. */
  urlLinkError = 0;
  /** generate_urllink answers after this long (WeChat slow). */
  urlLinkDelayMs = 0;
  /** Bodies of `/wxa/business/getuserphonenumber` calls. */
  phoneCalls: Record<string, unknown>[] = [];
  /** phone code → phone_info (`ok-phone-<x>` codes; each usable once, like WeChat's). */
  phones = new Map<string, { phoneNumber: string; purePhoneNumber: string; countryCode: string }>();
  private usedPhoneCodes = new Set<string>();
  /** Answers `-1 system error` to getuserphonenumber (WeChat busy). */
  phoneBusy = false;

  async start() {
    this.server = createServer((req, res) => void this.handle(req, res).catch((err) => res.writeHead(500).end(String(err))));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }
  stop() {
    return new Promise<void>((r) => this.server.close(() => r()));
  }
  reset() {
    Object.assign(this, { tokenCalls: 0, validToken: '', sessions: [], sent: [], sendAttempts: 0, wxacode: [], revokeNext: false, sendDelayMs: 0 });
    Object.assign(this, { urlLinks: [], urlLinkError: 0, urlLinkDelayMs: 0, phoneCalls: [], phoneBusy: false });
    this.refuse.clear();
    this.phones.clear();
    this.usedPhoneCodes.clear();
  }
  sentTo(openid: string) {
    return this.sent.filter((m) => m.touser === openid);
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const u = new URL(req.url!, this.url);
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const body = async () => {
      let s = '';
      for await (const chunk of req) s += chunk;
      return JSON.parse(s) as Record<string, unknown>;
    };
    const q = Object.fromEntries(u.searchParams);
    if (u.pathname === '/sns/jscode2session' && req.method === 'GET') {
      this.sessions.push(q);
      if (q.appid !== APPID || q.secret !== SECRET || q.grant_type !== 'authorization_code') return json({ errcode: 40013, errmsg: 'invalid appid' });
      // Codes "ok-<name>" are valid and belong to openid "oid-<name>"; anything else is expired/invalid.
      if (!q.js_code?.startsWith('ok-')) return json({ errcode: 40029, errmsg: 'invalid code' });
      return json({ openid: `oid-${q.js_code.slice(3)}`, session_key: 'c2Vzc2lvbi1rZXk=' });
    }
    // stable_token (normal mode) hands out the current token while it is valid; force_refresh makes a new one
    if (u.pathname === '/cgi-bin/stable_token' && req.method === 'POST') {
      this.tokenCalls++;
      const b = await body();
      if (b.appid !== APPID || b.secret !== SECRET || b.grant_type !== 'client_credential') return json({ errcode: 40013, errmsg: 'invalid appid' });
      await new Promise((r) => setTimeout(r, 20)); // slow enough that concurrent senders overlap
      if (b.force_refresh === true || !this.validToken || this.validToken === 'revoked') this.validToken = `ACCESS_TOKEN_${++this.tokenSeq}`;
      return json({ access_token: this.validToken, expires_in: 7200 });
    }
    if (u.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      this.sendAttempts++;
      const msg = (await body()) as unknown as Sent;
      if (this.sendDelayMs) await new Promise((r) => setTimeout(r, this.sendDelayMs));
      if (this.revokeNext) {
        this.revokeNext = false;
        this.validToken = 'revoked';
        return json({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      }
      if (q.access_token !== this.validToken) return json({ errcode: 40001, errmsg: 'invalid credential' });
      const refused = this.refuse.get(msg.touser);
      if (refused) return json({ errcode: refused, errmsg: refused === 43101 ? 'user refuse to accept the msg' : 'argument invalid! data.thing1.value' });
      this.sent.push(msg);
      return json({ errcode: 0, errmsg: 'ok', msgid: this.sent.length });
    }
    if (u.pathname === '/wxa/getwxacodeunlimit' && req.method === 'POST') {
      const b = await body();
      this.wxacode.push(b);
      if (q.access_token !== this.validToken) return json({ errcode: 40001, errmsg: 'invalid credential' });
      return res.writeHead(200, { 'content-type': 'image/png' }).end(TINY_PNG);
    }
    // generateUrlLink (服务端 API → 链接 → 获取加密 URL Link): JSON body {path, query, expire_type,
    // expire_interval | expire_time, env_version}; answers {errcode: 0, errmsg: 'ok', url_link}.
    if (u.pathname === '/wxa/generate_urllink' && req.method === 'POST') {
      const b = await body();
      this.urlLinks.push(b);
      if (this.urlLinkDelayMs) await new Promise((r) => setTimeout(r, this.urlLinkDelayMs));
      if (q.access_token !== this.validToken) return json({ errcode: 40001, errmsg: 'invalid credential' });
      if (this.urlLinkError) return json({ errcode: this.urlLinkError, errmsg: 'reach max api daily quota limit' });
      const query = typeof b.query === 'string' ? b.query : '';
      if (typeof b.path !== 'string' || b.path.startsWith('/') || b.path.includes('?')) return json({ errcode: 40165, errmsg: 'invalid weapp pagepath' });
      if (query.length > 1024 || !/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~%]*$/.test(query)) return json({ errcode: 40212, errmsg: 'invalid query' });
      const days = Number(b.expire_interval);
      if (b.expire_type !== 1 || !Number.isInteger(days) || days < 1 || days > 30) return json({ errcode: 40097, errmsg: 'invalid args' });
      return json({ errcode: 0, errmsg: 'ok', url_link: `https://wxaurl.cn/T${this.urlLinks.length}${Buffer.from(`${b.path}?${query}`).toString('hex').slice(0, 12)}` });
    }
    // getPhoneNumber (服务端 API → 用户信息 → 手机号): JSON body {code}; answers
    // {errcode: 0, errmsg: 'ok', phone_info: {phoneNumber, purePhoneNumber, countryCode, watermark}}.
    if (u.pathname === '/wxa/business/getuserphonenumber' && req.method === 'POST') {
      const b = await body();
      this.phoneCalls.push(b);
      if (q.access_token !== this.validToken) return json({ errcode: 40001, errmsg: 'invalid credential' });
      if (this.phoneBusy) return json({ errcode: -1, errmsg: 'system error' });
      const code = String(b.code ?? '');
      const info = this.phones.get(code);
      if (!info || this.usedPhoneCodes.has(code)) return json({ errcode: 40029, errmsg: 'invalid code' });
      this.usedPhoneCodes.add(code);
      return json({ errcode: 0, errmsg: 'ok', phone_info: { ...info, watermark: { timestamp: Math.floor(Date.now() / 1000), appid: APPID } } });
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 404, errmsg: 'no such api' }));
  }
}

/** An address where nothing listens (a port just freed): WeChat unreachable. */
export async function deadUrl(): Promise<string> {
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(dead.address() as { port: number }).port}`;
  await new Promise<void>((r) => dead.close(() => r()));
  return url;
}
