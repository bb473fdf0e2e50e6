/** Stations, studios, sessions and lawyer slots: staff CRUD and the public views with places left. */
import { addDays, businessDate, parseShanghaiInstant } from '../../shared/calendar/index.js';
import { checkNewStart } from '../../shared/booking/index.js';
import { DomainError } from '../../shared/errors.js';
import type { LegalSlotView, MealStationView, StudioSessionView } from '../../shared/schemas/index.js';
import { newId } from '../ids.js';
import { lock, shared, type LockKey } from '../store/locks.js';
import type { Collections, Tx } from '../store/types.js';
import { promoteSession } from './bookings.js';
import type { ServiceContext } from './context.js';

export type CatalogueKind = 'stations' | 'studios' | 'sessions' | 'slots';
const PREFIX: Record<CatalogueKind, string> = { stations: 'st', studios: 'sd', sessions: 'ss', slots: 'ls' };
const LABEL: Record<CatalogueKind, string> = { stations: '服务站', studios: '工作室', sessions: '参观场次', slots: '咨询时段' };
/** Why a worker's booking went when staff deleted what it was for (我的 and the voucher say so). */
const DELETED_REASON: Record<CatalogueKind, string> = {
  stations: '服务站已停止服务',
  studios: '工作室已停止接待',
  sessions: '这一场参观已取消',
  slots: '这个咨询时段已取消',
};

export async function stationsFor(ctx: ServiceContext, date: string | undefined): Promise<{ date: string; stations: MealStationView[] }> {
  const day = date ?? businessDate(ctx.now());
  return ctx.store.read(async (tx) => {
    const stations = (await tx.list('stations')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const closed = new Map((await tx.list('closures', { date: day })).map((c) => [c.stationId, c.reason]));
    const out: MealStationView[] = [];
    for (const s of stations) {
      const closedReason = closed.get(s.id) ?? null;
      out.push({ ...s, remaining: closedReason ? 0 : Math.max(0, s.dailyQuota - (await tx.countConfirmedMeals(s.id, day))), closedReason });
    }
    return { date: day, stations: out };
  });
}

export async function sessionView(tx: Tx, s: Collections['sessions']): Promise<StudioSessionView> {
  const waiting = await tx.findBookings({ sessionId: s.id, status: ['waitlisted'] });
  return { ...s, remaining: Math.max(0, s.capacity - (await tx.confirmedSeats(s.id))), waitlisted: waiting.length };
}

export async function sessionsOf(ctx: ServiceContext, studioId: string, includePast = false) {
  return ctx.store.read(async (tx) => {
    if (!(await tx.get('studios', studioId))) throw new DomainError('NOT_FOUND', '找不到这个工作室');
    const now = ctx.now().getTime();
    const list = (await tx.list('sessions', { studioId }))
      .filter((s) => includePast || Date.parse(s.endsAt) > now)
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
    return Promise.all(list.map((s) => sessionView(tx, s)));
  });
}

export async function slotsBetween(ctx: ServiceContext, from?: string, to?: string): Promise<LegalSlotView[]> {
  const now = ctx.now().getTime();
  const lo = from ? parseShanghaiInstant(from.length === 10 ? `${from}T00:00:00` : from) : now;
  const hi = to ? parseShanghaiInstant(to.length === 10 ? `${to}T23:59:59` : to) : now + 30 * 86_400_000;
  return ctx.store.read(async (tx) => {
    const slots = (await tx.list('slots'))
      .filter((s) => Date.parse(s.startsAt) >= lo && Date.parse(s.startsAt) <= hi)
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
    const out: LegalSlotView[] = [];
    for (const s of slots) {
      const taken = (await tx.findBookings({ slotId: s.id, status: ['confirmed'] })).length > 0;
      out.push({ ...s, available: !taken && Date.parse(s.startsAt) > now });
    }
    return out;
  });
}

/** Plan of creating: a new document needs no lock, but a session joins its studio (shared, so the studio's deletion waits). */
function createPlan(kind: CatalogueKind, input: Record<string, unknown>): LockKey[] {
  return kind === 'sessions' ? [shared(lock.studio(input.studioId as string))] : [];
}

export async function createEntity<K extends CatalogueKind>(ctx: ServiceContext, kind: K, input: Record<string, unknown>) {
  return ctx.store.atomic(createPlan(kind, input), async (tx) => {
    if (kind === 'sessions' && !(await tx.get('studios', input.studioId as string))) {
      throw new DomainError('NOT_FOUND', '找不到这个工作室', 'studioId');
    }
    if (kind === 'sessions' || kind === 'slots') checkNewStart(input.startsAt as string, ctx.now());
    const doc = { ...input, id: newId(PREFIX[kind]), createdAt: ctx.now().toISOString() } as unknown as Collections[K];
    await tx.put(kind, doc);
    return doc;
  });
}

/**
 * Plan of editing or deleting: the entity exclusive, which a booking of it also takes (a meal
 * booking holds its station shared), so edits and deletions never race a booking.
 */
function entityPlan(kind: CatalogueKind, id: string, patch: Record<string, unknown> = {}): LockKey[] {
  if (kind === 'stations') return [lock.station(id)];
  if (kind === 'studios') return [lock.studio(id)];
  if (kind === 'slots') return [lock.slot(id)];
  return [lock.session(id), ...(typeof patch.studioId === 'string' ? [shared(lock.studio(patch.studioId))] : [])];
}

/** A limit may not drop below what is already confirmed: those people keep their places. */
async function checkNewLimit(ctx: ServiceContext, tx: Tx, kind: CatalogueKind, id: string, patch: Record<string, unknown>) {
  if (kind === 'sessions' && typeof patch.capacity === 'number') {
    const seats = await tx.confirmedSeats(id);
    if (patch.capacity < seats) throw new DomainError('BAD_REQUEST', `已有 ${seats} 人确认参观，人数上限不能低于 ${seats}`, 'capacity');
  }
  if (kind === 'stations' && typeof patch.dailyQuota === 'number') {
    const today = businessDate(ctx.now());
    for (let d = 0; d <= ctx.policy.mealDaysAhead; d++) {
      const date = addDays(today, d);
      const n = await tx.countConfirmedMeals(id, date);
      if (patch.dailyQuota < n) throw new DomainError('BAD_REQUEST', `${date} 已有 ${n} 人预约，每日名额不能低于 ${n}`, 'dailyQuota');
    }
  }
}

export async function updateEntity<K extends CatalogueKind>(ctx: ServiceContext, kind: K, id: string, patch: Record<string, unknown>) {
  return ctx.store.atomic(entityPlan(kind, id, patch), async (tx) => {
    const cur = await tx.get(kind, id);
    if (!cur) throw new DomainError('NOT_FOUND', `找不到这个${LABEL[kind]}`);
    await checkNewLimit(ctx, tx, kind, id, patch);
    const next = { ...cur, ...patch, id, createdAt: cur.createdAt } as Collections[K];
    const { startsAt, endsAt } = next as { startsAt?: string; endsAt?: string };
    if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) throw new DomainError('BAD_REQUEST', '结束时间应晚于开始时间', 'endsAt');
    if ((kind === 'sessions' || kind === 'slots') && typeof patch.startsAt === 'string') {
      checkNewStart(patch.startsAt, ctx.now(), (cur as { startsAt: string }).startsAt);
    }
    if (kind === 'sessions' && patch.studioId && !(await tx.get('studios', patch.studioId as string))) {
      throw new DomainError('NOT_FOUND', '找不到这个工作室', 'studioId');
    }
    await tx.put(kind, next);
    if (kind === 'sessions') await promoteSession(tx, id, ctx.now()); // more seats may let waiting parties in
    return next;
  });
}

/** Deleting cancels what is booked on it (members see 已取消), so no booking points at nothing. */
export async function deleteEntity(ctx: ServiceContext, kind: CatalogueKind, id: string) {
  return ctx.store.atomic(entityPlan(kind, id), async (tx) => {
    const cur = await tx.get(kind, id);
    if (!cur) throw new DomainError('NOT_FOUND', `找不到这个${LABEL[kind]}`);
    const now = ctx.now();
    if (kind === 'studios' && (await tx.list('sessions', { studioId: id })).length > 0) {
      throw new DomainError('CLOSED', '请先删除这个工作室的参观场次');
    }
    const filter = kind === 'stations' ? { stationId: id } : kind === 'sessions' ? { sessionId: id } : kind === 'slots' ? { slotId: id } : null;
    if (filter) {
      for (const b of await tx.findBookings({ ...filter, status: ['confirmed', 'waitlisted'] })) {
        if (b.checkedInAt) continue;
        await tx.put('bookings', { ...b, status: 'cancelled', cancelledAt: now.toISOString(), cancelReason: DELETED_REASON[kind] });
      }
    }
    await tx.remove(kind, id);
    return cur;
  });
}
