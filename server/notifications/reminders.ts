/**
 * The day before a booking (Asia/Shanghai) its member gets one reminder, if they hold an unused
 * reminder opt-in. The claim records `kv` `reminder:<bookingId>`, so a booking is reminded once.
 */
import { addDays, businessDate, toShanghaiIso } from '../../shared/calendar/index.js';
import { LEGAL_MODE_LABELS, SERVICE_LABELS } from '../../shared/domain.js';
import type { Booking } from '../../shared/schemas/index.js';
import type { ServiceContext } from '../services/context.js';
import { bookingLocks, lock, shared } from '../store/locks.js';
import type { Tx } from '../store/types.js';
import { describe, enabled, giveBack, oldestFirst, pool, reachable, silent, type Log } from './optins.js';
import { dateText, fieldMap, fields, rangeText, REMINDER_FIELDS, thing, type FieldMap, type ReminderRole } from './templates.js';

export interface ReminderOptions {
  /** Shanghai wall-clock window in which reminders go out, default 08:00–21:00 (nobody is woken at night). */
  reminderHours?: { from: string; to: string };
  reminderFields?: FieldMap<ReminderRole>;
}

export interface ReminderResult {
  /** Bookings due tomorrow that were looked at. */
  due: number;
  sent: number;
  failed: number;
  /** Due bookings whose member has no unused reminder opt-in (or no WeChat identity). */
  noOptIn: number;
}

/**
 * Plan of claiming a reminder for booking `b`: its capacity shared (a cancel holds it exclusive, so a
 * cancelled booking is never claimed), every opt-in, and the record of this reminder.
 */
const claimPlan = (b: Booking) => [...bookingLocks(b).map(shared), lock.subscriptions(), lock.kv(`reminder:${b.id}`)];

/** Confirmed bookings whose meal date / session start / slot start is `day`, not yet reminded. */
async function dueOn(tx: Tx, day: string): Promise<Booking[]> {
  const todo: Booking[] = [];
  for (const { booking: b } of await tx.searchBookings({ from: day, to: day, status: ['confirmed'] })) {
    if (!b.checkedInAt && !(await tx.get('kv', `reminder:${b.id}`))) todo.push(b);
  }
  return todo;
}

/** One pass over tomorrow's bookings. Outside the reminder hours it does nothing. */
export async function runRemindersOnce(ctx: ServiceContext, log: Log = silent, opts: ReminderOptions = {}): Promise<ReminderResult> {
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

  const due = await ctx.store.read((tx) => dueOn(tx, tomorrow));
  result.due = due.length;

  await pool(due, async (b) => {
    const now = ctx.now().toISOString();
    const claim = await ctx.store.atomic(claimPlan(b), async (tx) => {
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
          .atomic(claimPlan(b), async (tx) => {
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

export async function reminderData(tx: Tx, b: Booking, keys: FieldMap<ReminderRole> = REMINDER_FIELDS) {
  let service = SERVICE_LABELS[b.service];
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
