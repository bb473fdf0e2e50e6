/**
 * WeChat subscribe messages: new notices go to members who opted in; bookings get a reminder the
 * day before. Runs only when WeChat credentials and template ids are configured (see WECHAT.md).
 *
 * Every opt-in is one-time: the transaction that picks a subscription also marks it used (and, for
 * reminders, records `kv` `reminder:<bookingId>`), and the message goes out after that commit. So a
 * restart, a second server process or a repeated run never sends twice (at most once). When WeChat
 * certainly did not deliver (no access token, connection refused, an error answer other than
 * 43101) the claim is given back: the opt-in stays usable and a reminder is retried on the next run.
 */
import type { FastifyBaseLogger } from 'fastify';
import { addDays, businessDate, toShanghaiIso } from '../shared/calendar/index.js';
import { LEGAL_MODE_LABELS, type Booking, type Notice, type User } from '../shared/schemas/index.js';
import type { ServiceContext } from './services/context.js';
import type { Subscription, Tx } from './store/types.js';
import { WechatSendError, type WechatClient } from './wechat.js';

type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
const silent: Log = { info() {}, warn() {}, error() {} } as unknown as Log;

/** One lock for every claim of subscriptions, so two claims never pick the same opt-in. */
const SUBS_LOCK = 'wx:subscriptions';
/** Sends in flight at once (WeChat answers each in ~100 ms; thousands of members stay quick). */
const CONCURRENCY = 4;

/** Template data keys by role. Union staff map these to their templates' keywords (WECHAT.md). */
export const NOTICE_FIELDS = { title: 'thing1', summary: 'thing2', time: 'time3', from: 'thing4' } as const;
export const REMINDER_FIELDS = { service: 'thing1', time: 'time2', place: 'thing3', code: 'character_string4', tip: 'thing5' } as const;
export type NoticeRole = keyof typeof NOTICE_FIELDS;
export type ReminderRole = keyof typeof REMINDER_FIELDS;
export type FieldMap<R extends string> = Partial<Record<R, string>>;

export interface NotificationOptions {
  /** How often reminders are looked for; 0 turns the timer off (tests call runRemindersOnce). Default 10 minutes. */
  reminderIntervalMs?: number;
  /** Shanghai wall-clock window in which reminders go out, default 08:00–21:00 (nobody is woken at night). */
  reminderHours?: { from: string; to: string };
  /** Override template keys; else WX_TEMPLATE_NOTICE_FIELDS / WX_TEMPLATE_REMINDER_FIELDS, else the defaults. */
  noticeFields?: FieldMap<NoticeRole>;
  reminderFields?: FieldMap<ReminderRole>;
}

export type StopNotifications = (() => void) & {
  /** Resolves when every notice received so far has been handled and no reminder run is going on. */
  idle(): Promise<void>;
};

interface Enabled {
  wechat: WechatClient;
  noticeTemplate: string | undefined;
  reminderTemplate: string | undefined;
}

function enabled(ctx: ServiceContext): Enabled | null {
  const { WX_TEMPLATE_NOTICE, WX_TEMPLATE_REMINDER } = ctx.config;
  if (!ctx.wechat || (!WX_TEMPLATE_NOTICE && !WX_TEMPLATE_REMINDER)) return null;
  return { wechat: ctx.wechat, noticeTemplate: WX_TEMPLATE_NOTICE || undefined, reminderTemplate: WX_TEMPLATE_REMINDER || undefined };
}

export function startNotifications(ctx: ServiceContext, log: Log = silent, opts: NotificationOptions = {}): StopNotifications {
  const on = enabled(ctx);
  if (!on) {
    if (ctx.wechat) log.info('wechat subscribe messages off: set WX_TEMPLATE_NOTICE and/or WX_TEMPLATE_REMINDER');
    return Object.assign(() => {}, { idle: async () => {} });
  }
  log.info({ notice: !!on.noticeTemplate, reminder: !!on.reminderTemplate }, 'wechat subscribe messages enabled');
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();
  let reminderRun: Promise<unknown> | null = null;

  const unsubscribe = on.noticeTemplate
    ? ctx.store.onNotice((n) => {
        if (stopped) return;
        chain = chain.then(async () => void (await sendNotice(ctx, n, log, opts))).catch((err) => log.error({ err, notice: n.id }, 'wechat notice fan-out failed'));
      })
    : () => {};

  const tick = () => {
    if (stopped || reminderRun) return;
    reminderRun = runRemindersOnce(ctx, log, opts)
      .catch((err) => log.error({ err }, 'wechat reminders failed'))
      .finally(() => (reminderRun = null));
  };
  const every = opts.reminderIntervalMs ?? 10 * 60_000;
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Timeout | null = null;
  if (on.reminderTemplate && every > 0) {
    timer = setInterval(tick, every);
    timer.unref();
    first = setTimeout(tick, 5_000); // soon after start, not during it
    first.unref();
  }

  const stop = () => {
    stopped = true;
    unsubscribe();
    if (timer) clearInterval(timer);
    if (first) clearTimeout(first);
  };
  return Object.assign(stop, {
    async idle() {
      for (;;) {
        const c = chain;
        const r = reminderRun;
        await c;
        await r;
        if (c === chain && r === reminderRun) return;
      }
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Notices

/** Sends notice `n` to each member holding an unused `notice` opt-in: one opt-in, one message. */
export async function sendNotice(ctx: ServiceContext, n: Notice, log: Log = silent, opts: NotificationOptions = {}) {
  const on = enabled(ctx);
  if (!on?.noticeTemplate) return { sent: 0, failed: 0 };
  const template = on.noticeTemplate;
  const now = ctx.now().toISOString();
  // Claim: pick one unused opt-in per member and mark it used, in the same transaction that records
  // this notice as handled (a second process sharing the store gets the same notice and stops here).
  const claims = await ctx.store.atomic([SUBS_LOCK, `wx:notice:${n.id}`], async (tx) => {
    if (await tx.get('kv', `notice:${n.id}`)) return [];
    const subs = (await tx.list('subscriptions', { kind: 'notice', usedAt: null })).filter((s) => s.templateId === template);
    const out: { sub: Subscription; openid: string }[] = [];
    const seen = new Set<string>();
    for (const s of oldestFirst(subs)) {
      if (seen.has(s.userId)) continue;
      const openid = reachable(await tx.get('users', s.userId));
      if (!openid) continue; // no WeChat identity (dev login) or erased: keep the opt-in, send nothing
      seen.add(s.userId);
      await tx.put('subscriptions', { ...s, usedAt: now });
      out.push({ sub: s, openid });
    }
    await tx.put('kv', { id: `notice:${n.id}`, value: { at: now, recipients: out.length } });
    return out;
  });
  if (claims.length === 0) return { sent: 0, failed: 0 };
  const data = noticeData(n, fieldMap(ctx, 'WX_TEMPLATE_NOTICE_FIELDS', NOTICE_FIELDS, opts.noticeFields));
  const page = `pages/notices/detail?id=${encodeURIComponent(n.id)}`;
  let sent = 0;
  let failed = 0;
  await pool(claims, CONCURRENCY, async ({ sub, openid }) => {
    try {
      await on.wechat.sendSubscribeMessage({ touser: openid, templateId: template, page, data });
      sent++;
    } catch (err) {
      failed++;
      log.warn({ err: describe(err), notice: n.id, userId: sub.userId }, 'wechat notice message not sent');
      if (giveBack(err)) await releaseSubscription(ctx, sub.id, now).catch((e) => log.error({ err: e }, 'could not give back opt-in'));
    }
  });
  log.info({ notice: n.id, sent, failed }, 'wechat notice messages');
  return { sent, failed };
}

export function noticeData(n: Notice, keys: FieldMap<NoticeRole> = NOTICE_FIELDS) {
  return fields(keys, {
    title: thing(n.title),
    summary: thing(n.body),
    time: timeText(n.createdAt),
    from: thing(n.authorName ? `工会·${n.authorName}` : '工友驿站'),
  });
}

// ---------------------------------------------------------------------------------------------
// Reminders

export interface ReminderResult {
  /** Bookings due tomorrow that were looked at. */
  due: number;
  sent: number;
  failed: number;
  /** Due bookings whose member has no unused reminder opt-in (or no WeChat identity). */
  noOptIn: number;
}

/**
 * One pass: every confirmed booking whose meal date / session start / slot start is tomorrow
 * (Asia/Shanghai) gets one reminder, if its member holds an unused reminder opt-in. Outside the
 * reminder hours it does nothing.
 */
export async function runRemindersOnce(ctx: ServiceContext, log: Log = silent, opts: NotificationOptions = {}): Promise<ReminderResult> {
  const result: ReminderResult = { due: 0, sent: 0, failed: 0, noOptIn: 0 };
  const on = enabled(ctx);
  if (!on?.reminderTemplate) return result;
  const template = on.reminderTemplate;
  const nowDate = ctx.now();
  const clock = toShanghaiIso(nowDate).slice(11, 16);
  const hours = opts.reminderHours ?? { from: '08:00', to: '21:00' };
  if (clock < hours.from || clock >= hours.to) return result;
  const tomorrow = addDays(businessDate(nowDate), 1);
  const keys = fieldMap(ctx, 'WX_TEMPLATE_REMINDER_FIELDS', REMINDER_FIELDS, opts.reminderFields);

  const due = await ctx.store.read(async (tx) => {
    const out: Booking[] = await tx.findBookings({ service: 'meal', date: tomorrow, status: ['confirmed'] });
    for (const s of await tx.list('sessions')) {
      if (businessDate(s.startsAt) === tomorrow) out.push(...(await tx.findBookings({ sessionId: s.id, status: ['confirmed'] })));
    }
    for (const s of await tx.list('slots')) {
      if (businessDate(s.startsAt) === tomorrow) out.push(...(await tx.findBookings({ slotId: s.id, status: ['confirmed'] })));
    }
    const done = new Set<string>();
    const todo: Booking[] = [];
    for (const b of out) {
      if (b.checkedInAt || done.has(b.id) || (await tx.get('kv', `reminder:${b.id}`))) continue;
      done.add(b.id);
      todo.push(b);
    }
    return todo;
  });
  result.due = due.length;

  await pool(due, CONCURRENCY, async (b) => {
    const now = ctx.now().toISOString();
    // Claim under the booking's lock (the one cancel takes): a cancelled booking is never claimed.
    const claim = await ctx.store.atomic([`booking:${b.id}`, SUBS_LOCK], async (tx) => {
      const cur = await tx.get('bookings', b.id);
      if (!cur || cur.status !== 'confirmed' || cur.checkedInAt) return null;
      if (await tx.get('kv', `reminder:${b.id}`)) return null;
      const openid = reachable(await tx.get('users', cur.memberId));
      if (!openid) return 'no-opt-in' as const;
      const sub = oldestFirst(await tx.list('subscriptions', { userId: cur.memberId, kind: 'reminder', usedAt: null })).find(
        (s) => s.templateId === template,
      );
      if (!sub) return 'no-opt-in' as const;
      await tx.put('subscriptions', { ...sub, usedAt: now });
      await tx.put('kv', { id: `reminder:${b.id}`, value: { sentAt: now, subscriptionId: sub.id } });
      return { booking: cur, sub, openid, data: await reminderData(tx, cur, keys) };
    });
    if (claim === null) return;
    if (claim === 'no-opt-in') {
      result.noOptIn++;
      return;
    }
    try {
      await on.wechat.sendSubscribeMessage({ touser: claim.openid, templateId: template, page: 'pages/mine/index', data: claim.data });
      result.sent++;
    } catch (err) {
      result.failed++;
      log.warn({ err: describe(err), booking: b.id }, 'wechat reminder not sent');
      if (giveBack(err)) {
        await ctx.store
          .atomic([`booking:${b.id}`, SUBS_LOCK], async (tx) => {
            await tx.remove('kv', `reminder:${b.id}`);
            const s = await tx.get('subscriptions', claim.sub.id);
            if (s && s.usedAt === now) await tx.put('subscriptions', { ...s, usedAt: null });
          })
          .catch((e) => log.error({ err: e }, 'could not give back reminder claim'));
      }
    }
  });
  if (result.due > 0) log.info({ tomorrow, ...result }, 'wechat reminders');
  return result;
}

const SERVICE_LABEL = { meal: '10元爱心餐', studio: '工作室参观', legal: '法律咨询' } as const;

export async function reminderData(tx: Tx, b: Booking, keys: FieldMap<ReminderRole> = REMINDER_FIELDS) {
  let service: string = SERVICE_LABEL[b.service];
  let time = '';
  let place = '';
  let tip = '请准时到场，出示核销码';
  if (b.service === 'meal') {
    const st = await tx.get('stations', b.stationId!);
    time = `${dateText(b.date!)} ${st?.hours.replace('-', '~') ?? ''}`.trim();
    place = st ? `${st.name} ${st.address}` : '爱心餐服务站';
    tip = '请在营业时间内到站，出示核销码';
  } else if (b.service === 'studio') {
    const se = await tx.get('sessions', b.sessionId!);
    const studio = se ? await tx.get('studios', se.studioId) : undefined;
    if (studio) service = `参观${studio.name}`;
    time = se ? rangeText(se.startsAt, se.endsAt) : '';
    place = studio ? studio.address : '劳模工匠创新工作室';
    tip = `${b.partySize ?? 1}人参观，请提前10分钟到达`;
  } else {
    const sl = await tx.get('slots', b.slotId!);
    if (b.category) service = `法律咨询·${b.category}`;
    time = sl ? rangeText(sl.startsAt, sl.endsAt) : '';
    const mode = sl ? LEGAL_MODE_LABELS[sl.mode] : '';
    place = sl?.mode === 'onsite' ? (sl.location ?? '现场咨询') : `${mode}咨询${sl?.lawyer ? `·${sl.lawyer}` : ''}`;
    tip = sl?.mode === 'onsite' ? '请带好劳动合同等材料' : '律师会按时联系您，请保持畅通';
  }
  return fields(keys, { service: thing(service), time, place: thing(place), code: b.code.slice(0, 32), tip: thing(tip) });
}

// ---------------------------------------------------------------------------------------------
// helpers

/** The openid to send to, or null when the member has none or erased their data. */
function reachable(u: User | undefined): string | null {
  return u && !u.erasedAt && u.openid ? u.openid : null;
}

function oldestFirst(subs: Subscription[]): Subscription[] {
  return [...subs].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Whether the opt-in is still unused on WeChat's side after this failure (43101: the member said no). */
function giveBack(err: unknown): boolean {
  return err instanceof WechatSendError && err.notSent && err.errcode !== 43101;
}

async function releaseSubscription(ctx: ServiceContext, id: string, usedAt: string) {
  await ctx.store.atomic([SUBS_LOCK], async (tx) => {
    const s = await tx.get('subscriptions', id);
    if (s && s.usedAt === usedAt) await tx.put('subscriptions', { ...s, usedAt: null });
  });
}

function describe(err: unknown) {
  return err instanceof Error ? { message: err.message, ...(err instanceof WechatSendError ? { errcode: err.errcode } : {}) } : err;
}

/** Runs `fn` over `items`, at most `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
  let i = 0;
  const worker = async () => {
    while (i < items.length) await fn(items[i++]!);
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

/** thing.DATA: at most 20 characters, one line. */
export function thing(s: string): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length <= 20 ? chars.join('') || '—' : `${chars.slice(0, 19).join('')}…`;
}

/** "2026年11月24日" */
function dateText(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** time.DATA: "2026年11月23日 09:00" in Shanghai time. */
export function timeText(iso: string): string {
  const s = toShanghaiIso(iso);
  return `${dateText(s.slice(0, 10))} ${s.slice(11, 16)}`;
}

/** time.DATA range: "2026年11月25日 09:30~11:30". */
function rangeText(startsAt: string, endsAt: string): string {
  const a = toShanghaiIso(startsAt);
  const b = toShanghaiIso(endsAt);
  return a.slice(0, 10) === b.slice(0, 10) ? `${timeText(startsAt)}~${b.slice(11, 16)}` : `${timeText(startsAt)}~${timeText(endsAt)}`;
}

function fields<R extends string>(keys: FieldMap<R>, values: Record<R, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const role of Object.keys(values) as R[]) {
    const key = keys[role];
    if (key) out[key] = { value: values[role] };
  }
  return out;
}

/**
 * Template keys: explicit option, else the config value "role=key,role=key" (e.g.
 * WX_TEMPLATE_NOTICE_FIELDS="title=thing2,time=date5,summary=,from=") — roles left out keep their
 * default key, a role with an empty key is not sent — else the defaults.
 */
function fieldMap<R extends string>(ctx: ServiceContext, name: string, defaults: Record<R, string>, override?: FieldMap<R>): FieldMap<R> {
  if (override) return { ...defaults, ...override };
  const raw = (ctx.config as unknown as Record<string, unknown>)[name];
  if (typeof raw !== 'string' || !raw.trim()) return defaults;
  const out: FieldMap<R> = { ...defaults };
  for (const part of raw.split(',')) {
    const [role, key = ''] = part.split('=').map((x) => x.trim());
    if (role && role in defaults) out[role as R] = key;
  }
  return out;
}
