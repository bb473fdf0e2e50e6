/**
 * A station closed for one date: no meal can be booked there that date, its bookings are cancelled
 * with the reason (the worker sees it in 我的), and the station shows 「今日暂停供餐：…」.
 */
import { businessDate } from '../../shared/calendar/index.js';
import { DomainError } from '../../shared/errors.js';
import type { Booking, StationClosure, User } from '../../shared/schemas/index.js';
import { lock, shared } from '../store/locks.js';
import { closureId } from '../store/types.js';
import { recordAudit } from './audit.js';
import type { ServiceContext } from './context.js';

/** The text a cancelled worker reads. */
export const closureReasonText = (reason: string) => `服务站暂停供餐：${reason}`;

/**
 * Plan: the station's date exclusive (what every meal booking of that date takes, so none slips in
 * between the closure and the cancellations), the station shared.
 */
const closurePlan = (stationId: string, date: string) => [shared(lock.station(stationId)), lock.mealDate(stationId, date)];

export async function closeStation(
  ctx: ServiceContext,
  staff: User,
  stationId: string,
  input: { date: string; reason: string },
): Promise<{ closure: StationClosure; cancelled: Booking[] }> {
  const now = ctx.now();
  if (input.date < businessDate(now)) throw new DomainError('CLOSED', '不能为已经过去的日期停餐', 'date');
  return ctx.store.atomic(closurePlan(stationId, input.date), async (tx) => {
    const station = await tx.get('stations', stationId);
    if (!station) throw new DomainError('NOT_FOUND', '找不到这个服务站');
    const id = closureId(stationId, input.date);
    if (await tx.get('closures', id)) throw new DomainError('DUPLICATE', '这个服务站这一天已经停餐了', 'date');
    const closure: StationClosure = { id, stationId, date: input.date, reason: input.reason, createdAt: now.toISOString(), createdBy: staff.id };
    await tx.put('closures', closure);
    const cancelled: Booking[] = [];
    for (const b of await tx.findBookings({ service: 'meal', stationId, date: input.date, status: ['confirmed'] })) {
      if (b.checkedInAt) continue; // already served
      const next: Booking = { ...b, status: 'cancelled', cancelledAt: now.toISOString(), cancelledBy: staff.id, cancelReason: closureReasonText(input.reason) };
      await tx.put('bookings', next);
      cancelled.push(next);
    }
    await recordAudit(tx, now, staff, 'station.close', `station:${stationId}:${input.date}`, { cancelled: cancelled.length });
    return { closure, cancelled };
  });
}
