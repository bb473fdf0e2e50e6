/**
 * The channel-independent message handler: Wechaty, `npm run chat` and the tests all call
 * `handle()`. It decides whether to speak, and what to say; channels only deliver the reply.
 */
import { businessDate } from '../shared/calendar/days.js';
import { answerQuestion, categoryOf, type AskOptions, type Choice, type RightsAnswer } from '../shared/rights/index.js';
import { ApiResponseError, ApiUnreachableError, type ApiClient, type Notice } from './api.js';
import { citationLine, PAGES, redactPersonalData, truncate, withLinkUrl, type PageLink, type Reply } from './format.js';
import { createUserLimiter, DEFAULT_USER_RATE_LIMIT, type UserRateLimit } from './rate-limit.js';
import { detectService, helpReply, legalReply, mealsReply, noticesReply, serviceErrorReply, studiosReply, type ServiceName } from './services.js';

export const DEFAULT_NAME = '工友小助手';

export interface IncomingMessage {
  text: string;
  /** Stable id of the sender (WeChat contact id, or any id the channel has). */
  fromId: string;
  fromName: string;
  /** The remark (备注) the bot's own account gave the sender: set by the union, so it cannot be spoofed. */
  fromAlias?: string;
  inRoom: boolean;
  /** The channel saw an @mention of the bot. Addressing by name is detected here. */
  mentioned: boolean;
  /** Non-text messages: voice gets a hint in private chat, everything else is ignored. */
  kind?: 'text' | 'voice' | 'other';
}

/**
 * A contact allowed to publish notices, matched by contact id, remark (备注) or name (names can be
 * copied by anyone, so prefer the id or a remark). `account` is the staff account on the server
 * (default: the contact's name).
 */
export interface StaffEntry {
  contact: string;
  account?: string;
}

export interface HandlerOptions {
  api: ApiClient;
  name?: string;
  staff?: (string | StaffEntry)[];
  userRateLimit?: UserRateLimit;
  /** Longer questions are cut to this many characters before answering (default 500). */
  maxInputChars?: number;
  /** Longer replies are cut (default 700). */
  maxReplyChars?: number;
  now?: () => Date;
  /** The rights engine; tests may swap it. */
  answer?: (question: string, options?: AskOptions) => RightsAnswer;
  /** Called after a notice is published through the bot (the broadcaster polls at once). */
  onPublished?: (notice: Notice) => void;
}

export type Handler = (msg: IncomingMessage) => Promise<Reply | null>;

const PUBLISH = /^发布通知[\s:：]*/;
/** How long an ask-back waits for its 「1」 or 「2」, per person. */
export const CHOICE_TTL_MS = 5 * 60_000;
const CHOICE_REPLY = /^(?:选|第)?([12１２一二])(?:个|条)?$/;

export function createHandler(opts: HandlerOptions): Handler {
  const name = opts.name ?? DEFAULT_NAME;
  const now = opts.now ?? (() => new Date());
  const answer = opts.answer ?? answerQuestion;
  const maxInput = opts.maxInputChars ?? 500;
  const maxReply = opts.maxReplyChars ?? 700;
  const staff = (opts.staff ?? []).map((s) => (typeof s === 'string' ? { contact: s } : s));
  const limiter = createUserLimiter(opts.userRateLimit ?? DEFAULT_USER_RATE_LIMIT, () => now().getTime());
  // sender → the choices the bot last asked back, and when (a reply of 1 or 2 picks one)
  const pending = new Map<string, { choices: Choice[]; question: string; at: number }>();
  const addressing = new RegExp(`^[@＠]?${escapeRegExp(name)}[\\s\\u2005,，:：、!！]*`);

  async function reply(msg: IncomingMessage): Promise<Reply | null> {
    if (msg.kind === 'voice') return msg.inRoom ? null : { text: '我还听不了语音，请打字问我，比如「老板拖欠工资怎么办」。' };
    if (msg.kind === 'other') return null;
    const raw = msg.text.trim();
    const byName = addressing.test(raw) || mentionOf(name).test(raw);
    if (msg.inRoom && !msg.mentioned && !byName) return null;
    const text = truncate(stripMentions(raw, name).replace(addressing, '').trim(), maxInput);

    if (msg.inRoom) {
      const decision = limiter(msg.fromId);
      if (decision === 'drop') return null;
      if (decision === 'warn') return { text: '你问得有点快，我先歇一会儿，过一分钟再问我吧。也可以私聊我或打开小程序。' };
    }
    if (PUBLISH.test(text)) return publish(msg, text.replace(PUBLISH, ''));
    const today = businessDate(now());
    const picked = CHOICE_REPLY.exec(text);
    const asked = pending.get(msg.fromId);
    if (picked && asked && now().getTime() - asked.at <= CHOICE_TTL_MS) {
      pending.delete(msg.fromId);
      const choice = asked.choices['1１一'.includes(picked[1]) ? 0 : 1];
      // the chosen point, answered for the question first asked (its figures: 「干了3年」)
      if (choice) return rightsReply(answer(asked.question, { today, point: choice.point }));
    }
    const service = detectService(text);
    if (service) return serviceReply(service);
    const a = answer(text, { today });
    if (a.choices?.length) pending.set(msg.fromId, { choices: a.choices, question: text, at: now().getTime() });
    else pending.delete(msg.fromId);
    if (pending.size > 10_000) pending.delete(pending.keys().next().value!);
    return rightsReply(a);
  }

  async function serviceReply(service: ServiceName): Promise<Reply> {
    try {
      switch (service) {
        case 'meals':
          return await mealsReply(opts.api, now());
        case 'studios':
          return await studiosReply(opts.api, now());
        case 'legal':
          return await legalReply(opts.api, now());
        case 'notices':
          return await noticesReply(opts.api);
        case 'help':
          return helpReply(name);
      }
    } catch (err) {
      return serviceErrorReply(err);
    }
  }

  async function publish(msg: IncomingMessage, rest: string): Promise<Reply> {
    if (msg.inRoom) return { text: '发布通知请私聊我，群里不发布。' };
    // Only what the bot's own account controls identifies staff: the contact id or the remark (备注)
    // it gave the contact. Never the WeChat nickname: anyone can rename themselves 王大姐.
    const member = staff.find((s) => s.contact === msg.fromId || (!!msg.fromAlias && s.contact === msg.fromAlias));
    if (!member) return { text: '抱歉，只有工会工作人员可以通过我发布通知。有需要请联系工会工作人员。' };
    const [title, ...bodyLines] = rest.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
    const body = bodyLines.join('\n');
    if (!title || !body) return { text: '格式：发布通知 标题\n正文（第一行是标题，换行后写正文）。' };
    try {
      const notice = await opts.api.publishNotice({ title: truncate(title, 60), body: truncate(body, 2000), onBehalfOf: member.account ?? member.contact });
      opts.onPublished?.(notice);
      return { text: `已发布通知「${notice.title}」（第 ${notice.seq} 号），会依次发到各工作群。`, link: { title: '查看通知', page: PAGES.notices } };
    } catch (err) {
      return { text: publishErrorText(err, member.account ?? member.contact) };
    }
  }

  return async function handle(msg) {
    const r = await reply(msg);
    if (!r) return null;
    // Replies in groups are seen by everyone: never repeat a phone or ID number there.
    const text = truncate(msg.inRoom ? redactPersonalData(r.text) : r.text, maxReply);
    // the page as a link that opens the mini-program from the chat, where the server can make one
    return withLinkUrl({ ...r, text }, opts.api.pageLink);
  };
}

/** A rights answer: the engine's text, its citations on one line, and the consultation page with the topic's category. */
export function rightsReply(a: RightsAnswer): Reply {
  if (!a.answered && a.choices?.length) return { text: a.answer };
  if (!a.answered) {
    // The engine declined: say so and offer a lawyer, never guess.
    return { text: a.answer, link: { title: '预约工会律师法律咨询', page: PAGES.legal } };
  }
  const line = citationLine(a.citations);
  return { text: line ? `${a.answer}\n${line}` : a.answer, link: pickLink(a) };
}

function pickLink(a: RightsAnswer): PageLink | undefined {
  const category = categoryOf(a.topic);
  const legal = a.links.find((l) => l.page.startsWith(PAGES.legal));
  if (legal) {
    if (legal.page.includes('category=') || !category) return legal;
    return { title: legal.title, page: `${PAGES.legal}?category=${category}` };
  }
  return a.links[0];
}

function publishErrorText(err: unknown, account: string): string {
  if (err instanceof ApiUnreachableError) return '暂时连不上服务器，通知没有发布，请稍后再试。';
  if (err instanceof ApiResponseError) {
    if (err.code === 'FORBIDDEN') return `服务器上找不到工作人员账号「${account}」，通知没有发布。请管理员核对机器人的工作人员名单。`;
    if (err.code === 'UNAUTHORIZED') return '机器人的服务令牌（BOT_TOKEN）无效，通知没有发布，请管理员检查配置。';
    if (err.code === 'BAD_REQUEST') return `通知没有发布：${err.message}`;
  }
  return '发布时出了点问题，通知没有发布，请稍后再试。';
}

/** Removes `@名字` tokens for the bot (Wechaty's mentionText does this too; the chat does not). */
function stripMentions(text: string, name: string): string {
  return text.replace(mentionOf(name, 'g'), '').trim();
}

function mentionOf(name: string, flags = ''): RegExp {
  return new RegExp(`[@＠]${escapeRegExp(name)}(\\u2005|\\s|$)`, flags);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
