/**
 * Notices to WeCom chats through the robot's active push (long connection, aibot_send_msg): every
 * notice once to each chat in WECOM_BOT_NOTICE_CHATS, in order, with the same once-per-target cursor
 * as the Wechaty rooms, also across a restart; a notice published by a WeCom staff member goes out too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfficialChannels, type OfficialChannels } from '../../bot/channels.js';
import { CursorStore } from '../../bot/cursor-store.js';
import { admin, startServer, type Client, type TestServer } from '../helpers/server.js';
import { startFakeWecomWs } from './fake-platform.js';
import { sleep, until } from './world.js';

const BOT_TOKEN = 'bot-token-for-tests-0123456789';
const WS = { botId: 'aibNoticeBot', secret: 'notice-secret' };
const CHATS = ['wrkGroupA', 'wrkGroupB'];

let s: TestServer;
let a: Client;
let dir: string;
let gw: Awaited<ReturnType<typeof startFakeWecomWs>>;
let channels: OfficialChannels;

async function start() {
  channels = await startOfficialChannels({
    apiBaseUrl: s.url,
    botToken: BOT_TOKEN,
    h5BaseUrl: 'https://gongyou.example.cn',
    wecomWs: { ...WS, url: gw.url, noticeChats: CHATS, staff: [{ userid: 'WangDaJie', account: 'wangdajie' }] },
    cursors: await CursorStore.open(join(dir, 'state.json')),
    roomIntervalMs: 50,
    pollIntervalMs: 100,
  });
  await channels.ws!.ready();
}

const pushedTo = (chatid: string) =>
  gw.state.pushes.filter((p) => p.body?.chatid === chatid).map((p) => (p.body as { markdown: { content: string } }).markdown.content.split('\n')[0]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-wecom-notices-'));
  s = await startServer({ config: { BOT_TOKEN } });
  a = await admin(s);
  expect((await a.post('/api/admin/users', { username: 'wangdajie', password: 'password-1234', role: 'staff', name: '王大姐' })).status).toBe(201);
  expect((await a.post('/api/notices', { title: '旧通知', body: '机器人上线之前发的。' })).status).toBe(201);
  gw = await startFakeWecomWs(WS);
  await start();
});

afterAll(async () => {
  await channels?.stop();
  await gw?.close();
  await s?.close({ drop: true });
  await rm(dir, { recursive: true, force: true });
});

describe('notices through the WeCom robot', () => {
  it('pushes each new notice once to every configured chat, in order (not the ones from before)', async () => {
    expect((await a.post('/api/notices', { title: '周末义诊', body: '周六上午驿站有免费义诊。' })).status).toBe(201);
    expect((await a.post('/api/notices', { title: '驿站停水', body: '明天上午驿站停水。' })).status).toBe(201);
    await until(() => CHATS.every((c) => pushedTo(c).length >= 2), 5000, 'two pushes to each chat');
    await sleep(300);
    for (const c of CHATS) expect(pushedTo(c)).toEqual(['### 📢 周末义诊', '### 📢 驿站停水']);
  });

  it('after a restart with the same state file, pushes only what is new', async () => {
    await channels.stop();
    expect((await a.post('/api/notices', { title: '工会会员日', body: '本月会员日活动报名开始。' })).status).toBe(201);
    await start();
    await until(() => CHATS.every((c) => pushedTo(c).length >= 3), 5000, 'the new notice in each chat');
    await sleep(300);
    for (const c of CHATS) expect(pushedTo(c)).toEqual(['### 📢 周末义诊', '### 📢 驿站停水', '### 📢 工会会员日']);
  });

  it('publishes 「发布通知」 from a staff userid on the long connection, and pushes it', async () => {
    const req = gw.message('WangDaJie', '发布通知 停电通知\n周三全天停电。');
    await until(() => gw.state.responses.some((r) => r.headers?.req_id === req), 5000, 'the confirmation');
    const reply = gw.state.responses.find((r) => r.headers?.req_id === req)!.body as { stream: { content: string } };
    expect(reply.stream.content).toContain('已发布通知「停电通知」');
    await until(() => CHATS.every((c) => pushedTo(c).length >= 4), 5000, 'the staff notice in each chat');
    expect(pushedTo(CHATS[0]!).at(-1)).toBe('### 📢 停电通知');
  });
});
