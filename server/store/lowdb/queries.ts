/**
 * Staff reads on the lowdb store: searches and day reports served from the in-memory indexes (meal
 * date, session, slot, member, code). Only a search that names none of these looks at every booking.
 */
import { addDays, businessDate, daysBetween } from '../../../shared/calendar/days.js';
import type { AuditEntry, Booking, LegalSlot, StudioSession, User } from '../../../shared/schemas/index.js';
import { compareCounts, type AuditSearch, type BookingCounts, type BookingRow, type BookingSearch, type CountsQuery } from '../types.js';
import type { MemoryState } from './state.js';

/** Longer ranges are scanned: walking the days would cost more. */
const LONGEST_WALK = 366;

function serviceDate(state: MemoryState, b: Booking): string | null {
  if (b.service === 'meal') return b.date ?? null;
  const parent = (b.service === 'studio' ? state.get('sessions', b.sessionId!) : state.get('slots', b.slotId!)) as
    | (StudioSession | LegalSlot)
    | undefined;
  return parent ? businessDate(parent.startsAt) : null;
}

/** Ids of the bookings that can match, from the narrowest index the search names; null: all of them. */
function candidates(state: MemoryState, q: BookingSearch): string[] | null {
  if (q.code !== undefined) {
    const b = state.bookingByCode(q.code);
    return b ? [b.id] : [];
  }
  const direct = state.pick('sessionId', q.sessionId) ?? state.pick('slotId', q.slotId) ?? state.pick('memberId', q.memberId);
  if (direct) return direct;
  const { from, to } = q;
  if (from === undefined || to === undefined || daysBetween(from, to) > LONGEST_WALK) return null;
  const ids: string[] = [];
  const inRange = (startsAt: string) => {
    const d = businessDate(startsAt);
    return d >= from && d <= to;
  };
  if (!q.service || q.service === 'meal') for (let d = from; d <= to; d = addDays(d, 1)) ids.push(...state.pick('mealDate', d)!);
  if (!q.service || q.service === 'studio') {
    for (const s of state.list('sessions')) if (inRange(s.startsAt as string)) ids.push(...state.pick('sessionId', s.id)!);
  }
  if (!q.service || q.service === 'legal') {
    for (const s of state.list('slots')) if (inRange(s.startsAt as string)) ids.push(...state.pick('slotId', s.id)!);
  }
  return ids;
}

function matches(q: BookingSearch, b: Booking, date: string | null, member: User | undefined): boolean {
  if (q.service && b.service !== q.service) return false;
  if (q.stationId !== undefined && b.stationId !== q.stationId) return false;
  if (q.sessionId !== undefined && b.sessionId !== q.sessionId) return false;
  if (q.slotId !== undefined && b.slotId !== q.slotId) return false;
  if (q.memberId !== undefined && b.memberId !== q.memberId) return false;
  if (q.code !== undefined && b.code !== q.code) return false;
  if (q.status && !q.status.includes(b.status)) return false;
  if (q.checkedInBy !== undefined && b.checkedInBy !== q.checkedInBy) return false;
  if (q.beforeSeq !== undefined && !(b.seq < q.beforeSeq)) return false;
  if (q.from !== undefined && (date === null || date < q.from)) return false;
  if (q.to !== undefined && (date === null || date > q.to)) return false;
  if (q.phoneLast4 !== undefined && !member?.phone?.endsWith(q.phoneLast4) && !b.phone?.endsWith(q.phoneLast4)) return false;
  return true;
}

function* bookings(state: MemoryState, ids: string[] | null): Iterable<Booking> {
  if (ids === null) yield* state.docs.get('bookings')!.values() as Iterable<unknown> as Iterable<Booking>;
  else for (const id of new Set(ids)) yield state.get('bookings', id) as unknown as Booking;
}

export function searchBookings(state: MemoryState, q: BookingSearch): BookingRow[] {
  const rows: BookingRow[] = [];
  for (const b of bookings(state, candidates(state, q))) {
    const date = serviceDate(state, b);
    const member = state.get('users', b.memberId) as unknown as User | undefined;
    if (!matches(q, b, date, member)) continue;
    rows.push({ booking: b, serviceDate: date, memberName: member?.name ?? null, memberPhone: member?.phone ?? null });
  }
  rows.sort((a, b) => b.booking.seq - a.booking.seq);
  return q.limit === undefined ? rows : rows.slice(0, q.limit);
}

export function countBookings(state: MemoryState, q: CountsQuery): BookingCounts[] {
  const search: BookingSearch = { from: q.from, to: q.to, service: q.service };
  const groups = new Map<string, BookingCounts>();
  for (const b of bookings(state, candidates(state, search))) {
    const date = serviceDate(state, b);
    if (!matches(search, b, date, undefined)) continue;
    const resourceId = (b.stationId ?? b.sessionId ?? b.slotId)!;
    const key = `${date}\u0000${b.service}\u0000${resourceId}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { date: date!, service: b.service, resourceId, confirmed: 0, people: 0, checkedIn: 0, cancelled: 0, waitlisted: 0 }));
    if (b.status === 'confirmed') {
      g.confirmed++;
      g.people += b.partySize ?? 1;
      if (b.checkedInAt) g.checkedIn++;
    } else if (b.status === 'cancelled') g.cancelled++;
    else g.waitlisted++;
  }
  return [...groups.values()].sort(compareCounts);
}

/** The audit log newest first: entries are appended in time order, so this walks back from the end. */
export function auditEntries(state: MemoryState, q: AuditSearch): AuditEntry[] {
  const all = [...(state.docs.get('audit')!.values() as Iterable<unknown> as Iterable<AuditEntry>)];
  const out: AuditEntry[] = [];
  for (let i = all.length - 1; i >= 0 && out.length < q.limit; i--) {
    const e = all[i]!;
    if (q.beforeAt !== undefined && !(e.at < q.beforeAt)) continue;
    if (q.fromAt !== undefined && e.at < q.fromAt) break;
    if (q.toAt !== undefined && !(e.at < q.toAt)) continue;
    if (q.actorId !== undefined && e.actorId !== q.actorId) continue;
    if (q.action !== undefined && e.action !== q.action) continue;
    out.push(e);
  }
  return out;
}
