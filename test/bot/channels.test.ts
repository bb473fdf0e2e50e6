/**
 * `npm run bot` with only the official channels configured (no WECHATY_PUPPET): it starts the WeCom
 * robot (callback and long connection) and the 客服 chat, says which channels are on and why the
 * others are off, and the same rights question gets the same answer text on Wechaty (puppet-mock),
 * WeCom, 客服 and `npm run chat`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIBOT_PATH, KF_PATH } from '../../bot/channels.js';
import { newAesKey, startFakeWechat, startFakeWecom, startFakeWecomWs } from './fake-platform.js';
import { freePort, startWorld, until, type World } from './world.js';

const QUESTION = '老板拖欠工资三个月了怎么办';
const H5 = 'https://gongyou.example.cn';
const WECOM = { token: 'wecomToken1', aesKey: newAesKey() };
const KF = { token: 'kfToken1', aesKey: newAesKey(), appId: 'wxabcdef0123456789', secret: 'kf-secret' };
const WS = { botId: 'aibTestBot', secret: 'ws-secret' };

/** The answer's text: what the handler said, before the channel's own link line. */
const answerText = (rendered: string) => rendered.split('\n👉')[0]!.trim();

let dir: string;
let bot: ChildProcess;
let out = '';
let deadApi: string;
let wecom: Awaited<ReturnType<typeof startFakeWecom>>;
let wx: Awaited<ReturnType<typeof startFakeWechat>>;
let gw: Awaited<ReturnType<typeof startFakeWecomWs>>;

function run(script: string, env: Record<string, string>, input?: string): ChildProcess {
  const child = spawn('npm', ['run', '--silent', script], {
    env: { ...process.env, WECHATY_PUPPET: '', WECHATY_LOG: 'warn', API_BASE_URL: deadApi, H5_BASE_URL: H5, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin!.end(input);
  return child;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-channels-'));
  deadApi = `http://127.0.0.1:${await freePort()}`; // rights answers need no server
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  wecom = await startFakeWecom({ botUrl: `${base}${AIBOT_PATH}`, token: WECOM.token, aesKey: WECOM.aesKey });
  wx = await startFakeWechat({ botUrl: `${base}${KF_PATH}`, ...KF });
  gw = await startFakeWecomWs(WS);
  bot = run('bot', {
    BOT_PORT: String(port),
    BOT_STATE_FILE: join(dir, 'state.json'),
    WECOM_BOT_TOKEN: WECOM.token,
    WECOM_BOT_AES_KEY: WECOM.aesKey,
    WECOM_BOT_ID: WS.botId,
    WECOM_BOT_SECRET: WS.secret,
    WECOM_WS_URL: gw.url,
    WX_KF_TOKEN: KF.token,
    WX_KF_AES_KEY: KF.aesKey,
    WX_APPID: KF.appId,
    WX_SECRET: KF.secret,
    WX_API_BASE: wx.url,
  });
  bot.stdout!.on('data', (d) => (out += d));
  bot.stderr!.on('data', (d) => (out += d));
  await until(() => out.includes('小程序客服消息：已启动') && gw.authed(), 60_000, `npm run bot to start:\n${out}`);
}, 90_000);

afterAll(async () => {
  if (bot && bot.exitCode === null) {
    const exited = new Promise((r) => bot.once('exit', r));
    bot.kill('SIGTERM');
    await exited;
  }
  await Promise.all([wecom?.close(), wx?.close(), gw?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe('npm run bot on the official channels', () => {
  it('says which channels are on and why the others are off', () => {
    expect(out).toContain('企业微信智能机器人（回调）：已启动');
    expect(out).toContain('企业微信智能机器人（长连接）：已启动');
    expect(out).toContain('小程序客服消息：已启动');
    expect(out).toContain('微信机器人（Wechaty）：未启动——没有设置 WECHATY_PUPPET');
    expect(bot.exitCode).toBeNull();
  });

  it('gives the same answer text on Wechaty, WeCom (callback and long connection), 客服 and npm run chat', async () => {
    // WeCom, callback
    const viaCallback = (await wecom.send(wecom.message('xiaoli', QUESTION).body)).reply!.stream!.content;
    // WeCom, long connection
    const req = gw.message('xiaoli', QUESTION);
    await until(() => gw.state.responses.some((r) => r.headers?.req_id === req), 10_000, 'the long-connection reply');
    const viaWs = (gw.state.responses.find((r) => r.headers?.req_id === req)!.body as { stream: { content: string } }).stream.content;
    // 客服
    await wx.push('oOpenid-xiaoli', QUESTION);
    await until(() => wx.sent.length > 0, 10_000, 'the 客服 reply');
    const viaKf = wx.sent[0]!.text!.content;
    // npm run chat
    const chat = run('chat', {}, `${QUESTION}\n`);
    let chatOut = '';
    chat.stdout!.on('data', (d) => (chatOut += d));
    await new Promise((r) => chat.once('exit', r));
    const viaChat = chatOut.slice(chatOut.lastIndexOf('工友小助手：') + '工友小助手：'.length);
    // Wechaty, puppet-mock
    let world: World | undefined;
    let viaWechaty = '';
    try {
      world = await startWorld({ apiBaseUrl: deadApi, h5BaseUrl: H5 });
      world.worker.say(QUESTION).to(world.me);
      await until(() => world!.sentTo(world!.worker.id).length > 0, 10_000, 'the Wechaty reply');
      viaWechaty = world.sentTo(world.worker.id)[0]!.text;
    } finally {
      await world?.stop();
    }

    const texts = [viaWechaty, viaCallback, viaWs, viaKf, viaChat].map(answerText);
    expect(texts[0]).toContain('依据：');
    expect(texts[0]!.length).toBeGreaterThan(40);
    for (const t of texts) expect(t).toBe(texts[0]);
  }, 60_000);
});
