/**
 * The WeCom 智能机器人 callback (`/wecom/aibot`) against a fake WeCom built from the docs
 * (fake-platform.ts) and the real server: URL verification, signatures, retries, group rules,
 * staff publishing by userid, and the slow path through response_url.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfficialChannels, AIBOT_PATH, type OfficialChannels } from '../../bot/channels.js';
import { createAibotCallback } from '../../bot/wecom-aibot.js';
import { startCallbackServer, type CallbackServer } from '../../bot/http.js';
import { admin, startServer, type TestServer } from '../helpers/server.js';
import { newAesKey, nowSeconds, startFakeWecom } from './fake-platform.js';
import { until } from './world.js';

const BOT_TOKEN = 'bot-token-for-tests-0123456789';
const TOKEN = 'wecomBotToken123';
const AES_KEY = newAesKey();
const WAGES = '老板拖欠工资三个月了怎么办';

let s: TestServer;
let channels: OfficialChannels;
let wecom: Awaited<ReturnType<typeof startFakeWecom>>;

beforeAll(async () => {
  s = await startServer({ config: { BOT_TOKEN } });
  const a = await admin(s);
  expect((await a.post('/api/admin/users', { username: 'wangdajie', password: 'password-1234', role: 'staff', name: '王大姐' })).status).toBe(201);
  channels = await startOfficialChannels({
    apiBaseUrl: s.url,
    botToken: BOT_TOKEN,
    h5BaseUrl: 'https://gongyou.example.cn',
    userRateLimit: { max: 3, windowMs: 60_000 },
    now: () => s.clock.now(),
    http: { host: '127.0.0.1', port: 0 },
    wecomBot: { token: TOKEN, aesKey: AES_KEY, staff: [{ userid: 'WangDaJie', account: 'wangdajie' }] },
  });
  wecom = await startFakeWecom({ botUrl: `${channels.url}${AIBOT_PATH}`, token: TOKEN, aesKey: AES_KEY });
});

afterAll(async () => {
  await channels?.stop();
  await wecom?.close();
  await s?.close({ drop: true });
});

describe('WeCom robot callback', () => {
  it('answers the URL verification with the decrypted echostr, plain', async () => {
    const r = await wecom.verifyUrl();
    expect(r).toEqual({ status: 200, body: r.echo, echo: r.echo });
  });

  it('refuses a bad signature, a stale timestamp and a replayed nonce', async () => {
    expect((await wecom.verifyUrl({ signature: 'f'.repeat(40) })).status).toBe(403);
    expect((await wecom.verifyUrl({ timestamp: nowSeconds() - 6 * 60 })).status).toBe(403);
    expect((await wecom.verifyUrl({ timestamp: nowSeconds() - 4 * 60 })).status).toBe(200);
    const m = wecom.message('xiaoli', WAGES);
    expect((await wecom.send(m.body, { nonce: '424242' })).status).toBe(200);
    const replay = await wecom.send(wecom.message('xiaoli', WAGES).body, { nonce: '424242' });
    expect(replay).toEqual({ status: 403, reply: null });
    const forged = await wecom.send(wecom.message('xiaoli', WAGES).body, { signature: '0'.repeat(40) });
    expect(forged).toEqual({ status: 403, reply: null });
  });

  it('answers a private question with a finished stream carrying the rights answer', async () => {
    const { reply } = await wecom.send(wecom.message('xiaoli', WAGES).body);
    expect(reply?.msgtype).toBe('stream');
    expect(reply?.stream?.finish).toBe(true);
    expect(reply?.stream?.content).toContain('依据：');
    expect(reply?.stream?.content).toContain('https://gongyou.example.cn/#/pages/legal/index?category=');
  });

  it('answers a group @-message once, mentioning the asker, even when WeCom retries the callback', async () => {
    const m = wecom.message('laozhang', `@工友小助手 ${WAGES}`, { chattype: 'group' });
    const before = wecom.shown().length;
    const first = await wecom.send(m.body);
    const retry = await wecom.send(m.body); // a new nonce and timestamp, the same msgid
    expect(first.reply?.stream?.content.startsWith('<@laozhang> ')).toBe(true);
    expect(retry.reply?.stream).toEqual(first.reply?.stream);
    expect(wecom.shown().length).toBe(before + 1);
  });

  it('ignores a group message that does not address the robot', async () => {
    const r = await wecom.send(wecom.message('laozhang', WAGES, { chattype: 'group' }).body);
    expect(r).toEqual({ status: 200, reply: null });
  });

  it('keeps the group rate limit and masks phone numbers in groups', async () => {
    const ask = (text: string) => wecom.send(wecom.message('chatty', `@工友小助手 ${text}`, { chattype: 'group' }).body);
    for (let i = 0; i < 3; i++) expect((await ask('帮助')).reply?.stream?.content).toBeTruthy();
    expect((await ask('帮助')).reply?.stream?.content).toContain('问得有点快');
    expect((await ask('帮助')).reply).toBeNull();
    // 帮助 in a group from someone else: answered; no phone or id number ever repeated there
    const r = await wecom.send(wecom.message('other', '@工友小助手 我电话13812345678 老板拖欠工资', { chattype: 'group' }).body);
    expect(r.reply?.stream?.content).not.toContain('13812345678');
  });

  it('publishes 「发布通知」 from a configured userid and refuses everyone else', async () => {
    const refused = await wecom.send(wecom.message('impostor', '发布通知 假通知\n明天放假').body);
    expect(refused.reply?.stream?.content).toContain('只有工会工作人员');
    const inGroup = await wecom.send(wecom.message('WangDaJie', '@工友小助手 发布通知 群里发\n正文', { chattype: 'group' }).body);
    expect(inGroup.reply?.stream?.content).toContain('请私聊');
    const ok = await wecom.send(wecom.message('WangDaJie', '发布通知 驿站停水\n明天上午驿站停水，请提前接水。').body);
    expect(ok.reply?.stream?.content).toContain('已发布通知「驿站停水」');
    const notices = (await (await fetch(`${s.url}/api/notices`)).json()) as { notices: { title: string; authorName: string }[] };
    expect(notices.notices.map((n) => n.title)).toEqual(['驿站停水']);
    expect(notices.notices[0]!.authorName).toBe('王大姐');
  });
});

describe('WeCom robot callback, slow answers', () => {
  let server: CallbackServer;
  let release: () => void = () => undefined;
  let runs = 0;
  let fake: Awaited<ReturnType<typeof startFakeWecom>>;

  beforeAll(async () => {
    const gate = new Promise<void>((r) => (release = r));
    server = await startCallbackServer({
      host: '127.0.0.1',
      port: 0,
      routes: {
        [AIBOT_PATH]: createAibotCallback({
          token: TOKEN,
          aesKey: AES_KEY,
          h5BaseUrl: 'https://h5.example.cn',
          replyDeadlineMs: 200,
          handle: async () => {
            runs++;
            await gate;
            return { text: '慢慢查到的答案' };
          },
        }),
      },
    });
    fake = await startFakeWecom({ botUrl: `${server.url}${AIBOT_PATH}`, token: TOKEN, aesKey: AES_KEY });
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  it('answers past the deadline once through response_url, retries included', async () => {
    const m = fake.message('xiaoli', '问个慢问题');
    expect((await fake.send(m.body)).reply).toBeNull();
    expect((await fake.send(m.body)).reply).toBeNull();
    release();
    await until(() => fake.posts.length > 0, 5000, 'the response_url post');
    expect(fake.posts).toEqual([{ via: 'response_url', id: m.msgid, content: '慢慢查到的答案' }]);
    expect(runs).toBe(1);
  });
});
