/**
 * WeChat server API client (code2Session, access token, subscribe messages, wxacode). The base URL
 * comes from WX_API_BASE so tests point it at a fake on 127.0.0.1.
 */
import { DomainError } from '../shared/errors.js';

export interface WechatClient {
  code2Session(code: string): Promise<{ openid: string }>;
  sendSubscribeMessage(msg: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<void>;
  getWxaCode(page: string, scene: string): Promise<Buffer>;
}

export function createWechatClient(opts: { appId: string; secret: string; base: string; now?: () => number }): WechatClient {
  const now = opts.now ?? Date.now;
  let token: { value: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function call(path: string, init?: RequestInit): Promise<Response> {
    try {
      return await fetch(new URL(path, opts.base), { ...init, signal: AbortSignal.timeout(10_000) });
    } catch (err) {
      throw new DomainError('UNAVAILABLE', `微信服务暂时连不上：${(err as Error).message}`);
    }
  }

  /** One cached access token shared by all callers; refreshed 5 minutes before it expires. */
  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > now()) return token.value;
    pending ??= (async () => {
      const q = new URLSearchParams({ grant_type: 'client_credential', appid: opts.appId, secret: opts.secret });
      const r = (await (await call(`/cgi-bin/token?${q}`)).json()) as { access_token?: string; expires_in?: number; errmsg?: string };
      if (!r.access_token) throw new DomainError('UNAVAILABLE', `获取微信 access_token 失败：${r.errmsg ?? '未知错误'}`);
      token = { value: r.access_token, expiresAt: now() + ((r.expires_in ?? 7200) - 300) * 1000 };
      return token.value;
    })().finally(() => (pending = null));
    return pending;
  }

  return {
    async code2Session(code) {
      const q = new URLSearchParams({ appid: opts.appId, secret: opts.secret, js_code: code, grant_type: 'authorization_code' });
      const r = (await (await call(`/sns/jscode2session?${q}`)).json()) as { openid?: string; errcode?: number; errmsg?: string };
      if (!r.openid) throw new DomainError('UNAUTHORIZED', `微信登录失败（${r.errcode ?? ''} ${r.errmsg ?? ''}），请重试`);
      return { openid: r.openid };
    },
    async sendSubscribeMessage(msg) {
      const res = await call(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(await accessToken())}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ touser: msg.touser, template_id: msg.templateId, page: msg.page, data: msg.data }),
      });
      const r = (await res.json()) as { errcode?: number; errmsg?: string };
      if (r.errcode === 40001 || r.errcode === 42001) token = null; // token revoked: refetch next time
      if (r.errcode) throw new Error(`subscribe send failed: ${r.errcode} ${r.errmsg}`);
    },
    async getWxaCode(page, scene) {
      const res = await call(`/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(await accessToken())}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scene, page, check_path: false }),
      });
      const buf = Buffer.from(await res.arrayBuffer());
      if ((res.headers.get('content-type') ?? '').includes('json')) throw new DomainError('UNAVAILABLE', `生成小程序码失败：${buf.toString('utf8').slice(0, 200)}`);
      return buf;
    },
  };
}
