/**
 * The store contract. Domain logic (server/services) is written once against `Tx`; each store
 * decides how `atomic` makes a transaction safe (see store/README.md).
 */
import type { AuditEntry, Booking, BookingCounts, BookingService, BookingStatus, MealStation, Notice, StudioSession, User } from '../../shared/schemas/index.js';

export type { BookingCounts };
import type { CollectionName, Collections } from './collections.js';
import type { LockKey } from './locks.js';

export * from './collections.js';

export interface BookingFilter {
  memberId?: string;
  service?: BookingService;
  status?: BookingStatus[];
  stationId?: string;
  date?: string;
  sessionId?: string;
  slotId?: string;
}

/**
 * A staff search over bookings (store/README.md, "Reads"): every given field must match. Answers
 * come newest first (seq descending); `beforeSeq` + `limit` page through them (keyset paging).
 */
export interface BookingSearch {
  service?: BookingService;
  /** Service dates, inclusive: the meal date, or the Shanghai date a session or slot starts. */
  from?: string;
  to?: string;
  stationId?: string;
  sessionId?: string;
  slotId?: string;
  memberId?: string;
  status?: BookingStatus[];
  /** A voucher code, exactly. */
  code?: string;
  /** The last 4 digits of the member's phone or of the phone given with a consultation. */
  phoneLast4?: string;
  /** Bookings checked in by this staff member. */
  checkedInBy?: string;
  /** Only bookings with a smaller seq (the last seq of the previous page). */
  beforeSeq?: number;
  limit?: number;
}

/** A booking with what a staff list shows beside it, joined by the store. */
export interface BookingRow {
  booking: Booking;
  /** The business date it is used on; null when its session or slot is gone. */
  serviceDate: string | null;
  memberName: string | null;
  memberPhone: string | null;
}

/** The order of countBookings: date, service, resource (code points, the same on every store). */
export function compareCounts(a: BookingCounts, b: BookingCounts): number {
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return cmp(a.date, b.date) || cmp(a.service, b.service) || cmp(a.resourceId, b.resourceId);
}

/** A read of the audit log: every given field must match; newest first. */
export interface AuditSearch {
  /** Instants (ISO), inclusive from, exclusive to. */
  fromAt?: string;
  toAt?: string;
  actorId?: string;
  action?: AuditEntry['action'];
  /** Only entries older than this instant (the `at` of the previous page's last entry). */
  beforeAt?: string;
  limit: number;
}

/** Which days (inclusive) and services a report counts. */
export interface CountsQuery {
  from: string;
  to: string;
  service?: BookingService;
}

/**
 * Everything a new booking is decided on, read at once (one statement on PostgreSQL): the place, how
 * much of it is taken, what the member already holds there, whether the drawn voucher code is free,
 * and the booking's seq (a refused booking leaves a gap in seq, as a rolled-back one does).
 */
export interface NewBookingFacts<P> {
  /** The station or session; undefined when none has that id. */
  place: P | undefined;
  /** Confirmed meals that date at the station, or confirmed seats of the session. */
  taken: number;
  /** The member's confirmed meals that date (any station), or active sign-ups of the session. */
  mine: number;
  codeTaken: boolean;
  seq: number;
  /** Meals: the reason the station is closed that date, when staff closed it. */
  closedReason?: string | null;
}

/** A value now (the in-memory store) or later (PostgreSQL); callers always `await` it. */
export type Awaitable<T> = T | Promise<T>;

/** Reads and writes inside one transaction. Writes are visible to later reads of the same Tx. */
export interface Tx {
  get<C extends CollectionName>(c: C, id: string): Awaitable<Collections[C] | undefined>;
  /** Insert or replace by `id`. */
  put<C extends CollectionName>(c: C, doc: Collections[C]): Awaitable<void>;
  remove(c: CollectionName, id: string): Awaitable<void>;
  /** Every document whose fields equal `where` (all docs when omitted). Not for bookings. */
  list<C extends Exclude<CollectionName, 'bookings'>>(c: C, where?: Partial<Collections[C]>): Awaitable<Collections[C][]>;
  /** Bookings matching every given field, in sign-up order (seq ascending). */
  findBookings(filter: BookingFilter): Awaitable<Booking[]>;
  findBookingByCode(code: string): Awaitable<Booking | undefined>;
  countConfirmedMeals(stationId: string, date: string): Awaitable<number>;
  confirmedSeats(sessionId: string): Awaitable<number>;
  /** Bookings matching a staff search, newest first, with their service date and member. */
  searchBookings(q: BookingSearch): Awaitable<BookingRow[]>;
  /** Per service date and resource, in date, service, resource order (days without bookings left out). */
  countBookings(q: CountsQuery): Awaitable<BookingCounts[]>;
  /** Audit log entries, newest first. */
  auditEntries(q: AuditSearch): Awaitable<AuditEntry[]>;
  /** See NewBookingFacts. Only inside `atomic` (it draws a seq). */
  mealFacts(q: { stationId: string; date: string; memberId: string; code: string }): Awaitable<NewBookingFacts<MealStation>>;
  sessionFacts(q: { sessionId: string; memberId: string; code: string }): Awaitable<NewBookingFacts<StudioSession>>;
  /** A login session and its user, in one read (every authenticated request starts with this). */
  loginSession(id: string): Awaitable<{ session: Collections['authSessions']; user: User | undefined } | undefined>;
  /** Next value of a named, strictly increasing counter ('booking', 'notice'). */
  nextSeq(name: string): Awaitable<number>;
}

export interface Store {
  readonly kind: 'lowdb' | 'postgres';
  /**
   * Run `fn` as one atomic, durable transaction holding `locks` (locks.ts); resolves after the change
   * is on disk. The locks are held before anything `fn` reads from the store is answered (PostgreSQL
   * sends BEGIN and the locks together with `fn`'s first statement), so every decision made on
   * store data is made under them.
   */
  atomic<T>(locks: readonly LockKey[], fn: (tx: Tx) => Awaitable<T>): Promise<T>;
  /** Read-only access without locks (may see a slightly older state on PostgreSQL). */
  read<T>(fn: (tx: Tx) => Awaitable<T>): Promise<T>;
  /** Called for every notice committed by any process sharing this store. */
  onNotice(listener: (n: Notice) => void): () => void;
  /** Rewrites stored data so nothing deleted lingers in logs (lowdb: snapshot + empty journal). */
  compact?(): Promise<void>;
  /**
   * Counts one hit on a rate-limit key in a window shared by every process on this store (PostgreSQL);
   * absent where one process owns the store (lowdb), whose limits then live in that process.
   */
  rateLimitHit?(key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }>;
  /** Resolves when the store can serve (for /readyz); throws StoreUnavailableError when it cannot. */
  ping?(): Promise<void>;
  /** Counts for health and benchmarks. */
  stats(): Promise<{ bookings: number }>;
  close(): Promise<void>;
}

/** Thrown when the store cannot serve (database down, disk full): answered as 503. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** Thrown when the data cannot be loaded (corrupt file): the server must not start. */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError';
}
