/**
 * The bot on wechaty-puppet-mock against the real server (temp lowdb): group etiquette, answers,
 * live services, staff publishing, broadcast to rooms and WeCom robots, restart without re-posts.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { admin, client, makeSlot, makeStation, makeStudioSession, member, startServer, type Client, type TestServer } from '../helpers/server.js';
import { ROOMS, sleep, startWorld, until, type Sent, type World } from './world.js';

const BOT_TOKEN = 'bot-token-for-tests-0123456789';
const INTERVAL = 300;
const LEGAL_WAGES = `#/pages/legal/index?category=${encodeURIComponent('工资报酬')}`;

let s: TestServer;
let a: Client;
let dir: string;
let world: World;
let webhook: Server;
let webhookUrl: string;
const robotPosts: { msgtype: string; markdown: { content: string } }[] = [];
let stationId: string;

function botOptions() {
  return {
    apiBaseUrl: s.url,
    botToken: BOT_TOKEN,
    staff: [{ contact: 'wxid_wangdajie', account: 'wangdajie' }], // by contact id: the mock gives every contact the same remark
    rooms: [...ROOMS],
    roomIntervalMs: INTERVAL,
    pollIntervalMs: 100,
    stateFile: join(dir, 'bot-state.json'),
    wecomWebhookUrls: [webhookUrl],
    userRateLimit: { max: 3, windowMs: 60_000 },
    now: () => s.clock.now(),
  };
}

/** Waits for the next message the bot sends to `id` after `from` earlier messages. */
async function nextTo(id: string, from: number, ms = 5000): Promise<Sent> {
  await until(() => world.sentTo(id).length > from, ms, `a bot message to ${id}`);
  return world.sentTo(id)[from]!;
}

const noticesIn = (w: World, roomIndex: number) => w.sentTo(w.rooms[roomIndex]!.id).filter((m) => m.text.startsWith('📢'));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-bot-'));
  webhook = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      robotPosts.push(JSON.parse(body));
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as { port: number }).port}/cgi-bin/webhook/send?key=test`;
  s = await startServer({ config: { BOT_TOKEN } });
  a = await admin(s);
  const created = await a.post('/api/admin/users', { username: 'wangdajie', password: 'password-1234', role: 'staff', name: '王大姐' });
  expect(created.status).toBe(201);
  stationId = (await makeStation(a, 5, { name: '湖滨爱心驿站' })).id;
  await makeStudioSession(a, 10);
  await makeSlot(a);
  world = await startWorld(botOptions());
  // The broadcaster has set its cursors once both rooms appear in the state file.
  await until(async () => {
    const text = await readFile(join(dir, 'bot-state.json'), 'utf8').catch(() => '');
    return ROOMS.every((t) => text.includes(`room:${t}`));
  }, 5000, 'broadcast cursors');
});

afterAll(async () => {
  await world?.stop();
  await s?.close({ drop: true });
  await new Promise((r) => webhook?.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('in a group', () => {
  it('answers an @mention with the rights answer, mentioning the asker', async () => {
    const room = world.rooms[0]!;
    const before = world.sentTo(room.id).length;
    world.worker.say('@工友小助手 老板拖欠工资怎么办', [world.me]).to(room);
    const reply = await nextTo(room.id, before);
    expect(reply.text.startsWith('@小李')).toBe(true);
    expect(reply.text).toMatch(/欠薪|拖欠/);
    expect(reply.text).toMatch(/依据：.*《劳动合同法》/);
    expect(reply.text).toContain(LEGAL_WAGES);
  });

  it('stays silent on chatter that does not address it', async () => {
    const room = world.rooms[0]!;
    const before = world.sentTo(room.id).length;
    world.other.say('老板拖欠工资怎么办，有人知道吗').to(room);
    world.worker.say('今天食堂有红烧肉').to(room);
    await sleep(600);
    expect(world.sentTo(room.id).length).toBe(before);
  });

  it('answers when addressed by name without an @mention', async () => {
    const room = world.rooms[1]!;
    const before = world.sentTo(room.id).length;
    world.worker.say('工友小助手，加班费怎么算？').to(room);
    const reply = await nextTo(room.id, before);
    expect(reply.text.startsWith('@小李')).toBe(true);
    expect(reply.text).toMatch(/1\.5倍|150%/);
  });

  it('limits each user politely, then goes quiet', async () => {
    const room = world.rooms[1]!;
    const before = world.sentTo(room.id).length;
    // 老张 has 3 answers a minute; the 4th question gets one polite warning, the 5th nothing.
    for (let i = 0; i < 5; i++) {
      world.other.say('@工友小助手 帮助', [world.me]).to(room);
      await sleep(30);
    }
    await until(() => world.sentTo(room.id).length >= before + 4, 5000, 'four replies');
    await sleep(400);
    const replies = world.sentTo(room.id).slice(before);
    expect(replies).toHaveLength(4);
    expect(replies[3]!.text).toContain('问得有点快');
    expect(replies.every((r) => r.text.startsWith('@老张'))).toBe(true);
  });
});

describe('in private chat', () => {
  it('answers every question', async () => {
    const before = world.sentTo(world.worker.id).length;
    world.worker.say('试用期最长可以约定多久').to(world.me);
    const reply = await nextTo(world.worker.id, before);
    expect(reply.text).toContain('试用期');
    expect(reply.text).toContain('依据：');
  });

  it('declines what it cannot answer and offers a consultation', async () => {
    const before = world.sentTo(world.worker.id).length;
    world.worker.say('明天天气怎么样').to(world.me);
    const reply = await nextTo(world.worker.id, before);
    expect(reply.text).toContain('法律咨询');
    expect(reply.text).toContain('#/pages/legal/index');
  });

  it('爱心餐: lists live places from the server, and the number drops after a booking', async () => {
    const ask = async () => {
      const before = world.sentTo(world.worker.id).length;
      world.worker.say('爱心餐').to(world.me);
      return (await nextTo(world.worker.id, before)).text;
    };
    expect(await ask()).toContain('湖滨爱心驿站（上城区）10:00-20:00，剩 5 份');
    const date = (await client(s).get('/api/meal-stations')).body.date as string;
    const m = await member(s, '订餐工友');
    expect((await m.post('/api/bookings', { service: 'meal', stationId, date })).status).toBe(201);
    expect(await ask()).toContain('湖滨爱心驿站（上城区）10:00-20:00，剩 4 份');
  });

  it('工作室 and 法律咨询 list upcoming sessions and slots', async () => {
    let before = world.sentTo(world.worker.id).length;
    world.worker.say('工作室').to(world.me);
    expect((await nextTo(world.worker.id, before)).text).toMatch(/测试劳模创新工作室，剩 10 位/);
    before = world.sentTo(world.worker.id).length;
    world.worker.say('法律咨询').to(world.me);
    expect((await nextTo(world.worker.id, before)).text).toMatch(/现场咨询/);
  });

  it('hints at typing for voice messages and ignores messages from before login', async () => {
    const before = world.sentTo(world.worker.id).length;
    const emit = (payload: Record<string, unknown>) => {
      const msg = world.mocker.MessageMock.create({ id: `m-${Math.random()}`, talkerId: world.worker.id, listenerId: world.me.id, ...payload } as never);
      (world.puppet.emit as unknown as (e: string, p: unknown) => void)('message', { messageId: msg.id });
    };
    emit({ type: types.Message.Text, text: '老板拖欠工资怎么办', timestamp: Date.now() - 10 * 60_000 });
    emit({ type: types.Message.Audio, timestamp: Date.now() });
    const reply = await nextTo(world.worker.id, before);
    expect(reply.text).toContain('语音');
    await sleep(300);
    expect(world.sentTo(world.worker.id).length).toBe(before + 1);
  });
});

describe('mini-program cards', () => {
  it('sends the page as a card (no link in the text) when a mini-program is configured', async () => {
    const cards = await startWorld({ apiBaseUrl: s.url, miniProgram: { appid: 'wx0000000000000000', username: 'gh_000000000000@app' } });
    const spy: unknown[] = [];
    const original = cards.puppet.messageSendMiniProgram.bind(cards.puppet);
    cards.puppet.messageSendMiniProgram = async (id, payload) => {
      spy.push(payload);
      return original(id, payload);
    };
    try {
      cards.worker.say('老板拖欠工资怎么办').to(cards.me);
      await until(() => spy.length === 1, 5000, 'a card');
      expect(spy[0]).toMatchObject({ appid: 'wx0000000000000000', pagePath: 'pages/legal/index.html?category=工资报酬', title: '预约法律咨询' });
      const texts = cards.sentTo(cards.worker.id).map((m) => m.text);
      expect(texts).toHaveLength(1);
      expect(texts[0]).not.toContain('👉');
    } finally {
      await cards.stop();
    }
  });
});

describe('notices', () => {
  it('a non-staff contact cannot publish', async () => {
    const before = world.sentTo(world.other.id).length;
    world.other.say('发布通知 假通知\n明天放假').to(world.me);
    expect((await nextTo(world.other.id, before)).text).toContain('只有工会工作人员');
    const list = (await client(s).get('/api/notices')).body.notices as { title: string }[];
    expect(list.some((n) => n.title === '假通知')).toBe(false);
  });

  it('a contact who copied a staff member’s nickname cannot publish', async () => {
    const before = world.sentTo(world.impostor.id).length;
    world.impostor.say('发布通知 冒名通知\n明天全体停工').to(world.me);
    expect((await nextTo(world.impostor.id, before)).text).toContain('只有工会工作人员');
    const list = (await client(s).get('/api/notices')).body.notices as { title: string }[];
    expect(list.some((n) => n.title === '冒名通知')).toBe(false);
  });

  it('staff publish through the bot; every notice reaches both rooms once, in order, spaced by the interval', async () => {
    const before = world.sentTo(world.staff.id).length;
    world.staff.say('发布通知 驿站停水\n明天上午9点到12点驿站停水，请提前接水。').to(world.me);
    expect((await nextTo(world.staff.id, before)).text).toContain('已发布通知「驿站停水」');
    const list = (await client(s).get('/api/notices')).body.notices as { title: string; authorName: string }[];
    expect(list[0]).toMatchObject({ title: '驿站停水', authorName: '王大姐' });
    // A notice published elsewhere (the admin pages) is broadcast too.
    expect((await a.post('/api/notices', { title: '周末义诊', body: '周六上午驿站有免费义诊。' })).status).toBe(201);

    await until(() => noticesIn(world, 0).length >= 2 && noticesIn(world, 1).length >= 2, 8000, 'two notices in each room');
    await sleep(INTERVAL * 3);
    for (const i of [0, 1]) {
      const posts = noticesIn(world, i);
      expect(posts.map((p) => p.text.split('\n')[0])).toEqual(['📢【通知】驿站停水', '📢【通知】周末义诊']);
      expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(INTERVAL - 20);
      expect(posts[0]!.text).toContain('#/pages/notices/index');
    }
  });

  it('sends every notice to the 企业微信 robot as markdown', async () => {
    await until(() => robotPosts.length >= 2, 5000, 'two robot posts');
    expect(robotPosts.map((p) => p.msgtype)).toEqual(['markdown', 'markdown']);
    expect(robotPosts[0]!.markdown.content).toContain('驿站停水');
    expect(robotPosts[1]!.markdown.content).toContain('周末义诊');
  });

  it('after a restart with the same state file, posts only what is new', async () => {
    await world.stop();
    expect((await a.post('/api/notices', { title: '工会会员日', body: '本月会员日活动报名开始。' })).status).toBe(201);
    world = await startWorld(botOptions());
    await until(() => noticesIn(world, 0).length >= 1 && noticesIn(world, 1).length >= 1, 8000, 'the new notice in each room');
    await sleep(INTERVAL * 3);
    for (const i of [0, 1]) expect(noticesIn(world, i).map((p) => p.text.split('\n')[0])).toEqual(['📢【通知】工会会员日']);
    await until(() => robotPosts.length >= 3, 5000, 'the robot post');
    expect(robotPosts.map((p) => p.markdown.content.split('\n')[0])).toEqual(['### 📢 驿站停水', '### 📢 周末义诊', '### 📢 工会会员日']);
  });
});
