/**
 * Booking rules as pure functions. Each takes the facts it needs (never a store, never the clock)
 * and either returns a decision or throws a coded DomainError.
 *
 * Choices PRODUCT.md leaves open, made as a union would want them:
 * - Meals: bookable from today up to `mealDaysAhead` days ahead (default 3). A date before today,
 *   or today after closing, is CLOSED; a date beyond the window is BAD_REQUEST on `date`.
 * - Meal cancellation is allowed until the station opens on that date; staff may cancel any time
 *   before check-in (they handle exceptions at the counter).
 * - "One meal per member per date" counts confirmed meals at any station.
 * - Studio: a party that fits the seats left is confirmed even while others wait (a small party
 *   should not be held back by a big one); promotion walks the waitlist in sign-up order and
 *   confirms every party that fits, skipping those that do not.
 * - Legal: "upcoming" means a confirmed booking whose slot has not started yet.
 * - Check-in: a meal on its date at its station; a studio visit or legal consultation on the
 *   business date of its start. Waitlisted or cancelled bookings cannot be checked in.
 */
import { DomainError } from '../errors.js';
import { addDays, atLocalTime, businessDate, daysBetween, parseHours, shanghaiClock } from '../calendar/days.js';
import { CHECKIN_REPEAT_MS, CHECKIN_UNDO_MS, DESCRIPTION_DELETED, MEAL_DAYS_AHEAD_DEFAULT, PAST_START_MESSAGE } from '../domain.js';
import type { Booking } from '../schemas/booking.js';

export interface BookingPolicy {
  /** How many days after today a meal can be booked (0 = today only). */
  mealDaysAhead: number;
}
export const DEFAULT_POLICY: BookingPolicy = { mealDaysAhead: MEAL_DAYS_AHEAD_DEFAULT };

export function stationWindow(date: string, hours: string): { opens: Date; closes: Date } {
  const h = parseHours(hours);
  if (!h) throw new DomainError('BAD_REQUEST', '服务站营业时间设置有误', 'hours');
  return { opens: atLocalTime(date, h.opens), closes: atLocalTime(date, h.closes) };
}

export interface MealBookingFacts {
  date: string;
  hours: string;
  dailyQuota: number;
  confirmedCount: number;
  memberHasMealThatDate: boolean;
  now: Date;
  policy?: BookingPolicy;
  /** The reason staff gave for closing the station that date, when they did. */
  closedReason?: string | null;
}

/** Throws unless a meal can be booked; returns the status it gets (meals never waitlist). */
export function checkMealBooking(f: MealBookingFacts): 'confirmed' {
  const policy = f.policy ?? DEFAULT_POLICY;
  const today = businessDate(f.now);
  const ahead = daysBetween(today, f.date);
  if (ahead < 0) throw new DomainError('CLOSED', '不能预约已经过去的日期', 'date');
  if (ahead > policy.mealDaysAhead) {
    const last = addDays(today, policy.mealDaysAhead);
    throw new DomainError('BAD_REQUEST', `爱心餐只能预约今天到 ${last} 之间的日期`, 'date');
  }
  if (ahead === 0 && f.now >= stationWindow(f.date, f.hours).closes) {
    throw new DomainError('CLOSED', '今天这个服务站已经打烊，请预约明天或换个服务站');
  }
  if (f.closedReason) throw new DomainError('CLOSED', `这个服务站当天暂停供餐：${f.closedReason}`, 'date');
  if (f.memberHasMealThatDate) throw new DomainError('DUPLICATE', '这一天您已经预约过爱心餐了');
  if (f.confirmedCount >= f.dailyQuota) throw new DomainError('QUOTA_FULL', '这一天的爱心餐名额已满，请换个日期或服务站');
  return 'confirmed';
}

export function checkMealCancel(booking: Pick<Booking, 'date'>, hours: string, now: Date, byStaff: boolean): void {
  if (byStaff) return;
  if (now >= stationWindow(booking.date!, hours).opens) {
    throw new DomainError('CLOSED', '服务站已开门，不能再取消；如有特殊情况请联系工作人员');
  }
}

/** Where a booking stands for its member: still to come, over (used or its time has passed), or cancelled. */
export type BookingPhase = 'upcoming' | 'past' | 'cancelled';

export interface BookingTimeline {
  phase: BookingPhase;
  /** Until when the member may cancel (meal: the station opens; visit, consultation: it starts); null = no more. */
  cancellableUntil: string | null;
  /** When it is over: a meal at the station's closing time that day, else the session or slot end. */
  endsAt: string | null;
}

/**
 * The one place that says when a booking can be cancelled and when it is over, so no client works
 * it out again (the server sends it with every booking of a member). `hours` for meals, the
 * session's or slot's times otherwise; the same instants checkMealCancel / checkBeforeStart use.
 */
export function bookingTimeline(
  b: Pick<Booking, 'service' | 'status' | 'date' | 'checkedInAt'>,
  place: { hours?: string | null; startsAt?: string | null; endsAt?: string | null },
  now: Date,
): BookingTimeline {
  let start: Date | null = null;
  let end: Date | null = null;
  if (b.service === 'meal') {
    const h = b.date && place.hours ? parseHours(place.hours) : null;
    if (h && b.date) ({ opens: start, closes: end } = stationWindow(b.date, place.hours!));
    // unreadable hours: over when its day is, never cancellable by the member (staff can)
    else if (b.date) end = atLocalTime(addDays(b.date, 1), '00:00');
  } else {
    start = place.startsAt ? new Date(place.startsAt) : null;
    end = place.endsAt ? new Date(place.endsAt) : null;
  }
  const over = b.checkedInAt !== null || (end !== null && now >= end);
  const phase: BookingPhase = b.status === 'cancelled' ? 'cancelled' : over ? 'past' : 'upcoming';
  const cancellable = phase === 'upcoming' && start !== null && now < start;
  return { phase, cancellableUntil: cancellable ? start!.toISOString() : null, endsAt: end ? end.toISOString() : null };
}

export interface StudioBookingFacts {
  startsAt: string;
  capacity: number;
  confirmedSeats: number;
  partySize: number;
  memberAlreadySignedUp: boolean;
  now: Date;
}

/** Confirmed when the party fits the seats left, else waitlisted. */
export function checkStudioBooking(f: StudioBookingFacts): 'confirmed' | 'waitlisted' {
  if (f.now >= new Date(f.startsAt)) throw new DomainError('CLOSED', '参观已经开始，不能再报名');
  if (f.memberAlreadySignedUp) throw new DomainError('DUPLICATE', '您已经报名了这一场参观');
  if (f.partySize > f.capacity) {
    throw new DomainError('BAD_REQUEST', `这一场最多 ${f.capacity} 人，请减少人数`, 'partySize');
  }
  return f.partySize <= f.capacity - f.confirmedSeats ? 'confirmed' : 'waitlisted';
}

/**
 * Staff create a session or lawyer slot, or move one, only to a start later than now: nobody could
 * book it (BAD_REQUEST on `startsAt`, a validation error of the form). An edit that keeps the start
 * it has (a past session's capacity, a lawyer's name) is not a move.
 */
export function checkNewStart(startsAt: string, now: Date, current?: string): void {
  if (current !== undefined && Date.parse(current) === Date.parse(startsAt)) return;
  if (Date.parse(startsAt) <= now.getTime()) throw new DomainError('BAD_REQUEST', PAST_START_MESSAGE, 'startsAt');
}

export function checkBeforeStart(startsAt: string, now: Date, what: string): void {
  if (now >= new Date(startsAt)) throw new DomainError('CLOSED', `${what}已经开始，不能再取消`);
}

/**
 * Waitlist promotion: walk waiting sign-ups in sign-up order (seq) and confirm every party that
 * fits in the seats left. Returns the ids to confirm.
 */
export function promoteWaitlist(
  waiting: ReadonlyArray<Pick<Booking, 'id' | 'seq' | 'partySize'>>,
  seatsLeft: number,
): string[] {
  const promoted: string[] = [];
  let left = seatsLeft;
  for (const b of [...waiting].sort((a, c) => a.seq - c.seq)) {
    const size = b.partySize ?? 1;
    if (size <= left) {
      promoted.push(b.id);
      left -= size;
    }
    if (left <= 0) break;
  }
  return promoted;
}

export interface LegalBookingFacts {
  startsAt: string;
  slotTaken: boolean;
  memberHasUpcomingLegal: boolean;
  now: Date;
}

export function checkLegalBooking(f: LegalBookingFacts): 'confirmed' {
  if (f.now >= new Date(f.startsAt)) throw new DomainError('CLOSED', '这个咨询时段已经开始，请选择其他时段');
  if (f.memberHasUpcomingLegal) {
    throw new DomainError('DUPLICATE', '您已有一个待进行的法律咨询预约，请先完成或取消它');
  }
  if (f.slotTaken) throw new DomainError('QUOTA_FULL', '这个时段已被预约，请选择其他时段');
  return 'confirmed';
}

export interface CheckInFacts {
  booking: Pick<Booking, 'status' | 'checkedInAt' | 'service' | 'stationId'>;
  /** The business date the booking is for (meal date, session or slot start date). */
  serviceDate: string;
  now: Date;
  stationId?: string;
}

export function checkCheckIn(f: CheckInFacts): void {
  const { booking } = f;
  if (booking.status === 'cancelled') throw new DomainError('CANCELLED', '该预约已取消，不能核销');
  if (booking.checkedInAt) throw new DomainError('ALREADY_CHECKED_IN', `该预约已于 ${shanghaiClock(booking.checkedInAt)} 核销`);
  if (booking.status === 'waitlisted') throw new DomainError('WAITLISTED', '该预约还在候补中，不能核销');
  const today = businessDate(f.now);
  if (f.serviceDate !== today) {
    throw new DomainError('WRONG_DATE', `该预约的使用日期是 ${f.serviceDate}，今天是 ${today}`);
  }
  if (f.stationId && booking.service === 'meal' && booking.stationId !== f.stationId) {
    throw new DomainError('WRONG_STATION', '该预约不是本服务站的，请到预约的服务站用餐');
  }
}

/**
 * A scan of a code this same staff member checked in moments ago (a double tap on 核销, the camera
 * reading the code twice): answered with that earlier success, not ALREADY_CHECKED_IN.
 */
export function isRepeatScan(booking: Pick<Booking, 'checkedInAt' | 'checkedInBy'>, staffId: string, now: Date): boolean {
  if (!booking.checkedInAt || booking.checkedInBy !== staffId) return false;
  const age = now.getTime() - Date.parse(booking.checkedInAt);
  return age >= 0 && age < CHECKIN_REPEAT_MS;
}

/** Throws unless `actor` may undo this check-in now: its own (or an admin), within CHECKIN_UNDO_MS. */
export function checkUndoCheckIn(booking: Pick<Booking, 'checkedInAt' | 'checkedInBy'>, actor: { id: string; role: string }, now: Date): void {
  if (!booking.checkedInAt) throw new DomainError('CLOSED', '该预约还没有核销，无需撤销');
  if (booking.checkedInBy !== actor.id && actor.role !== 'admin') throw new DomainError('FORBIDDEN', '只能撤销自己做的核销');
  if (now.getTime() - Date.parse(booking.checkedInAt) > CHECKIN_UNDO_MS) {
    throw new DomainError('CLOSED', `核销已超过 ${CHECKIN_UNDO_MS / 60_000} 分钟，不能撤销`);
  }
}

/** People who had a confirmed place and never checked in, once the service date is over. */
export function noShows(c: { confirmed: number; checkedIn: number }, serviceDate: string, today: string): number {
  return serviceDate < today ? c.confirmed - c.checkedIn : 0;
}

/** The business date a booking is used on. */
export function serviceDateOf(booking: Pick<Booking, 'service' | 'date'>, startsAt?: string): string {
  if (booking.service === 'meal') return booking.date!;
  return businessDate(startsAt!);
}

/**
 * Whether a legal question is past its keeping: `days` full days after the appointment starts (or,
 * when its slot was deleted, after the booking was made — never kept longer for losing its slot).
 * A question already deleted, or none, needs nothing.
 */
export function descriptionExpired(
  booking: Pick<Booking, 'service' | 'description' | 'createdAt'>,
  startsAt: string | undefined,
  now: Date,
  days: number,
): boolean {
  if (booking.service !== 'legal' || !booking.description || booking.description === DESCRIPTION_DELETED) return false;
  const from = Date.parse(startsAt ?? booking.createdAt);
  return now.getTime() - from >= days * 86_400_000;
}
