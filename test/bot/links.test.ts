/**
 * The bot's links open the mini-program: against a real server wired to the fake WeChat API, a
 * reply's page and a notice posted to a WeCom group carry the server's WeChat URL Link; without
 * the bot token (or when the server has no WeChat) they stay the h5 page.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../bot/api.js';
import { renderText } from '../../bot/format.js';
import { createHandler } from '../../bot/handler.js';
import { wecomTarget } from '../../bot/wecom.js';
import { createWechatClient } from '../../server/wechat.js';
import { APPID, FakeWechat, SECRET } from '../helpers/fake-wechat.js';
import { startServer, type TestServer } from '../helpers/server.js';

const BOT_TOKEN = 'bot-token-for-link-tests-0123456789';
const H5 = 'https://gongyou.example.cn';
const fake = new FakeWechat();
let s: TestServer;
let webhook: Server;
let webhookUrl: string;
const posted: string[] = [];

beforeAll(async () => {
  await fake.start();
  s = await startServer({
    wechat: createWechatClient({ appId: APPID, secret: SECRET, base: fake.url }),
    config: { WX_APPID: APPID, WX_SECRET: SECRET, WX_API_BASE: fake.url, BOT_TOKEN, PUBLIC_URL: H5 },
  });
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      posted.push((JSON.parse(body) as { markdown: { content: string } }).markdown.content);
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as { port: number }).port}/cgi-bin/webhook/send?key=test`;
});
afterAll(async () => {
  await s?.close({ drop: true });
  await new Promise((r) => webhook?.close(r));
  await fake.stop();
});
beforeEach(() => {
  // one server for the file keeps its access token: only the link records are cleared
  fake.urlLinks = [];
  fake.urlLinkError = 0;
  posted.length = 0;
});

const ask = (text: string) => ({ text, fromId: 'wx-li', fromName: '小李', inRoom: false, mentioned: false });

describe('links in the bot', () => {
  it('a reply points at the mini-program with the server’s URL Link, one WeChat call for the same page', async () => {
    const handle = createHandler({ api: createApiClient({ baseUrl: s.url, botToken: BOT_TOKEN }) });
    const r = await handle(ask('法律咨询'));
    expect(r?.link?.page).toMatch(/^pages\/legal\/index/);
    expect(r?.link?.url).toMatch(/^https:\/\/wxaurl\.cn\//);
    expect(renderText(r!, H5)).toContain(r!.link!.url!);
    expect(renderText(r!, H5)).not.toContain(`${H5}/#/`);
    const again = await handle(ask('法律咨询'));
    expect(again?.link?.url).toBe(r?.link?.url);
    expect(fake.urlLinks).toHaveLength(1);
    expect(fake.urlLinks[0]).toMatchObject({ path: 'pages/legal/index', expire_type: 1, expire_interval: 30 });
  });

  it('a notice posted to a WeCom group links its page with the URL Link', async () => {
    const api = createApiClient({ baseUrl: s.url, botToken: BOT_TOKEN });
    const target = wecomTarget(webhookUrl, H5, api);
    const notice = { id: 'n1', seq: 1, title: '周末义诊', body: '周六上午驿站有免费义诊。', link: 'pages/meals/index?station=st1', authorName: null, createdAt: '' };
    await target.send(notice);
    expect(fake.urlLinks).toEqual([{ path: 'pages/meals/index', query: 'station=st1', expire_type: 1, expire_interval: 30 }]);
    expect(posted[0]).toMatch(/\[在工友驿站查看\]\(https:\/\/wxaurl\.cn\/[^)]+\)$/);
  });

  it('without the bot token, or when WeChat fails, the h5 page', async () => {
    const noToken = createHandler({ api: createApiClient({ baseUrl: s.url }) });
    const r = await noToken(ask('法律咨询'));
    expect(r?.link?.url).toBeUndefined();
    expect(renderText(r!, H5)).toContain(`${H5}/#/pages/legal/index`);
    expect(fake.urlLinks).toHaveLength(0);

    fake.urlLinkError = 85401;
    const api = createApiClient({ baseUrl: s.url, botToken: BOT_TOKEN });
    await wecomTarget(webhookUrl, H5, api).send({ id: 'n2', seq: 2, title: '停水', body: '明天停水。', link: 'pages/notices/detail?id=n2', authorName: null, createdAt: '' });
    expect(posted[0]).toContain(`(${H5}/#/pages/notices/detail?id=n2)`);
  });
});
