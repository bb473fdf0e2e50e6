/**
 * A station closed for a day tells each worker whose booking it cancelled, with one subscribe message
 * on the reminder template: the opt-in they gave after booking was for messages about that booking,
 * and its reminder will now never go. Sent after the closure's commit, never awaited by the request
 * (WeChat being slow or down never holds up or fails a closure); the worker also reads the reason in 我的.
 */
import type { Booking, StationClosure } from '../../shared/schemas/index.js';
import type { ServiceContext } from '../services/context.js';
import { lock } from '../store/locks.js';
import type { Subscription } from '../store/types.js';
import { describe, enabled, giveBack, oldestFirst, pool, reachable, releaseSubscription, silent, type Log } from './optins.js';
import { dateText, fieldMap, fields, REMINDER_FIELDS, thing, type FieldMap, type ReminderRole } from './templates.js';

/** Plan of claiming: every opt-in (so a reminder run or a notice never picks the same one). */
const claimPlan = () => [lock.subscriptions()];

export async function sendClosureMessages(
  ctx: ServiceContext,
  closure: StationClosure,
  cancelled: Booking[],
  log: Log = silent,
  opts: { reminderFields?: FieldMap<ReminderRole> } = {},
): Promise<{ sent: number; failed: number; noOptIn: number }> {
  const on = enabled(ctx);
  const result = { sent: 0, failed: 0, noOptIn: 0 };
  if (!on?.reminderTemplate || cancelled.length === 0) return result;
  const template = on.reminderTemplate;
  const now = ctx.now().toISOString();
  const claims = await ctx.store.atomic(claimPlan(), async (tx) => {
    const out: { booking: Booking; sub: Subscription; openid: string }[] = [];
    for (const b of cancelled) {
      const openid = reachable(await tx.get('users', b.memberId));
      const sub = openid
        ? oldestFirst(await tx.list('subscriptions', { userId: b.memberId, kind: 'reminder', usedAt: null })).find((s) => s.templateId === template)
        : undefined;
      if (!openid || !sub) continue; // dev login, erased, or no opt-in left: 我的 still says why
      await tx.put('subscriptions', { ...sub, usedAt: now });
      out.push({ booking: b, sub, openid });
    }
    return out;
  });
  result.noOptIn = cancelled.length - claims.length;
  if (claims.length === 0) return result;
  const station = await ctx.store.read((tx) => tx.get('stations', closure.stationId));
  const keys = fieldMap(ctx, 'WX_TEMPLATE_REMINDER_FIELDS', REMINDER_FIELDS, opts.reminderFields);
  await pool(claims, async ({ booking, sub, openid }) => {
    try {
      const data = closureData(closure, booking, station, keys);
      await on.wechat.sendSubscribeMessage({ touser: openid, templateId: template, page: 'pages/mine/index', data });
      result.sent++;
    } catch (err) {
      result.failed++;
      log.warn({ err: describe(err), booking: booking.id }, 'wechat closure message not sent');
      if (giveBack(err)) await releaseSubscription(ctx, sub.id, now).catch((e) => log.error({ err: e }, 'could not give back opt-in'));
    }
  });
  log.info({ closure: closure.id, ...result }, 'wechat closure messages');
  return result;
}

/** The reminder template's fields, saying the booking is cancelled and why. */
export function closureData(
  closure: StationClosure,
  b: Booking,
  station: { name: string; address: string; hours: string } | undefined,
  keys: FieldMap<ReminderRole> = REMINDER_FIELDS,
) {
  return fields(keys, {
    service: thing('10元爱心餐 预约已取消'),
    time: `${dateText(closure.date)} ${station?.hours.replace('-', '~') ?? ''}`.trim(),
    place: thing(station ? `${station.name} ${station.address}` : '爱心餐服务站'),
    code: b.code.slice(0, 32),
    tip: thing(`暂停供餐：${closure.reason}`),
  });
}
