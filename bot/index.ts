/**
 * The WeChat side of 工友小助手: builds a Wechaty bot around the channel-independent handler.
 * Named event handlers below, wired in one block at the end (wechaty/getting-started style).
 */
import QRCode from 'qrcode';
import { log, ScanStatus, WechatyBuilder, types, type Contact, type Message, type Room, type Wechaty } from 'wechaty';
import type * as PUPPET from 'wechaty-puppet';
import { createApiClient, type Notice } from './api.js';
import { createBroadcaster, type Broadcaster, type BroadcastTarget } from './broadcast.js';
import { CursorStore } from './cursor-store.js';
import { linkUrl, PAGES, renderText, truncate, withLinkUrl, type PageLink, type Reply } from './format.js';
import { createHandler, DEFAULT_NAME, type IncomingMessage, type StaffEntry } from './handler.js';
import type { UserRateLimit } from './rate-limit.js';
import { wecomTarget } from './wecom.js';

export type { Reply, IncomingMessage, StaffEntry, UserRateLimit };
export { createHandler } from './handler.js';

const TAG = 'GongyouBot';

export interface MiniProgramOptions {
  /** The mini-program's AppID (wx…). */
  appid: string;
  /** Its original id (gh_…@app), needed by WeChat to open the card. */
  username: string;
  /** Card picture (https URL); the puppet may require one. */
  thumbUrl?: string;
}

export interface BotOptions {
  /** A puppet instance (tests: wechaty-puppet-mock), or a puppet package name such as `wechaty-puppet-wechat4u`. Default: WECHATY_PUPPET. */
  puppet?: PUPPET.impls.PuppetInterface | string;
  /** Options for a named puppet, e.g. `{ token }` for wechaty-puppet-service. */
  puppetOptions?: PUPPET.PuppetOptions;
  /** The server, e.g. `http://127.0.0.1:3000` (the bot never opens the data file). */
  apiBaseUrl: string;
  /** The server's BOT_TOKEN: lets staff publish notices through the bot. */
  botToken?: string;
  /** Contacts allowed to publish (WeChat contact id or name; `{contact, account}` maps to a staff account on the server). */
  staff?: (string | StaffEntry)[];
  /** Group topics that receive every notice. */
  rooms?: string[];
  /** What the bot answers to in groups besides @mentions (default 工友小助手). */
  name?: string;
  /** Where the h5 build is served, for links (default: apiBaseUrl). */
  h5BaseUrl?: string;
  /** Send mini-program cards for page links (else plain links). */
  miniProgram?: MiniProgramOptions;
  /** Minimum ms between two notices to the same room or robot (default 3000). */
  roomIntervalMs?: number;
  /** How often to look for new notices, ms (default 5000). */
  pollIntervalMs?: number;
  /** Answers per user per window in groups (default 5 a minute). */
  userRateLimit?: UserRateLimit;
  /** JSON file with the broadcast cursor, so a restart never re-posts (default: memory only). */
  stateFile?: string;
  /** 企业微信 group-robot webhook URLs that also receive every notice (markdown). */
  wecomWebhookUrls?: string[];
  /** An open cursor store shared with the process's other broadcasters (default: `stateFile` is opened). */
  cursors?: CursorStore;
  /** Wechaty memory-card name: keeps a login across restarts for puppets that support it (writes `<name>.memory-card.json`). */
  memoryName?: string;
  /** Clock for the handler (tests). */
  now?: () => Date;
}

/**
 * Builds the bot (not started): `await bot.start()`, then scan the QR code for personal-WeChat
 * puppets. `bot.stop()` also stops notice broadcasting and waits for a post in flight.
 */
export function createBot(options: BotOptions): Wechaty {
  const name = options.name ?? DEFAULT_NAME;
  const h5Base = options.h5BaseUrl ?? options.apiBaseUrl;
  const api = createApiClient({ baseUrl: options.apiBaseUrl, botToken: options.botToken });
  const bot = buildWechaty(options);
  let loginAt = Number.POSITIVE_INFINITY;
  let cursors: Promise<CursorStore> | null = null;
  let rooms: Broadcaster | null = null;
  let robots: Broadcaster | null = null;
  const handle = createHandler({
    api,
    name,
    staff: options.staff,
    userRateLimit: options.userRateLimit,
    now: options.now,
    onPublished: () => {
      rooms?.poke();
      robots?.poke();
    },
  });
  const broadcastLog = (level: 'info' | 'warn', message: string) => log[level](TAG, message);
  const openCursors = () => (cursors ??= options.cursors ? Promise.resolve(options.cursors) : CursorStore.open(options.stateFile));
  const newBroadcaster = async (targets: BroadcastTarget[]) =>
    createBroadcaster({
      api,
      cursors: await openCursors(),
      targets,
      intervalMs: options.roomIntervalMs ?? 3000,
      pollMs: options.pollIntervalMs ?? 5000,
      log: broadcastLog,
    });

  async function onScan(qrcode: string, status: ScanStatus) {
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
    const url = `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`;
    console.log(`[${TAG}] 请用作为机器人的微信扫码登录（二维码也可在浏览器打开：${url}）`);
    console.log(await QRCode.toString(qrcode, { type: 'terminal', small: true }));
  }

  async function onLogin(user: Contact) {
    loginAt = Date.now();
    log.info(TAG, '%s 已登录', user.name());
    await rooms?.stop(); // a second login without a logout must not start a second broadcaster
    try {
      rooms = await newBroadcaster((options.rooms ?? []).map((topic) => roomTarget(topic)));
      await rooms.start();
    } catch (err) {
      log.error(TAG, '通知群发没有启动：%s', (err as Error).message);
    }
  }

  async function onLogout(user: Contact) {
    log.info(TAG, '%s 已退出登录', user.name());
    await rooms?.stop();
    rooms = null;
  }

  // The robots do not need a WeChat login: they run from start to stop.
  async function onStart() {
    const urls = options.wecomWebhookUrls ?? [];
    if (urls.length === 0) return;
    await robots?.stop();
    try {
      robots = await newBroadcaster(urls.map((u) => wecomTarget(u, h5Base, api)));
      await robots.start();
    } catch (err) {
      log.error(TAG, '企业微信机器人推送没有启动：%s', (err as Error).message);
    }
  }

  async function onMessage(message: Message) {
    if (message.self()) return;
    // Puppets replay recent history at login; answering it would confuse everyone.
    if (message.date().getTime() < loginAt - 1500) return;
    const incoming = await toIncoming(message);
    if (!incoming) return;
    const reply = await handle(incoming);
    if (!reply) return;
    const room = message.room();
    const talker = message.talker();
    await sendReply(reply, room ?? talker, room ? talker : undefined);
  }

  async function toIncoming(message: Message): Promise<IncomingMessage | null> {
    const type = message.type();
    const room = message.room();
    const talker = message.talker();
    const kind = type === types.Message.Text ? 'text' : type === types.Message.Audio ? 'voice' : 'other';
    if (kind === 'other' || talker.type() !== types.Contact.Individual) return null;
    const mentioned = room && kind === 'text' ? await message.mentionSelf() : false;
    const text = room && kind === 'text' ? await message.mentionText() : message.text();
    const fromAlias = (await talker.alias().catch(() => undefined)) || undefined;
    return { text: kind === 'text' ? text : '', fromId: talker.id, fromName: talker.name(), fromAlias, inRoom: !!room, mentioned, kind };
  }

  /** Text (mentioning the asker in groups), then the page as a card where possible, else as a link. */
  async function sendReply(reply: Reply, to: Room | Contact, mention?: Contact) {
    const say = (text: string) => (mention ? (to as Room).say(text, mention) : to.say(text));
    if (!reply.link || !options.miniProgram) return void (await say(renderText(reply, h5Base)));
    await say(reply.text);
    await sendPage(to, reply.link);
  }

  async function sendPage(to: Room | Contact, link: PageLink) {
    try {
      const [path, query] = link.page.split('?', 2);
      const card = new bot.MiniProgram({
        appid: options.miniProgram!.appid,
        username: options.miniProgram!.username,
        title: link.title,
        pagePath: `${path}.html${query ? `?${query}` : ''}`,
        thumbUrl: options.miniProgram!.thumbUrl,
        description: '工友驿站',
      });
      await to.say(card);
    } catch (err) {
      // Personal-WeChat puppets often cannot send cards: fall back to the h5 link.
      log.warn(TAG, '小程序卡片发送失败，改发链接：%s', (err as Error).message);
      await to.say(`👉 ${link.title}：${linkUrl(h5Base, link)}`);
    }
  }

  function roomTarget(topic: string): BroadcastTarget {
    let room: Room | undefined;
    return {
      key: `room:${topic}`,
      async send(notice: Notice) {
        room ??= (await bot.Room.find({ topic })) ?? undefined;
        if (!room) throw new Error(`找不到群「${topic}」（机器人在群里吗？）`);
        await sendReply(await withLinkUrl(noticeReply(notice), api.pageLink), room);
      },
    };
  }

  // A puppet that cannot reach WeChat repeats the same error many times a second: log it once a minute.
  let lastError = { message: '', at: 0 };
  function onError(err: Error) {
    const now = Date.now();
    if (err.message === lastError.message && now - lastError.at < 60_000) return;
    lastError = { message: err.message, at: now };
    log.error(TAG, '出错：%s', err.message);
  }

  // Wiring. The mock puppet's `.on()` typings are broken, so listeners are typed here.
  bot.on('scan', onScan);
  bot.on('login', onLogin);
  bot.on('logout', onLogout);
  bot.on('start', onStart);
  bot.on('message', (m: Message) => onMessage(m).catch(onError));
  bot.on('error', onError);

  const stop = bot.stop.bind(bot);
  bot.stop = async () => {
    await Promise.all([rooms?.stop(), robots?.stop()]);
    rooms = robots = null;
    await stop();
  };
  return bot;
}

/** A notice as posted in a group: title, body, who published it, and where to read more. */
export function noticeReply(notice: Notice): Reply {
  const by = notice.authorName ? `\n—— ${notice.authorName}` : '';
  return {
    text: `📢【通知】${truncate(notice.title, 60)}\n${truncate(notice.body, 500)}${by}`,
    link: { title: '查看通知', page: notice.link ?? PAGES.notices },
  };
}

function buildWechaty(options: BotOptions): Wechaty {
  const memory = options.memoryName ? { name: options.memoryName } : {};
  if (typeof options.puppet === 'string') {
    return WechatyBuilder.build({ ...memory, puppet: options.puppet as never, puppetOptions: options.puppetOptions });
  }
  return WechatyBuilder.build({ ...memory, puppet: options.puppet });
}
