/**
 * URL Links that open the mini-program (`GET /api/links`, `/wxa/generate_urllink`) and 「微信手机号快捷填写」
 * (`POST /api/auth/wechat-phone`, `/wxa/business/getuserphonenumber`), against the fake WeChat API.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWechatClient } from '../../server/wechat.js';
import { admin, client, member, startServer, type TestServer } from '../helpers/server.js';
import { APPID, deadUrl, FakeWechat, SECRET } from '../helpers/fake-wechat.js';

const BOT = 'bot-token-for-link-tests-0123456789abcdef';
const fake = new FakeWechat();
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

let server: TestServer | null = null;
afterEach(async () => {
  await server?.close({ drop: true });
  server = null;
});

async function wechatServer(base = fake.url) {
  return (server = await startServer({
    wechat: createWechatClient({ appId: APPID, secret: SECRET, base }),
    config: { WX_APPID: APPID, WX_SECRET: SECRET, WX_API_BASE: base, BOT_TOKEN: BOT, PUBLIC_URL: 'https://gongyou.example.org' },
  }));
}

const link = (s: TestServer, page: string, token = BOT) => client(s, token).get(`/api/links?page=${encodeURIComponent(page)}`);

describe('links that open the mini-program', () => {
  it('is a WeChat URL Link when configured, with the body WeChat documents, generated once for two requests', async () => {
    const s = await wechatServer();
    const first = await link(s, 'pages/legal/index?category=工资报酬');
    expect(first.status).toBe(200);
    expect(first.body.kind).toBe('urllink');
    expect(first.body.url).toMatch(/^https:\/\/wxaurl\.cn\//);
    // 30 days from now (the test clock), WeChat's longest
    expect(Date.parse(first.body.expiresAt) - s.clock.current.getTime()).toBe(30 * 86_400_000);
    expect(fake.urlLinks).toEqual([
      { path: 'pages/legal/index', query: `category=${encodeURIComponent('工资报酬')}`, expire_type: 1, expire_interval: 30 },
    ]);

    // staff ask for the same page: the cached link, no second call to WeChat
    const a = await admin(s);
    const again = await a.get(`/api/links?page=${encodeURIComponent('/pages/legal/index?category=工资报酬')}`);
    expect(again.body).toEqual(first.body);
    expect(fake.urlLinks).toHaveLength(1);
    expect(fake.tokenCalls).toBe(1);

    // a space stays %20 (the pages decode with decodeURIComponent, which leaves a + as it is)
    await link(s, 'pages/ask/index?q=拖欠 工资');
    expect(fake.urlLinks[1]).toMatchObject({ path: 'pages/ask/index', query: `q=${encodeURIComponent('拖欠 工资')}` });
    fake.urlLinks.pop();

    // another query is another link
    const meals = await link(s, 'pages/meals/index?station=st1');
    expect(meals.body.url).not.toBe(first.body.url);
    expect(fake.urlLinks).toHaveLength(2);

    // 23 days on the old one is still handed out; after that (less than a week left) a new one is made
    s.clock.advance(23 * 86_400_000 - 60_000);
    expect((await link(s, 'pages/legal/index?category=工资报酬')).body.url).toBe(first.body.url);
    expect(fake.urlLinks).toHaveLength(2);
    s.clock.advance(120_000);
    const renewed = await link(s, 'pages/legal/index?category=工资报酬');
    expect(renewed.body.kind).toBe('urllink');
    expect(renewed.body.url).not.toBe(first.body.url);
    expect(fake.urlLinks).toHaveLength(3);
  });

  it('two requests at once make one WeChat call; WeChat slower than 3 s gets the h5 link, and its link later', async () => {
    const s = await wechatServer();
    const [a, b] = await Promise.all([link(s, 'pages/studios/index?studio=sd1'), link(s, 'pages/studios/index?studio=sd1')]);
    expect(a.body.kind).toBe('urllink');
    expect(b.body).toEqual(a.body);
    expect(fake.urlLinks).toHaveLength(1);

    fake.urlLinkDelayMs = 3_500;
    const started = Date.now();
    const slow = await link(s, 'pages/legal/index');
    expect(slow.body).toEqual({ url: 'https://gongyou.example.org/#/pages/legal/index', kind: 'h5', expiresAt: null });
    expect(Date.now() - started).toBeLessThan(3_400); // the bot waits 5 s for the server
    await new Promise((r) => setTimeout(r, 700)); // WeChat's answer arrives and is kept
    fake.urlLinkDelayMs = 0;
    expect((await link(s, 'pages/legal/index')).body.kind).toBe('urllink');
    expect(fake.urlLinks).toHaveLength(2);
  });

  it('falls back to the h5 URL when WeChat answers an error, and when WeChat is unreachable', async () => {
    const s = await wechatServer();
    fake.urlLinkError = 85401; // daily quota used up
    const r = await link(s, 'pages/meals/index?station=st1');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ url: 'https://gongyou.example.org/#/pages/meals/index?station=st1', kind: 'h5', expiresAt: null });
    expect(fake.urlLinks).toHaveLength(1);
    // WeChat is left alone for a minute after a failure, then asked again
    fake.urlLinkError = 0;
    expect((await link(s, 'pages/meals/index?station=st1')).body.kind).toBe('h5');
    expect(fake.urlLinks).toHaveLength(1);
    s.clock.advance(61_000);
    expect((await link(s, 'pages/meals/index?station=st1')).body.kind).toBe('urllink');
    await s.close({ drop: true });

    // nothing listening on that port
    const down = await wechatServer(await deadUrl());
    const d = await link(down, 'pages/notices/index');
    expect(d.status).toBe(200);
    expect(d.body).toEqual({ url: 'https://gongyou.example.org/#/pages/notices/index', kind: 'h5', expiresAt: null });
  });

  it('is the h5 URL when WeChat is not configured; only the bot and staff may ask', async () => {
    const s = (server = await startServer({ config: { BOT_TOKEN: BOT, PUBLIC_URL: 'https://gongyou.example.org/' } }));
    const r = await link(s, 'pages/legal/index?category=工资报酬');
    expect(r.body).toEqual({ url: `https://gongyou.example.org/#/pages/legal/index?category=${encodeURIComponent('工资报酬')}`, kind: 'h5', expiresAt: null });
    expect((await client(s).get('/api/links?page=pages/index/index')).status).toBe(401);
    const m = await member(s);
    expect((await m.get('/api/links?page=pages/index/index')).status).toBe(403);
    expect((await link(s, 'http://evil.example/')).status).toBe(400);
    expect((await link(s, `pages/ask/index?q=${'a'.repeat(1030)}`)).status).toBe(400);
    expect(fake.urlLinks).toHaveLength(0);
  });
});

describe('微信手机号快捷填写', () => {
  it('a good code gives the phone WeChat holds, normalised; the code works once', async () => {
    const s = await wechatServer();
    fake.phones.set('ok-phone-1', { phoneNumber: '+86 138-0013-8000', purePhoneNumber: '13800138000', countryCode: '86' });
    const m = await member(s);
    const r = await m.post('/api/auth/wechat-phone', { code: 'ok-phone-1' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ phone: '13800138000' });
    expect(fake.phoneCalls).toEqual([{ code: 'ok-phone-1' }]);
    // filling the form stores nothing: the member's phone is what they save
    expect((await m.get('/api/me')).body.phone).not.toBe('13800138000');

    const used = await m.post('/api/auth/wechat-phone', { code: 'ok-phone-1' });
    expect(used.status).toBe(400);
    expect(used.body.error.message).toContain('授权已失效');
  });

  it('a bad code, a number outside the mainland, WeChat busy or down: a clear message, never a 500', async () => {
    const s = await wechatServer();
    const m = await member(s);
    const bad = await m.post('/api/auth/wechat-phone', { code: 'forged' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('直接输入手机号') });

    fake.phones.set('ok-phone-hk', { phoneNumber: '+852 61234567', purePhoneNumber: '61234567', countryCode: '852' });
    const hk = await m.post('/api/auth/wechat-phone', { code: 'ok-phone-hk' });
    expect(hk.status).toBe(400);
    expect(hk.body.error.message).toContain('不是中国大陆手机号');

    fake.phoneBusy = true;
    fake.phones.set('ok-phone-2', { phoneNumber: '13800138001', purePhoneNumber: '13800138001', countryCode: '86' });
    const busy = await m.post('/api/auth/wechat-phone', { code: 'ok-phone-2' });
    expect(busy.status).toBe(503);
    expect(busy.body.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('直接输入手机号') });
    await s.close({ drop: true });

    const down = await wechatServer(await deadUrl());
    const dm = await member(down);
    const d = await dm.post('/api/auth/wechat-phone', { code: 'ok-phone-2' });
    expect(d.status).toBe(503);
    expect(d.body.error.code).toBe('UNAVAILABLE');
    expect((await client(down).get('/healthz')).status).toBe(200);
  });

  it('needs a login, and WeChat on the server', async () => {
    const s = (server = await startServer());
    expect((await client(s).post('/api/auth/wechat-phone', { code: 'ok-phone-1' })).status).toBe(401);
    const m = await member(s);
    const r = await m.post('/api/auth/wechat-phone', { code: 'ok-phone-1' });
    expect(r.status).toBe(503);
    expect(r.body.error.message).toContain('直接输入手机号');
    expect(fake.phoneCalls).toHaveLength(0);
  });
});
