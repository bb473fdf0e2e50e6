/**
 * The mini-program 客服 chat at `/wechat/kf` against a fake WeChat built from the docs (消息推送,
 * 安全模式, JSON; stable_token; customerServiceMessage.send): verification, refusals, one answer per
 * message, and a token revoked elsewhere fetched again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KF_PATH, startOfficialChannels, type OfficialChannels } from '../../bot/channels.js';
import { freePort, until } from './world.js';
import { docPlainSign, newAesKey, nowSeconds, startFakeWechat } from './fake-platform.js';

const TOKEN = 'kfPushToken42';
const AES_KEY = newAesKey();
const APPID = 'wx1234567890abcdef';
const SECRET = 'kf-app-secret';

let channels: OfficialChannels;
let wx: Awaited<ReturnType<typeof startFakeWechat>>;

beforeAll(async () => {
  // The fake must know the bot's URL and the bot the fake's: take the bot's port first.
  const port = await freePort();
  wx = await startFakeWechat({ botUrl: `http://127.0.0.1:${port}${KF_PATH}`, token: TOKEN, aesKey: AES_KEY, appId: APPID, secret: SECRET });
  channels = await startOfficialChannels({
    apiBaseUrl: 'http://127.0.0.1:9', // no server: rights answers need none
    h5BaseUrl: 'https://gongyou.example.cn',
    http: { host: '127.0.0.1', port },
    kf: { token: TOKEN, aesKey: AES_KEY, appId: APPID, secret: SECRET, apiBase: wx.url },
  });
});

afterAll(async () => {
  await channels?.stop();
  await wx?.close();
});

describe('mini-program 客服 chat', () => {
  it('signs like the docs example (Token AAAAA)', () => {
    expect(docPlainSign('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
  });

  it('answers the URL verification with echostr, and refuses a bad or stale signature', async () => {
    const ok = await wx.verifyUrl();
    expect(ok.status).toBe(200);
    expect(ok.body).toBe(ok.echostr);
    expect((await wx.verifyUrl({ signature: 'a'.repeat(40) })).status).toBe(403);
    expect((await wx.verifyUrl({ timestamp: nowSeconds() - 400 })).status).toBe(403);
  });

  it('answers a question through customerServiceMessage.send, once even when WeChat retries', async () => {
    const first = await wx.push('oOpenid-xiaoli', '老板拖欠工资三个月了怎么办');
    expect(first).toMatchObject({ status: 200, body: 'success' });
    await until(() => wx.sent.length === 1, 5000, 'the 客服 reply');
    expect((await wx.push('oOpenid-xiaoli', '老板拖欠工资三个月了怎么办', { msgId: first.msgId })).status).toBe(200);
    const m = wx.sent[0]!;
    expect(m.touser).toBe('oOpenid-xiaoli');
    expect(m.msgtype).toBe('text');
    expect(m.text!.content).toContain('依据：');
    expect(m.text!.content).toContain('https://gongyou.example.cn/#/pages/legal/index?category=');
    await new Promise((r) => setTimeout(r, 300));
    expect(wx.sent).toHaveLength(1);
    expect(wx.tokenCalls).toHaveLength(1);
  });

  it('refuses a forged message and a replayed nonce; sends nothing for them', async () => {
    const before = wx.sent.length;
    expect((await wx.push('oOpenid-x', '帮助', { signature: 'b'.repeat(40) })).status).toBe(403);
    expect((await wx.push('oOpenid-x', '帮助', { nonce: '777' })).status).toBe(200);
    expect((await wx.push('oOpenid-x', '帮助', { nonce: '777' })).status).toBe(403);
    await until(() => wx.sent.length === before + 1, 5000, 'one reply');
    await new Promise((r) => setTimeout(r, 300));
    expect(wx.sent).toHaveLength(before + 1);
  });

  it('fetches a new token once when WeChat says the old one was revoked', async () => {
    wx.revoke();
    const before = wx.sent.length;
    await wx.push('oOpenid-laozhang', '工伤了怎么办');
    await until(() => wx.sent.length === before + 1, 5000, 'the reply after a revoked token');
    expect(wx.tokenCalls.map((c) => c.force_refresh)).toEqual([false, false]);
  });
});
