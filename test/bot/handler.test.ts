/** The channel-independent handler with a fake server client: etiquette, abuse limits, staff, hand-off. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiResponseError, ApiUnreachableError, type ApiClient, type Notice } from '../../bot/api.js';
import { botOptionsFromEnv } from '../../bot/config.js';
import { CursorFileError, CursorStore } from '../../bot/cursor-store.js';
import { h5Url, renderText } from '../../bot/format.js';
import { createHandler, rightsReply, type HandlerOptions, type IncomingMessage } from '../../bot/handler.js';
import { detectService } from '../../bot/services.js';
import { startBotIfConfigured } from '../../bot/start.js';

const down = () => Promise.reject(new ApiUnreachableError('down'));
const published: { title: string; body: string; onBehalfOf: string }[] = [];

function fakeApi(overrides: Partial<ApiClient> = {}): ApiClient {
  return {
    baseUrl: 'http://api.test',
    mealStations: down,
    studios: down,
    sessions: down,
    legalSlots: down,
    notices: down,
    pageLink: async () => null,
    publishNotice: async (input) => {
      published.push(input);
      return { id: 'nt1', seq: 7, title: input.title, body: input.body, link: null, authorName: input.onBehalfOf, createdAt: new Date().toISOString() } as Notice;
    },
    ...overrides,
  };
}

const say = (text: string, extra: Partial<IncomingMessage> = {}): IncomingMessage => ({ text, fromId: 'wx-li', fromName: '小李', inRoom: false, mentioned: false, ...extra });
const handler = (opts: Partial<HandlerOptions> = {}) => createHandler({ api: fakeApi(), staff: ['王大姐', { contact: 'wx-zhao', account: 'zhaoli' }], ...opts });

describe('addressing', () => {
  it.each([
    ['@工友小助手 老板拖欠工资怎么办', false],
    ['工友小助手，老板拖欠工资怎么办', false],
    ['老板拖欠工资怎么办', true],
  ])('group message %s → silent: %s', async (text, silent) => {
    const r = await handler()(say(text, { inRoom: true }));
    expect(r === null).toBe(silent);
  });

  it('an @mention reported by the channel is enough, and an empty mention gets the help', async () => {
    expect((await handler()(say('', { inRoom: true, mentioned: true })))?.text).toContain('可以帮你');
  });
});

describe('abuse', () => {
  it('limits each user in groups per window, with one polite warning; private chat is not limited', async () => {
    let t = 0;
    const h = handler({ userRateLimit: { max: 2, windowMs: 1000 }, now: () => new Date(t) });
    const ask = () => h(say('@工友小助手 帮助', { inRoom: true }));
    expect(await ask()).not.toBeNull();
    expect(await ask()).not.toBeNull();
    expect((await ask())?.text).toContain('问得有点快');
    expect(await ask()).toBeNull();
    for (let i = 0; i < 5; i++) expect(await h(say('帮助'))).not.toBeNull();
    t = 1500;
    expect((await ask())?.text).toContain('可以帮你');
  });

  it('never repeats a phone or ID number into a group, and truncates long replies', async () => {
    const echo = (q: string) => ({ answered: true, topic: null, answer: `你说：${q}`, citations: [], links: [] });
    const h = handler({ answer: echo, maxReplyChars: 80 });
    const group = await h(say('@工友小助手 我电话13912345678，身份证330102199001011234', { inRoom: true }));
    expect(group!.text).not.toContain('13912345678');
    expect(group!.text).not.toContain('330102199001011234');
    expect(group!.text).toContain('139****5678');
    const long = await h(say('工'.repeat(5000)));
    expect([...long!.text].length).toBeLessThanOrEqual(80);
  });

  it('cuts long questions before answering', async () => {
    let seen = '';
    const h = handler({ answer: (q) => ((seen = q), { answered: false, topic: null, answer: '不确定', citations: [], links: [] }), maxInputChars: 100 });
    await h(say('问'.repeat(3000)));
    expect(seen.length).toBeLessThanOrEqual(100);
  });
});

describe('staff publishing', () => {
  it('publishes for an allowed contact, on behalf of the mapped staff account', async () => {
    published.length = 0;
    const r = await handler()(say('发布通知 停电通知\n周三全天停电。\n请相互转告。', { fromId: 'wx-zhao', fromName: '赵丽' }));
    expect(r?.text).toContain('已发布通知「停电通知」');
    expect(published).toEqual([{ title: '停电通知', body: '周三全天停电。\n请相互转告。', onBehalfOf: 'zhaoli' }]);
  });

  it('matches a contact by the remark the bot account gave it', async () => {
    published.length = 0;
    const h = handler({ staff: [{ contact: '工会-孙会计', account: 'sunkj' }] });
    expect((await h(say('发布通知 标题\n正文', { fromName: '随便起的昵称', fromAlias: '工会-孙会计' })))?.text).toContain('已发布');
    expect(published[0]?.onBehalfOf).toBe('sunkj');
    expect((await h(say('发布通知 标题\n正文', { fromName: '工会-孙会计x' })))?.text).toContain('只有工会工作人员');
  });

  it('explains the format when the body is missing, refuses in groups and for others', async () => {
    const h = handler();
    expect((await h(say('发布通知 只有标题', { fromName: '王大姐', fromAlias: '王大姐' })))?.text).toContain('格式');
    expect((await h(say('@工友小助手 发布通知 标题\n正文', { fromName: '王大姐', fromAlias: '王大姐', inRoom: true })))?.text).toContain('请私聊');
    // a stranger who renamed themselves 王大姐 has no remark from the bot's account
    expect((await h(say('发布通知 标题\n正文', { fromId: 'wx-stranger', fromName: '王大姐' })))?.text).toContain('只有工会工作人员');
    expect((await h(say('发布通知 标题\n正文', { fromName: '小李' })))?.text).toContain('只有工会工作人员');
  });

  it('tells staff when the server refuses', async () => {
    const forbidden = fakeApi({ publishNotice: () => Promise.reject(new ApiResponseError(403, 'FORBIDDEN', 'x')) });
    expect((await handler({ api: forbidden })(say('发布通知 标题\n正文', { fromName: '王大姐', fromAlias: '王大姐' })))?.text).toContain('找不到工作人员账号「王大姐」');
    const offline = fakeApi({ publishNotice: down });
    expect((await handler({ api: offline })(say('发布通知 标题\n正文', { fromName: '王大姐', fromAlias: '王大姐' })))?.text).toContain('没有发布');
  });
});

describe('ask back', () => {
  it('a reply of 1 or 2 answers the chosen point, per person, within five minutes', async () => {
    let t = Date.parse('2026-12-02T02:00:00Z');
    const h = handler({ now: () => new Date(t) });
    const asked = await h(say('几级伤残'));
    expect(asked?.text).toMatch(/回复 1 或 2/);
    const titles = [...asked!.text.matchAll(/[12]\. ([^　？]+)/g)].map((m) => m[1]);
    expect(titles).toHaveLength(2);
    // someone else's 「2」 is not an answer to 小李's question
    expect((await h(say('2', { fromId: 'wx-wang', fromName: '老王' })))?.text).not.toContain(titles[1]!);
    const second = await h(say('2'));
    expect(second?.text).toMatch(/依据：/);
    // the choice is used once; a later 「1」 after five minutes is an ordinary message again
    await h(say('几级伤残'));
    t += 5 * 60_000 + 1;
    expect((await h(say('1')))?.text).not.toMatch(/依据：/);
  });

  it('in a group, an addressed 「1」 from the asker picks the first point', async () => {
    const h = handler();
    expect((await h(say('@工友小助手 几级伤残', { inRoom: true })))?.text).toMatch(/回复 1 或 2/);
    expect((await h(say('@工友小助手 1', { inRoom: true })))?.text).toMatch(/依据：/);
  });
});

describe('answers and links', () => {
  it('a rights answer links to the consultation page with its category; a decline offers a consultation', () => {
    const a = rightsReply({ answered: true, topic: 'wage_arrears.complaint', answer: '欠薪……', citations: [{ source: '劳动合同法', article: '第三十条' }], links: [{ title: '预约法律咨询', page: 'pages/legal/index' }] });
    expect(a.link?.page).toBe('pages/legal/index?category=工资报酬');
    expect(a.text).toContain('依据：《劳动合同法》第三十条');
    const d = rightsReply({ answered: false, topic: null, answer: '抱歉，我不确定。', citations: [], links: [] });
    expect(d.text).toBe('抱歉，我不确定。');
    expect(d.link?.page).toBe('pages/legal/index');
  });

  it('renders links to the h5 build', () => {
    expect(h5Url('https://yz.example/', 'pages/legal/index?category=工伤')).toBe(`https://yz.example/#/pages/legal/index?category=${encodeURIComponent('工伤')}`);
    expect(renderText({ text: '好', link: { title: '看看', page: 'pages/index/index' } }, 'http://x')).toBe('好\n👉 看看：http://x/#/pages/index/index');
  });

  it.each([
    ['爱心餐', 'meals'],
    ['今天哪里有爱心餐', 'meals'],
    ['工作室', 'studios'],
    ['预约法律咨询', 'legal'],
    ['通知', 'notices'],
    ['最新通知', 'notices'],
    ['帮助', 'help'],
    ['公司没提前通知就辞退我', null],
    ['老板拖欠工资怎么办', null],
  ])('%s → %s', (text, service) => {
    expect(detectService(text)).toBe(service);
  });

  it('services say politely when the server is down', async () => {
    expect((await handler()(say('爱心餐')))?.text).toContain('暂时连不上');
  });
});

describe('configuration', () => {
  it('reads the environment', () => {
    const o = botOptionsFromEnv({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 't', BOT_STAFF: '王大姐, wxid_1=zhaoli', BOT_ROOMS: '工友一群，工友二群', PORT: '4000' });
    expect(o.puppetOptions).toEqual({ token: 't' });
    expect(o.staff).toEqual([{ contact: '王大姐' }, { contact: 'wxid_1', account: 'zhaoli' }]);
    expect(o.rooms).toEqual(['工友一群', '工友二群']);
    expect(o.apiBaseUrl).toBe('http://127.0.0.1:4000');
    expect(o.roomIntervalMs).toBe(3000);
  });

  it('without WECHATY_PUPPET, startBotIfConfigured says how to start the bot', async () => {
    const r = await startBotIfConfigured({});
    expect(r.started).toBe(false);
    expect(r.message).toContain('WECHATY_PUPPET');
    expect(r.stop).toBeUndefined();
    expect((await startBotIfConfigured({ WECHATY_PUPPET: 'x', BOT_ROOM_INTERVAL_MS: 'fast' })).message).toContain('BOT_ROOM_INTERVAL_MS');
  });

  it('refuses a corrupt cursor file rather than re-posting everything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongyou-cursor-'));
    try {
      await writeFile(join(dir, 's.json'), '{oops');
      await expect(CursorStore.open(join(dir, 's.json'))).rejects.toBeInstanceOf(CursorFileError);
      const ok = await CursorStore.open(join(dir, 'new.json'));
      await ok.set('room:一群', 3);
      expect((await CursorStore.open(join(dir, 'new.json'))).get('room:一群')).toBe(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('start-up warnings', () => {
  it('warns when links would point at this computer', async () => {
    const { loopbackWarning } = await import('../../bot/start.js');
    expect(loopbackWarning('http://127.0.0.1:3000')).toContain('H5_BASE_URL');
    expect(loopbackWarning('http://localhost:3000')).toContain('打不开');
    expect(loopbackWarning('https://gongyou.example.cn')).toBe('');
  });
});

describe('爱心餐 reply', () => {
  it('lists only stations still open today, with places left', async () => {
    const { mealsReply } = await import('../../bot/services.js');
    const station = (name: string, hours: string, remaining: number) => ({ id: name, name, address: '路', district: '上城区', hours, dailyQuota: 10, remaining });
    const api = {
      mealStations: async () => ({ date: '2026-11-23', stations: [station('午餐站', '11:00-13:30', 5), station('晚餐站', '10:00-20:00', 3), station('满员站', '10:00-20:00', 0)] }),
    } as unknown as Parameters<typeof mealsReply>[0];
    const r = await mealsReply(api, new Date('2026-11-23T15:00:00+08:00'));
    expect(r.text).toContain('晚餐站');
    expect(r.text).not.toContain('午餐站');
    expect(r.text).not.toContain('满员站');
    const late = await mealsReply(api, new Date('2026-11-23T20:30:00+08:00'));
    expect(late.text).toContain('已打烊');
  });
});
