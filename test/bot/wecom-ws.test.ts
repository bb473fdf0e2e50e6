/**
 * The WeCom robot's long connection against a fake gateway (fake-platform.ts, from the 长连接 doc):
 * subscribe with bot id + secret, answer by req_id, heartbeats, and reconnecting after the gateway
 * drops the connection or stops answering heartbeats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelHandler } from '../../bot/channels.js';
import { startWecomWs, type WecomWs } from '../../bot/wecom-ws.js';
import { startFakeWecomWs } from './fake-platform.js';
import { until } from './world.js';

const BOT_ID = 'aibXXXXtestbot';
const SECRET = 'ws-secret-for-tests';

let gw: Awaited<ReturnType<typeof startFakeWecomWs>>;
let bot: WecomWs;

beforeAll(async () => {
  gw = await startFakeWecomWs({ botId: BOT_ID, secret: SECRET });
  bot = startWecomWs({
    url: gw.url,
    botId: BOT_ID,
    secret: SECRET,
    handle: channelHandler({ apiBaseUrl: 'http://127.0.0.1:9' }),
    h5BaseUrl: 'https://gongyou.example.cn',
    heartbeatMs: 100,
    reconnectBaseMs: 50,
    reconnectMaxMs: 200,
  });
  await bot.ready();
});

afterAll(async () => {
  await bot?.stop();
  await gw?.close();
});

const responseTo = (req: string) => gw.state.responses.find((r) => r.headers?.req_id === req);

describe('WeCom robot long connection', () => {
  it('subscribes with the bot id and secret and answers a message by its req_id', async () => {
    expect(gw.state.subscribes[0]).toEqual({ bot_id: BOT_ID, secret: SECRET });
    const req = gw.message('xiaoli', '老板拖欠工资三个月了怎么办');
    await until(() => !!responseTo(req), 5000, 'the reply frame');
    const body = responseTo(req)!.body as { msgtype: string; stream: { finish: boolean; content: string } };
    expect(body.msgtype).toBe('stream');
    expect(body.stream.finish).toBe(true);
    expect(body.stream.content).toContain('依据：');
  });

  it('sends heartbeats', async () => {
    const before = gw.state.pings;
    await until(() => gw.state.pings >= before + 2, 5000, 'two heartbeats');
  });

  it('reconnects and subscribes again after the gateway drops the connection, and keeps answering', async () => {
    gw.drop();
    await until(() => gw.state.connections === 2 && gw.authed(), 5000, 'a second subscribed connection');
    expect(gw.state.subscribes).toHaveLength(2);
    const req = gw.message('laozhang', '@工友小助手 帮助', { chattype: 'group' });
    await until(() => !!responseTo(req), 5000, 'a reply after reconnecting');
    expect((responseTo(req)!.body as { stream: { content: string } }).stream.content.startsWith('<@laozhang> ')).toBe(true);
  });

  it('does not answer a message twice when WeCom sends it again after a reconnect', async () => {
    const first = gw.message('xiaoli', '工伤了怎么办', { msgid: 'same-msgid' });
    await until(() => !!responseTo(first), 5000, 'the first reply');
    const again = gw.message('xiaoli', '工伤了怎么办', { msgid: 'same-msgid' });
    await until(() => !!responseTo(again), 5000, 'the repeated reply');
    const ids = [first, again].map((r) => (responseTo(r)!.body as { stream: { id: string } }).stream.id);
    expect(ids[0]).toBe(ids[1]); // one stream: one message in the chat
  });

  it('drops a connection whose heartbeats go unanswered and dials again', async () => {
    const connections = gw.state.connections;
    gw.state.mutePings = true;
    await until(() => gw.state.connections > connections, 5000, 'a new connection after missed heartbeats');
    gw.state.mutePings = false;
    await until(() => gw.authed() && bot.connected(), 5000, 'subscribed again');
  });

  it('pushes markdown to a chat (notices)', async () => {
    await bot.sendMarkdown('wrkGroup1', '### 📢 通知');
    expect(gw.state.pushes.at(-1)?.body).toEqual({ chatid: 'wrkGroup1', msgtype: 'markdown', markdown: { content: '### 📢 通知' } });
  });
});
