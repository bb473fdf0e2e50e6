/**
 * In-memory state of the lowdb store: one Map per collection plus the secondary indexes that keep
 * every booking decision O(1) or O(bookings of one resource), however large the file grows.
 */
import type { Booking } from '../../../shared/schemas/index.js';
import { COLLECTIONS, type BookingFilter, type CollectionName, type Collections } from '../types.js';

type Doc = { id: string } & Record<string, unknown>;
type IdSet = string | Set<string>;
const ids = (v: IdSet | undefined): Iterable<string> => (v === undefined ? [] : typeof v === 'string' ? [v] : v);

/** Fields with an equality index, per collection (bookings have their own below). */
const INDEXED: Partial<Record<CollectionName, string[]>> = {
  users: ['phone', 'openid', 'username'],
  authSessions: ['userId'],
  sessions: ['studioId'],
  subscriptions: ['userId'],
  closures: ['date'],
};

// Few on purpose: each index is updated on every booking. A member's bookings are few, so
// "this member on this date" filters them; the counts booking needs come from running totals below.
// `mealDate` serves the staff lists and reports of a day (queries.ts).
const BOOKING_INDEXES = ['memberId', 'sessionId', 'slotId', 'code', 'mealDate'] as const;
type BookingIndex = (typeof BOOKING_INDEXES)[number];


export class MemoryState {
  readonly docs = new Map<CollectionName, Map<string, Doc>>();
  counters: Record<string, number> = {};
  // Index values are one id, or a Set once a key has several documents: most keys (voucher codes,
  // a member's date) have exactly one, and a Set per booking costs memory and GC time at 100k.
  private readonly fieldIndex = new Map<string, Map<unknown, IdSet>>();
  private readonly bookingIndex = new Map<BookingIndex, Map<string, IdSet>>();
  /** Running totals so capacity checks are O(1) however many bookings a station or session has. */
  private readonly confirmedMeals = new Map<string, number>();
  private readonly confirmedSeats = new Map<string, number>();

  constructor() {
    for (const c of COLLECTIONS) this.docs.set(c, new Map());
    for (const [c, fields] of Object.entries(INDEXED)) for (const f of fields!) this.fieldIndex.set(`${c}.${f}`, new Map());
    for (const i of BOOKING_INDEXES) this.bookingIndex.set(i, new Map());
  }

  get(c: CollectionName, id: string): Doc | undefined {
    return this.docs.get(c)!.get(id);
  }

  put(c: CollectionName, doc: Doc): void {
    const prev = this.docs.get(c)!.get(doc.id);
    if (prev) this.unindex(c, prev);
    this.docs.get(c)!.set(doc.id, doc);
    this.index(c, doc);
  }

  remove(c: CollectionName, id: string): void {
    const prev = this.docs.get(c)!.get(id);
    if (!prev) return;
    this.unindex(c, prev);
    this.docs.get(c)!.delete(id);
  }

  list(c: CollectionName, where: Record<string, unknown> = {}): Doc[] {
    const entries = Object.entries(where).filter(([, v]) => v !== undefined);
    let candidates: Iterable<Doc> = this.docs.get(c)!.values();
    for (const [field, value] of entries) {
      const idx = this.fieldIndex.get(`${c}.${field}`);
      if (idx) {
        candidates = [...ids(idx.get(value))].map((id) => this.get(c, id)!);
        break;
      }
    }
    const out: Doc[] = [];
    for (const d of candidates) if (entries.every(([f, v]) => d[f] === v)) out.push(d);
    return out;
  }

  findBookings(f: BookingFilter): Booking[] {
    const found = this.pick('sessionId', f.sessionId) ?? this.pick('slotId', f.slotId) ?? this.pick('memberId', f.memberId);
    const source: Iterable<Booking> = found
      ? found.map((id) => this.get('bookings', id) as unknown as Booking)
      : (this.docs.get('bookings')!.values() as Iterable<unknown> as Iterable<Booking>);
    const out: Booking[] = [];
    for (const b of source) {
      if (f.memberId && b.memberId !== f.memberId) continue;
      if (f.service && b.service !== f.service) continue;
      if (f.status && !f.status.includes(b.status)) continue;
      if (f.stationId && b.stationId !== f.stationId) continue;
      if (f.date && b.date !== f.date) continue;
      if (f.sessionId && b.sessionId !== f.sessionId) continue;
      if (f.slotId && b.slotId !== f.slotId) continue;
      out.push(b);
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  countConfirmedMeals(stationId: string, date: string): number {
    return this.confirmedMeals.get(`${stationId}|${date}`) ?? 0;
  }

  seatsConfirmed(sessionId: string): number {
    return this.confirmedSeats.get(sessionId) ?? 0;
  }

  private tally(b: Booking, sign: 1 | -1): void {
    if (b.status !== 'confirmed') return;
    if (b.service === 'meal') {
      const k = `${b.stationId}|${b.date}`;
      this.confirmedMeals.set(k, (this.confirmedMeals.get(k) ?? 0) + sign);
    } else if (b.service === 'studio') {
      this.confirmedSeats.set(b.sessionId!, (this.confirmedSeats.get(b.sessionId!) ?? 0) + sign * (b.partySize ?? 1));
    }
  }

  /** Ids under one booking-index key (undefined when the filter does not name that key). */
  pick(i: BookingIndex, key: string | undefined): string[] | undefined {
    if (key === undefined) return undefined;
    const v = this.bookingIndex.get(i)!.get(key);
    return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
  }

  bookingByCode(code: string): Booking | undefined {
    const v = this.bookingIndex.get('code')!.get(code);
    const id = typeof v === 'string' ? v : v?.values().next().value;
    return id === undefined ? undefined : (this.get('bookings', id) as unknown as Booking);
  }

  size(c: CollectionName): number {
    return this.docs.get(c)!.size;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const c of COLLECTIONS) out[c] = [...this.docs.get(c)!.values()];
    return out;
  }

  private readonly addKey = (map: Map<unknown, IdSet>, key: unknown, id: string) => {
    const cur = map.get(key);
    if (cur === undefined || cur === id) map.set(key, id);
    else if (typeof cur === 'string') map.set(key, new Set([cur, id]));
    else cur.add(id);
  };

  private readonly removeKey = (map: Map<unknown, IdSet>, key: unknown, id: string) => {
    const cur = map.get(key);
    if (cur === id) map.delete(key);
    else if (typeof cur !== 'string' && cur) {
      cur.delete(id);
      if (cur.size === 1) map.set(key, cur.values().next().value!);
    }
  };

  private index(c: CollectionName, doc: Doc): void {
    this.eachKey(c, doc, this.addKey);
  }

  private unindex(c: CollectionName, doc: Doc): void {
    this.eachKey(c, doc, this.removeKey);
  }

  private eachKey(c: CollectionName, doc: Doc, fn: (map: Map<unknown, IdSet>, key: unknown, id: string) => void): void {
    if (c === 'bookings') {
      const b = doc as unknown as Booking;
      this.tally(b, fn === this.addKey ? 1 : -1);
      const idx = this.bookingIndex as Map<BookingIndex, Map<unknown, IdSet>>;
      fn(idx.get('memberId')!, b.memberId, b.id);
      fn(idx.get('code')!, b.code, b.id);
      if (b.sessionId !== undefined) fn(idx.get('sessionId')!, b.sessionId, b.id);
      if (b.slotId !== undefined) fn(idx.get('slotId')!, b.slotId, b.id);
      if (b.service === 'meal' && b.date !== undefined) fn(idx.get('mealDate')!, b.date, b.id);
      return;
    }
    for (const f of INDEXED[c] ?? []) {
      const v = doc[f];
      if (v !== undefined && v !== null) fn(this.fieldIndex.get(`${c}.${f}`)!, v, doc.id);
    }
  }
}

export type { Collections };
