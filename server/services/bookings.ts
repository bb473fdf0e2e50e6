/**
 * Book, cancel, promote and check in. Each operation takes the actor and reads the clock once,
 * applies the pure rules in shared/booking, and runs as one store transaction holding the lock plan
 * declared beside it (keys in store/locks.ts, listed in store/README.md).
 */
import {
  checkBeforeStart,
  checkCheckIn,
  checkLegalBooking,
  checkMealBooking,
  checkMealCancel,
  bookingTimeline,
  checkStudioBooking,
  checkUndoCheckIn,
  isRepeatScan,
  promoteWaitlist,
  serviceDateOf,
} from '../../shared/booking/index.js';
import { businessDate } from '../../shared/calendar/index.js';
import { DomainError } from '../../shared/errors.js';
import type { Booking, BookingRequest, BookingView, User } from '../../shared/schemas/index.js';
import { CHECKIN_UNDO_MS, isStaff } from '../../shared/domain.js';
import { newId, newVoucherCode } from '../ids.js';
import { bookingLocks, lock, type LockKey } from '../store/locks.js';
import { atomicPlanned, atomicWith, withLocks, type Locks, type Plan } from '../store/plan.js';
import type { Tx } from '../store/types.js';
import type { ServiceContext } from './context.js';
import { recordAudit } from './audit.js';
import { placeNames } from './export.js';
import { bookingForViewer, maskName } from './privacy.js';

export interface Answer<T> {
  status: number;
  body: T;
}

async function uniqueCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = newVoucherCode();
    if (!(await tx.findBookingByCode(code))) return code;
  }
}

function baseBooking(member: User, code: string, seq: number, now: Date): Omit<Booking, 'service' | 'status'> {
  return { id: newId('bk'), code, memberId: member.id, createdAt: now.toISOString(), checkedInAt: null, cancelledAt: null, promotedAt: null, seq };
}

/** Creates a booking inside `tx`; throws a DomainError when a rule refuses it. */
async function bookInTx(ctx: ServiceContext, tx: Tx, member: User, req: BookingRequest, now: Date): Promise<Booking> {
  if (req.service === 'meal') {
    const code = newVoucherCode();
    const f = await tx.mealFacts({ stationId: req.stationId, date: req.date, memberId: member.id, code });
    const station = f.place;
    if (!station) throw new DomainError('NOT_FOUND', '找不到这个服务站', 'stationId');
    checkMealBooking({
      date: req.date,
      hours: station.hours,
      dailyQuota: station.dailyQuota,
      confirmedCount: f.taken,
      memberHasMealThatDate: f.mine > 0,
      now,
      policy: ctx.policy,
      closedReason: f.closedReason,
    });
    const b: Booking = { ...baseBooking(member, f.codeTaken ? await uniqueCode(tx) : code, f.seq, now), service: 'meal', status: 'confirmed', stationId: station.id, date: req.date };
    await tx.put('bookings', b);
    return b;
  }
  if (req.service === 'studio') {
    const code = newVoucherCode();
    const f = await tx.sessionFacts({ sessionId: req.sessionId, memberId: member.id, code });
    const session = f.place;
    if (!session) throw new DomainError('NOT_FOUND', '找不到这个参观场次', 'sessionId');
    const status = checkStudioBooking({
      startsAt: session.startsAt,
      capacity: session.capacity,
      confirmedSeats: f.taken,
      partySize: req.partySize,
      memberAlreadySignedUp: f.mine > 0,
      now,
    });
    const b: Booking = { ...baseBooking(member, f.codeTaken ? await uniqueCode(tx) : code, f.seq, now), service: 'studio', status, sessionId: session.id, partySize: req.partySize };
    await tx.put('bookings', b);
    return b;
  }
  const slot = await tx.get('slots', req.slotId);
  if (!slot) throw new DomainError('NOT_FOUND', '找不到这个咨询时段', 'slotId');
  const taken = (await tx.findBookings({ slotId: slot.id, status: ['confirmed'] })).length > 0;
  const upcoming = await upcomingLegal(tx, member.id, now);
  checkLegalBooking({ startsAt: slot.startsAt, slotTaken: taken, memberHasUpcomingLegal: upcoming, now });
  const b: Booking = {
    ...baseBooking(member, await uniqueCode(tx), await tx.nextSeq('booking'), now),
    service: 'legal',
    status: 'confirmed',
    slotId: slot.id,
    category: req.category,
    description: req.description,
    phone: req.phone,
  };
  await tx.put('bookings', b);
  return b;
}

async function upcomingLegal(tx: Tx, memberId: string, now: Date): Promise<boolean> {
  for (const b of await tx.findBookings({ memberId, service: 'legal', status: ['confirmed'] })) {
    const slot = await tx.get('slots', b.slotId!);
    if (slot && Date.parse(slot.startsAt) > now.getTime() && !b.checkedInAt) return true;
  }
  return false;
}

/** Plan of a new booking: the capacity it takes (meals: the station shared, its date) and the member's limits. */
function bookingPlan(member: User, req: BookingRequest): LockKey[] {
  return [...bookingLocks(req), lock.member(member.id)];
}

/** Plan of cancelling or checking in: the booking's capacity (a cancel promotes its waitlist under it). */
function existingBookingPlan(find: (tx: Tx) => Promise<Booking | undefined>): Plan {
  return async (tx) => {
    const b = await find(tx);
    return b ? bookingLocks(b) : [];
  };
}

/** An Idempotency-Key and the hash of the request it came with (method, path, body). */
export interface IdempotencyKey {
  key: string;
  requestHash: string;
}

/**
 * Runs `op` at most once per (caller, key) within 24 hours: a retry of a success gets the first
 * answer and changes nothing; the key with a different request is 422 IDEMPOTENCY_MISMATCH. A
 * refusal stores nothing (no record, so no growth per fresh key): its retry is decided afresh.
 */
export async function idempotent<T>(
  ctx: ServiceContext,
  scope: { userId: string; route: string; idem?: IdempotencyKey },
  locks: Locks,
  op: (tx: Tx, now: Date) => Promise<Answer<T>>,
): Promise<Answer<T>> {
  const now = ctx.now();
  const idem = scope.idem;
  if (!idem) return atomicWith(ctx.store, locks, (tx) => op(tx, now));
  const id = `${scope.userId}:${scope.route}:${idem.key}`;
  // status -1 marks a refusal remembered by earlier versions: decided afresh now
  const fresh = (r?: { status: number; createdAt: string }) => r && r.status > 0 && now.getTime() - Date.parse(r.createdAt) < 86_400_000;
  // A refusal thrown by `op` rolls the whole transaction back, the record with it.
  return atomicWith(ctx.store, withLocks(locks, lock.idem(id)), async (tx) => {
    const seen = await tx.get('idempotency', id);
    if (fresh(seen)) {
      if (seen!.requestHash && seen!.requestHash !== idem.requestHash) {
        throw new DomainError('IDEMPOTENCY_MISMATCH', '这个 Idempotency-Key 已用于另一个请求，请换一个新的', 'Idempotency-Key');
      }
      return { status: seen!.status, body: seen!.body as T };
    }
    const answer = await op(tx, now);
    await tx.put('idempotency', { id, status: answer.status, body: answer.body, createdAt: now.toISOString(), requestHash: idem.requestHash });
    return answer;
  });
}

export async function createBooking(ctx: ServiceContext, member: User, req: BookingRequest, idem?: IdempotencyKey) {
  if (!idem) {
    // the common case, kept short: one transaction, no idempotency record
    const now = ctx.now();
    const booking = await ctx.store.atomic(bookingPlan(member, req), (tx) => bookInTx(ctx, tx, member, req, now));
    return { status: 201, body: { booking } };
  }
  return idempotent(ctx, { userId: member.id, route: 'bookings', idem }, bookingPlan(member, req), async (tx, now) => {
    const booking = await bookInTx(ctx, tx, member, req, now);
    return { status: 201, body: { booking } };
  });
}

/**
 * Cancels booking `id` inside `tx` and promotes the waitlist. Returns null when `upcomingOnly`
 * and the booking is already in the past.
 */
export async function cancelInTx(
  ctx: ServiceContext,
  tx: Tx,
  id: string,
  actor: User,
  now: Date,
  opts: { force?: boolean; upcomingOnly?: boolean; reason?: string } = {},
): Promise<Booking | null> {
  const b = await tx.get('bookings', id);
  if (!b) throw new DomainError('NOT_FOUND', '找不到这条预约');
  const byStaff = isStaff(actor) || !!opts.force;
  if (b.memberId !== actor.id && !isStaff(actor)) throw new DomainError('FORBIDDEN', '只能取消自己的预约');
  if (b.status === 'cancelled') return b;
  if (b.checkedInAt) throw new DomainError('CLOSED', '已核销的预约不能取消');
  let startsAt: string | undefined;
  if (b.service === 'meal') {
    const station = await tx.get('stations', b.stationId!);
    if (opts.upcomingOnly && b.date! < businessDate(now)) return null;
    if (station) checkMealCancel(b, station.hours, now, byStaff);
  } else {
    const parent = b.service === 'studio' ? await tx.get('sessions', b.sessionId!) : await tx.get('slots', b.slotId!);
    startsAt = parent?.startsAt;
    if (startsAt && opts.upcomingOnly && Date.parse(startsAt) <= now.getTime()) return null;
    if (startsAt && !byStaff) checkBeforeStart(startsAt, now, b.service === 'studio' ? '参观' : '咨询');
  }
  const cancelled: Booking = { ...b, status: 'cancelled', cancelledAt: now.toISOString() };
  // on a worker's behalf: who and why, shown to the worker in 我的 and written to the audit log
  if (b.memberId !== actor.id && isStaff(actor)) {
    cancelled.cancelledBy = actor.id;
    cancelled.cancelReason = opts.reason ?? null;
    await recordAudit(tx, now, actor, 'booking.cancel', `booking:${b.id}`, { code: b.code, service: b.service, reason: opts.reason ?? null });
  }
  await tx.put('bookings', cancelled);
  if (b.service === 'studio' && b.status === 'confirmed') await promoteSession(tx, b.sessionId!, now);
  return cancelled;
}

/** Confirms every waiting party that now fits, in sign-up order (no promotion once started). */
export async function promoteSession(tx: Tx, sessionId: string, now: Date): Promise<Booking[]> {
  const session = await tx.get('sessions', sessionId);
  if (!session || Date.parse(session.startsAt) <= now.getTime()) return [];
  const waiting = await tx.findBookings({ sessionId, status: ['waitlisted'] });
  const ids = promoteWaitlist(waiting, session.capacity - (await tx.confirmedSeats(sessionId)));
  const promoted: Booking[] = [];
  for (const b of waiting) {
    if (!ids.includes(b.id)) continue;
    const p: Booking = { ...b, status: 'confirmed', promotedAt: now.toISOString() };
    await tx.put('bookings', p);
    promoted.push(p);
  }
  return promoted;
}

export async function cancelBooking(ctx: ServiceContext, actor: User, id: string, reason?: string) {
  const now = ctx.now();
  return atomicPlanned(ctx.store, existingBookingPlan(async (tx) => tx.get('bookings', id)), async (tx) => ({
    booking: bookingForViewer(actor, (await cancelInTx(ctx, tx, id, actor, now, { reason }))!),
  }));
}

export async function checkIn(
  ctx: ServiceContext,
  staff: User,
  input: { code: string; nonce?: string; stationId?: string; repeatOk?: boolean },
  idem?: IdempotencyKey,
) {
  const code = input.code.replace(/[\s-]/g, '');
  // The same locks as cancelling this booking, so a check-in and a cancel never both win.
  const plan = existingBookingPlan(async (tx) => tx.findBookingByCode(code));
  const answer = await idempotent(ctx, { userId: staff.id, route: 'checkins', idem }, plan, async (tx, now) => {
    const b = await tx.findBookingByCode(code);
    if (!b) throw new DomainError('UNKNOWN_CODE', '核销码无效，请核对后重新输入', 'code');
    if (input.nonce && b.checkInNonce === input.nonce) return { status: 200, body: await checkInAnswer(tx, staff, b, now) };
    // the same staff scanning the same code again within a minute: the earlier success, once more
    if (input.repeatOk && isRepeatScan(b, staff.id, now)) return { status: 200, body: { ...(await checkInAnswer(tx, staff, b, now)), repeat: true } };
    const startsAt = b.service === 'studio' ? (await tx.get('sessions', b.sessionId!))?.startsAt : b.service === 'legal' ? (await tx.get('slots', b.slotId!))?.startsAt : undefined;
    checkCheckIn({ booking: b, serviceDate: serviceDateOf(b, startsAt ?? now.toISOString()), now, stationId: input.stationId });
    const done: Booking = { ...b, checkedInAt: now.toISOString(), checkInNonce: input.nonce ?? null, checkedInBy: staff.id };
    await tx.put('bookings', done);
    await recordAudit(tx, now, staff, 'checkin', `booking:${b.id}`, { code: b.code, service: b.service });
    return { status: 200, body: await checkInAnswer(tx, staff, done, now) };
  });
  return answer;
}

/** What the counter shows after a check-in: the booking, and the worker's name masked for large type. */
async function checkInAnswer(tx: Tx, staff: User, b: Booking, now: Date): Promise<{ booking: BookingView; memberName: string | null }> {
  const member = await tx.get('users', b.memberId);
  return { booking: bookingForViewer(staff, await describeBooking(tx, b, now)), memberName: maskName(member?.name) };
}

/** Undoes a check-in made by mistake: by whoever made it (or an admin), within CHECKIN_UNDO_MS. */
export async function undoCheckIn(ctx: ServiceContext, staff: User, id: string) {
  const now = ctx.now();
  return atomicPlanned(ctx.store, existingBookingPlan(async (tx) => tx.get('bookings', id)), async (tx) => {
    const b = await tx.get('bookings', id);
    if (!b) throw new DomainError('NOT_FOUND', '找不到这条预约');
    checkUndoCheckIn(b, staff, now);
    const undone: Booking = { ...b, checkedInAt: null, checkedInBy: null, checkInNonce: null };
    await tx.put('bookings', undone);
    await recordAudit(tx, now, staff, 'checkin.undo', `booking:${b.id}`, { code: b.code, service: b.service });
    return { booking: bookingForViewer(staff, await describeBooking(tx, undone, now)) };
  });
}

/** One line of the counter's list of today's check-ins. */
export interface CheckInLine {
  id: string;
  code: string;
  service: Booking['service'];
  placeName: string | null;
  memberName: string | null;
  partySize: number | null;
  checkedInAt: string;
  /** Until when this check-in can still be undone. */
  undoUntil: string;
}

/** The check-ins this staff member made on a service date (today by default): one store search. */
export async function myCheckIns(ctx: ServiceContext, staff: User, date?: string): Promise<{ date: string; checkins: CheckInLine[] }> {
  const day = date ?? businessDate(ctx.now());
  return ctx.store.read(async (tx) => {
    const rows = await tx.searchBookings({ from: day, to: day, checkedInBy: staff.id, limit: 500 });
    const place = await placeNames(tx);
    const checkins = rows
      .filter((r) => r.booking.checkedInAt)
      .map(({ booking: b, memberName }) => ({
        id: b.id,
        code: b.code,
        service: b.service,
        placeName: place(b),
        memberName: maskName(memberName),
        partySize: b.partySize ?? null,
        checkedInAt: b.checkedInAt!,
        undoUntil: new Date(Date.parse(b.checkedInAt!) + CHECKIN_UNDO_MS).toISOString(),
      }))
      .sort((x, y) => y.checkedInAt.localeCompare(x.checkedInAt));
    return { date: day, checkins };
  });
}

export async function describeBooking(tx: Tx, b: Booking, now: Date): Promise<BookingView> {
  const v = await describePlace(tx, b);
  const t = bookingTimeline(b, v, now);
  // a meal's end is its station's closing time that day; sessions and slots keep their own
  return { ...v, phase: t.phase, cancellableUntil: t.cancellableUntil, endsAt: b.service === 'meal' ? t.endsAt : v.endsAt };
}

async function describePlace(tx: Tx, b: Booking): Promise<Omit<BookingView, 'phase' | 'cancellableUntil'>> {
  const view = { ...b, placeName: null, address: null, startsAt: null, endsAt: null, mode: null, waitlistPosition: null, hours: null };
  if (b.service === 'meal') {
    const st = await tx.get('stations', b.stationId!);
    return { ...view, placeName: st?.name ?? null, address: st?.address ?? null, hours: st?.hours ?? null };
  }
  if (b.service === 'studio') {
    const se = await tx.get('sessions', b.sessionId!);
    const studio = se ? await tx.get('studios', se.studioId) : undefined;
    let waitlistPosition: number | null = null;
    if (b.status === 'waitlisted') {
      const line = await tx.findBookings({ sessionId: b.sessionId, status: ['waitlisted'] });
      waitlistPosition = line.findIndex((w) => w.id === b.id) + 1;
    }
    return { ...view, placeName: studio?.name ?? null, address: studio?.address ?? null, startsAt: se?.startsAt ?? null, endsAt: se?.endsAt ?? null, waitlistPosition };
  }
  const slot = await tx.get('slots', b.slotId!);
  return { ...view, placeName: slot?.lawyer ?? null, address: slot?.location ?? null, startsAt: slot?.startsAt ?? null, endsAt: slot?.endsAt ?? null, mode: slot?.mode ?? null };
}

/** What a member sees of their own bookings: newest first, with places and times. */
export async function myBookings(ctx: ServiceContext, memberId: string): Promise<BookingView[]> {
  const now = ctx.now();
  return ctx.store.read(async (tx) => {
    const list = (await tx.findBookings({ memberId })).reverse();
    return Promise.all(list.map((b) => describeBooking(tx, b, now)));
  });
}
