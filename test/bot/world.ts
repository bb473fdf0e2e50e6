/** A wechaty-puppet-mock world for the bot: a bot account, two workers, a staff member, two groups. */
import { createServer as createNetServer } from 'node:net';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { log, type Wechaty } from 'wechaty';
import { createBot, type BotOptions } from '../../bot/index.js';

// Quiet test output; warnings (failed posts) still show.
log.level('warn');

export const ROOMS = ['工友一群', '工友二群'] as const;

export interface Sent {
  text: string;
  to: string;
  at: number;
}

export interface World {
  mocker: mock.Mocker;
  puppet: PuppetMock;
  bot: Wechaty;
  me: mock.ContactMock;
  worker: mock.ContactMock;
  other: mock.ContactMock;
  staff: mock.ContactMock;
  impostor: mock.ContactMock;
  rooms: mock.RoomMock[];
  /** Every message the bot sent, in order. */
  sent: Sent[];
  sentTo(id: string): Sent[];
  stop(): Promise<void>;
}

type MockListener = (e: { messageId: string }) => void;

/** Starts a bot on a fresh mock world and logs it in. */
export async function startWorld(options: Omit<BotOptions, 'puppet'>): Promise<World> {
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const me = mocker.createContact({ name: options.name ?? '工友小助手' });
  const worker = mocker.createContact({ name: '小李' });
  const other = mocker.createContact({ name: '老张' });
  // Staff are recognised by contact id or remark, never by nickname: the impostor copies the name.
  const staff = mocker.createContact({ id: 'wxid_wangdajie', name: '王大姐' });
  const impostor = mocker.createContact({ name: '王大姐' });
  const members = [me.id, worker.id, other.id, staff.id, impostor.id];
  const rooms = ROOMS.map((topic) => mocker.createRoom({ topic, memberIdList: members }));
  const sent: Sent[] = [];
  // The mock's typed `.on()` is broken; the event carries only the message id.
  (puppet.on as unknown as (e: string, l: MockListener) => void)('message', ({ messageId }) => {
    const p = mocker.messagePayload(messageId) as { talkerId?: string; roomId?: string; listenerId?: string; text?: string };
    if (p.talkerId === me.id) sent.push({ text: p.text ?? '', to: p.roomId ?? p.listenerId ?? '', at: Date.now() });
  });
  const bot = createBot({ ...options, puppet });
  const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()));
  await bot.start();
  mocker.login(me);
  await loggedIn;
  return {
    mocker,
    puppet,
    bot,
    me,
    worker,
    other,
    staff,
    impostor,
    rooms,
    sent,
    sentTo: (id) => sent.filter((s) => s.to === id),
    stop: () => bot.stop(),
  };
}

/** Polls `check` until it returns true, for at most `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A loopback port that was free a moment ago (nothing listens on it afterwards). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}
