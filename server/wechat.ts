/**
 * WeChat server API client (code2Session, access token, subscribe messages, wxacode, URL Links,
 * phone numbers). The base URL
 * comes from WX_API_BASE so tests point it at a fake on 127.0.0.1.
 */
import { DomainError } from '../shared/errors.js';
import { createTokenSource, TOKEN_ERRORS, type TokenKeeper } from './wechat-token.js';

export interface WechatClient {
  code2Session(code: string): Promise<{ openid: string }>;
  sendSubscribeMessage(msg: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<void>;
  getWxaCode(page: string, scene: string): Promise<Buffer>;
  /**
   * `/wxa/generate_urllink`: a link (https://wxaurl.cn/…) that opens `path?query` of the released
   * mini-program from a chat, SMS or browser; valid `URL_LINK_DAYS` days (WeChat's longest).
   */
  generateUrlLink(path: string, query: string): Promise<string>;
  /** `/wxa/business/getuserphonenumber`: the phone a `getPhoneNumber` button's code stands for (one use, 5 minutes). */
  getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }>;
}

/** How long a URL Link lives: WeChat allows at most 30 days (expire_type 1, expire_interval in days). */
export const URL_LINK_DAYS = 30;

/**
 * A subscribe message that was not delivered. `errcode` is WeChat's answer (null when none came);
 * `notSent` is true when WeChat certainly did not deliver it (no token, connection refused, or an
 * error answer), so the member's one-time opt-in is still unused on WeChat's side.
 */
export class WechatSendError extends Error {
  override readonly name = 'WechatSendError';
  constructor(
    message: string,
    readonly errcode: number | null,
    readonly notSent: boolean,
  ) {
    super(message);
  }
}

/** Network errors that happen before a request reaches WeChat. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function createWechatClient(opts: { appId: string; secret: string; base: string; now?: () => number; tokens?: TokenKeeper }): WechatClient {
  // The access token comes from /cgi-bin/stable_token and is kept in the store when the server
  // passes its keeper (wechat-token.ts): every process and restart shares one token.
  const tokens = createTokenSource({ appId: opts.appId, secret: opts.secret, base: opts.base, now: opts.now, keeper: opts.tokens });
  let lastToken = '';

  async function call(path: string, init?: RequestInit): Promise<Response> {
    try {
      return await fetch(new URL(path, opts.base), { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      const code = ((err as { cause?: { code?: string } }).cause?.code ?? '') as string;
      throw Object.assign(new DomainError('UNAVAILABLE', `微信服务暂时连不上：${(err as Error).message}`), { notConnected: NOT_CONNECTED.has(code) });
    }
  }

  /** WeChat answers JSON; a proxy error page or an outage must not surface as a SyntaxError. */
  async function json<T>(res: Response): Promise<T> {
    const text = await res.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new DomainError('UNAVAILABLE', `微信服务返回了无法识别的内容（HTTP ${res.status}）`);
    }
  }

  async function accessToken(): Promise<string> {
    return (lastToken = await tokens.get());
  }

  async function sendOnce(msg: Parameters<WechatClient['sendSubscribeMessage']>[0]): Promise<{ errcode?: number; errmsg?: string }> {
    let t: string;
    try {
      t = await accessToken();
    } catch (err) {
      throw new WechatSendError(`subscribe send failed: no access token (${(err as Error).message})`, null, true);
    }
    let res: Response;
    try {
      res = await call(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(t)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: msg.touser, template_id: msg.templateId, page: msg.page, data: msg.data, lang: 'zh_CN' }),
      });
    } catch (err) {
      throw new WechatSendError(`subscribe send failed: ${(err as Error).message}`, null, !!(err as { notConnected?: boolean }).notConnected);
    }
    try {
      return await json<{ errcode?: number; errmsg?: string }>(res);
    } catch (err) {
      throw new WechatSendError(`subscribe send failed: ${(err as Error).message}`, null, false);
    }
  }

  /** A JSON API called with the access token; a token WeChat calls invalid is fetched again once. */
  async function postJson<T extends { errcode?: number; errmsg?: string }>(path: string, payload: unknown): Promise<T> {
    const once = async () => {
      const t = await accessToken();
      const res = await call(`${path}?access_token=${encodeURIComponent(t)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      return { t, r: await json<T>(res) };
    };
    let { t, r } = await once();
    if (r.errcode && TOKEN_ERRORS.has(r.errcode)) {
      await tokens.invalidate(t);
      ({ r } = await once());
    }
    return r;
  }

  return {
    async code2Session(code) {
      const q = new URLSearchParams({ appid: opts.appId, secret: opts.secret, js_code: code, grant_type: 'authorization_code' });
      const r = await json<{ openid?: string; errcode?: number; errmsg?: string }>(await call(`/sns/jscode2session?${q}`));
      if (r.errcode === -1 || r.errcode === 45011) throw new DomainError('UNAVAILABLE', '微信登录繁忙，请稍后再试');
      if (!r.openid) throw new DomainError('UNAUTHORIZED', `微信登录失败（${r.errcode ?? ''} ${r.errmsg ?? ''}），请重试`);
      return { openid: r.openid };
    },
    async sendSubscribeMessage(msg) {
      let r = await sendOnce(msg);
      if (r.errcode && TOKEN_ERRORS.has(r.errcode)) {
        await tokens.invalidate(lastToken); // token revoked or expired early: fetch a new one and try once more
        r = await sendOnce(msg);
      }
      if (r.errcode) throw new WechatSendError(`subscribe send failed: ${r.errcode} ${r.errmsg ?? ''}`, r.errcode, true);
    },
    async getWxaCode(page, scene) {
      const t = await accessToken();
      const res = await call(`/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(t)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scene, page, check_path: false }),
      });
      const buf = Buffer.from(await res.arrayBuffer());
      if ((res.headers.get('content-type') ?? '').includes('json') || !res.ok) {
        const errcode = Number(/"errcode":\s*(\d+)/.exec(buf.toString('utf8'))?.[1]);
        if (TOKEN_ERRORS.has(errcode)) await tokens.invalidate(t);
        throw new DomainError('UNAVAILABLE', `生成小程序码失败：${buf.toString('utf8').slice(0, 200)}`);
      }
      return buf;
    },
    async generateUrlLink(path, query) {
      const r = await postJson<{ errcode?: number; errmsg?: string; url_link?: string }>('/wxa/generate_urllink', {
        path,
        query,
        expire_type: 1,
        expire_interval: URL_LINK_DAYS,
      });
      if (r.errcode || !r.url_link) throw new DomainError('UNAVAILABLE', `生成小程序链接失败：${r.errcode ?? ''} ${r.errmsg ?? ''}`.trim());
      return r.url_link;
    },
    async getPhoneNumber(code) {
      const r = await postJson<{ errcode?: number; errmsg?: string; phone_info?: { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string | number } }>(
        '/wxa/business/getuserphonenumber',
        { code },
      );
      if (r.errcode === -1) throw new DomainError('UNAVAILABLE', '微信繁忙，请稍后再试，或直接输入手机号');
      // 40029: the code is wrong, used or older than 5 minutes
      if (r.errcode === 40029) throw new DomainError('BAD_REQUEST', '微信手机号授权已失效，请重新点击「微信手机号快捷填写」，或直接输入手机号', 'code');
      const info = r.phone_info;
      if (r.errcode || !info?.purePhoneNumber) throw new DomainError('UNAVAILABLE', `微信没有给出手机号（${r.errcode ?? 'phone_info 为空'}），请直接输入手机号`);
      return { phoneNumber: info.phoneNumber ?? info.purePhoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode ?? '') };
    },
  };
}
