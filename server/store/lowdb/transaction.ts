/** A lowdb transaction over the live in-memory state; remembers originals so a refused one leaves no trace. */
import type { MealStation, Notice, StudioSession, User } from '../../../shared/schemas/index.js';
import { closureId, type AuditSearch, type BookingSearch, type CollectionName, type Collections, type CountsQuery, type Tx } from '../types.js';
import type { Change, Doc } from './journal.js';
import { auditEntries, countBookings, searchBookings } from './queries.js';
import type { MemoryState } from './state.js';

export class LowdbTx implements Tx {
  // Allocated on first write: most transactions (every read, every auth lookup) never write.
  private _changes: Map<string, Change> | null = null;
  private _counters: Record<string, number> | null = null;
  private _notices: Notice[] | null = null;
  private _originals: Map<string, { c: CollectionName; id: string; doc: Doc | undefined }> | null = null;
  get changes() {
    return (this._changes ??= new Map());
  }
  get counterChanges() {
    return (this._counters ??= {});
  }
  get newNotices() {
    return (this._notices ??= []);
  }
  private get originals() {
    return (this._originals ??= new Map());
  }
  get dirty(): boolean {
    return (this._changes?.size ?? 0) > 0 || this._counters !== null;
  }

  constructor(
    private readonly state: MemoryState,
    private readonly readOnly = false,
  ) {}

  get(c: CollectionName, id: string) {
    return this.state.get(c, id) as never;
  }

  put(c: CollectionName, doc: Doc | object) {
    const d = doc as Doc;
    if (c === 'notices' && !this.state.get(c, d.id)) this.newNotices.push(d as unknown as Notice);
    this.touch(c, d.id);
    this.state.put(c, d);
    this.changes.set(`${c}\u0000${d.id}`, { c, id: d.id, doc: d });
  }

  remove(c: CollectionName, id: string) {
    this.touch(c, id);
    this.state.remove(c, id);
    this.changes.set(`${c}\u0000${id}`, { c, id, doc: null });
  }

  list(c: CollectionName, where?: object) {
    return this.state.list(c, where as Record<string, unknown>) as never;
  }

  findBookings(filter: Parameters<Tx['findBookings']>[0]) {
    return this.state.findBookings(filter);
  }

  findBookingByCode(code: string) {
    return this.state.bookingByCode(code);
  }

  countConfirmedMeals(stationId: string, date: string) {
    return this.state.countConfirmedMeals(stationId, date);
  }

  confirmedSeats(sessionId: string) {
    return this.state.seatsConfirmed(sessionId);
  }

  searchBookings(q: BookingSearch) {
    return searchBookings(this.state, q);
  }

  countBookings(q: CountsQuery) {
    return countBookings(this.state, q);
  }

  auditEntries(q: AuditSearch) {
    return auditEntries(this.state, q);
  }

  mealFacts(q: { stationId: string; date: string; memberId: string; code: string }) {
    const mine = this.state.findBookings({ memberId: q.memberId, service: 'meal', date: q.date, status: ['confirmed'] }).length;
    const place = this.state.get('stations', q.stationId) as unknown as MealStation | undefined;
    const closure = this.state.get('closures', closureId(q.stationId, q.date)) as unknown as Collections['closures'] | undefined;
    return {
      place,
      taken: this.state.countConfirmedMeals(q.stationId, q.date),
      mine,
      codeTaken: !!this.state.bookingByCode(q.code),
      seq: this.nextSeq('booking'),
      closedReason: closure?.reason ?? null,
    };
  }

  sessionFacts(q: { sessionId: string; memberId: string; code: string }) {
    const mine = this.state.findBookings({ memberId: q.memberId, sessionId: q.sessionId }).filter((b) => b.status !== 'cancelled').length;
    const place = this.state.get('sessions', q.sessionId) as unknown as StudioSession | undefined;
    return { place, taken: this.state.seatsConfirmed(q.sessionId), mine, codeTaken: !!this.state.bookingByCode(q.code), seq: this.nextSeq('booking') };
  }

  loginSession(id: string) {
    const session = this.state.get('authSessions', id) as unknown as Collections['authSessions'] | undefined;
    return session && { session, user: this.state.get('users', session.userId) as unknown as User | undefined };
  }

  nextSeq(name: string) {
    if (this.readOnly) throw new Error('nextSeq in a read-only transaction');
    const key = `seq:${name}`;
    if (!(key in this.counterChanges)) this.originals.set(`counter\u0000${key}`, { c: 'kv', id: key, doc: { id: key, value: this.state.counters[key] } });
    const v = (this.state.counters[key] ?? 0) + 1;
    this.state.counters[key] = v;
    this.counterChanges[key] = v;
    return v;
  }

  private touch(c: CollectionName, id: string) {
    if (this.readOnly) throw new Error('write in a read-only transaction');
    const k = `${c}\u0000${id}`;
    if (!this.originals.has(k)) this.originals.set(k, { c, id, doc: this.state.get(c, id) });
  }

  rollback(): void {
    if (!this._originals) return;
    for (const [k, o] of this._originals) {
      if (k.startsWith('counter\u0000')) {
        const v = (o.doc as { value?: number }).value;
        if (v === undefined) delete this.state.counters[o.id];
        else this.state.counters[o.id] = v;
      } else if (o.doc) this.state.put(o.c, o.doc);
      else this.state.remove(o.c, o.id);
    }
  }
}
