/** The `Tx` of the PostgreSQL store: every method is one SQL statement on one connection (or the pool). */
import type { Booking, MealStation, StudioSession, User } from '../../../shared/schemas/index.js';
import type { BookingCounts, BookingFilter, BookingRow, BookingSearch, CollectionName, Collections, CountsQuery, NewBookingFacts, Tx } from '../types.js';
import { countBookings, searchBookings, type Query } from './queries.js';
import { columnValue, NOTICE_CHANNEL, sqlText, TABLES, type ColumnSpec } from './schema.js';

export type { Query };

type Doc = { id: string } & Record<string, unknown>;

// The facts of a new booking (NewBookingFacts), one statement each. seq_booking is made by migration 1,
// meal_counts (a station's confirmed meals of a date, kept by a trigger) by migration 7.
export const MEAL_FACTS = `SELECT (SELECT doc FROM meal_stations WHERE id = $1) AS place,
         coalesce((SELECT confirmed FROM meal_counts WHERE station_id = $1 AND date = $2), 0) AS taken,
         (SELECT count(*) FROM bookings WHERE member_id = $3 AND service = $5 AND date = $2 AND status = 'confirmed')::int AS mine,
         EXISTS (SELECT 1 FROM bookings WHERE code = $4) AS code_taken,
         nextval('seq_booking')::bigint AS seq`;
const SESSION_FACTS = `SELECT (SELECT doc FROM studio_sessions WHERE id = $1) AS place,
         (SELECT coalesce(sum(coalesce(party_size, 1)), 0) FROM bookings WHERE session_id = $1 AND status = 'confirmed')::int AS taken,
         (SELECT count(*) FROM bookings WHERE session_id = $1 AND member_id = $2 AND status <> 'cancelled')::int AS mine,
         EXISTS (SELECT 1 FROM bookings WHERE code = $3) AS code_taken,
         nextval('seq_booking')::bigint AS seq`;

/** The statement that writes a document of each collection (built once: statements are looked up by text). */
const UPSERT = Object.fromEntries(
  Object.entries(TABLES).map(([c, { table, columns }]) => {
    const names = ['id', ...columns.map((s) => s.column), 'doc'];
    const params = names.map((_, i) => `$${i + 1}`).join(', ');
    const updates = names.slice(1).map((n) => `${n} = EXCLUDED.${n}`).join(', ');
    const upsert = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${params}) ON CONFLICT (id) DO UPDATE SET ${updates}`;
    // A new notice is announced to every process; NOTIFY is delivered only if this commits.
    const sql = c !== 'notices' ? upsert : `WITH up AS (${upsert} RETURNING id, (xmax = 0) AS inserted) SELECT pg_notify('${NOTICE_CHANNEL}', id) FROM up WHERE inserted`;
    return [c, sql];
  }),
) as Record<CollectionName, string>;
const DELETE = Object.fromEntries(Object.entries(TABLES).map(([c, { table }]) => [c, `DELETE FROM ${table} WHERE id = $1`])) as Record<CollectionName, string>;

function facts<P extends { id: string }>(r: Record<string, unknown>, id: string): NewBookingFacts<P> {
  const place = r.place ? (JSON.parse(r.place as string) as P) : undefined;
  return { place: place?.id === id ? place : undefined, taken: r.taken as number, mine: r.mine as number, codeTaken: r.code_taken as boolean, seq: Number(r.seq) };
}

function parse<T>(rows: { doc: string }[]): T[] {
  return rows.map((r) => JSON.parse(r.doc) as T);
}

export interface TxHooks {
  /** Name of the SQL sequence behind `nextSeq(name)`, created on first use. */
  sequence(name: string): Promise<string>;
}

/** Sends a statement whose answer is not needed; a failure surfaces by the commit (pipeline.ts). */
export type Send = (sql: string, values?: unknown[]) => void;

export class PgTx implements Tx {
  private readonly w: Send | Query;

  constructor(
    private readonly q: Query,
    private readonly hooks: TxHooks,
    private readonly readOnly: boolean,
    /** How writes are sent (default: like reads, answered before the next statement). */
    w?: Send,
  ) {
    this.w = w ?? q;
  }

  async get<C extends CollectionName>(c: C, id: string): Promise<Collections[C] | undefined> {
    const { rows } = await this.q(`SELECT doc FROM ${TABLES[c].table} WHERE id = $1`, [sqlText(id)]);
    const doc = parse<Doc>(rows)[0];
    return doc && doc.id === id ? (doc as unknown as Collections[C]) : undefined;
  }

  async put<C extends CollectionName>(c: C, value: Collections[C]): Promise<void> {
    this.writable();
    const doc = value as unknown as Doc;
    const values = [sqlText(doc.id), ...TABLES[c].columns.map((s) => columnValue(s, doc)), JSON.stringify(doc)];
    await this.w(UPSERT[c], values);
  }

  async remove(c: CollectionName, id: string): Promise<void> {
    this.writable();
    await this.w(DELETE[c], [sqlText(id)]);
  }

  async list<C extends Exclude<CollectionName, 'bookings'>>(c: C, where?: Partial<Collections[C]>): Promise<Collections[C][]> {
    const { table, columns } = TABLES[c];
    const entries = Object.entries(where ?? {}).filter(([, v]) => v !== undefined);
    // Narrow with one indexed column when possible; the exact match is always done on the document.
    let filter = '';
    const values: unknown[] = [];
    for (const [field, v] of entries) {
      const spec = field === 'id' ? ({ field, column: 'id', type: 'text' } as ColumnSpec) : columns.find((s) => s.field === field && !s.compute);
      const value = spec ? columnValue(spec, { [field]: v }) : null;
      if (spec && value !== null) {
        filter = `WHERE ${spec.column} = $1`;
        values.push(value);
        break;
      }
    }
    const { rows } = await this.q(`SELECT doc FROM ${table} ${filter} ORDER BY pos`, values);
    return parse<Doc>(rows).filter((d) => entries.every(([f, v]) => d[f] === v)) as unknown as Collections[C][];
  }

  async findBookings(f: BookingFilter): Promise<Booking[]> {
    const conds: string[] = [];
    const values: unknown[] = [];
    const eq = (column: string, v: string | undefined) => {
      if (!v) return;
      values.push(sqlText(v));
      conds.push(`${column} = $${values.length}`);
    };
    eq('member_id', f.memberId);
    eq('service', f.service);
    eq('station_id', f.stationId);
    eq('date', f.date);
    eq('session_id', f.sessionId);
    eq('slot_id', f.slotId);
    if (f.status) {
      values.push(f.status.map(sqlText));
      conds.push(`status = ANY($${values.length}::text[])`);
    }
    const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
    const { rows } = await this.q(`SELECT doc FROM bookings ${where} ORDER BY seq, id`, values);
    const out = parse<Booking>(rows);
    // NUL-bearing filters were widened by sqlText: keep only exact matches.
    return out.filter(
      (b) =>
        (!f.memberId || b.memberId === f.memberId) &&
        (!f.stationId || b.stationId === f.stationId) &&
        (!f.sessionId || b.sessionId === f.sessionId) &&
        (!f.slotId || b.slotId === f.slotId),
    );
  }

  async findBookingByCode(code: string): Promise<Booking | undefined> {
    const { rows } = await this.q('SELECT doc FROM bookings WHERE code = $1', [sqlText(code)]);
    return parse<Booking>(rows).find((b) => b.code === code);
  }

  async countConfirmedMeals(stationId: string, date: string): Promise<number> {
    const { rows } = await this.q(
      'SELECT coalesce((SELECT confirmed FROM meal_counts WHERE station_id = $1 AND date = $2), 0) AS n',
      [sqlText(stationId), sqlText(date)],
    );
    return rows[0].n as number;
  }

  async confirmedSeats(sessionId: string): Promise<number> {
    const { rows } = await this.q(
      "SELECT coalesce(sum(coalesce(party_size, 1)), 0)::int AS n FROM bookings WHERE session_id = $1 AND status = 'confirmed'",
      [sqlText(sessionId)],
    );
    return rows[0].n as number;
  }

  searchBookings(q: BookingSearch): Promise<BookingRow[]> {
    return searchBookings(this.q, q);
  }

  countBookings(q: CountsQuery): Promise<BookingCounts[]> {
    return countBookings(this.q, q);
  }

  async mealFacts(q: { stationId: string; date: string; memberId: string; code: string }): Promise<NewBookingFacts<MealStation>> {
    this.writable();
    // 'meal' as a parameter: no partial index can serve the member's count, only bookings_member
    // (with young statistics PostgreSQL otherwise walked bookings_meal for every meal that day)
    const { rows } = await this.q(MEAL_FACTS, [sqlText(q.stationId), sqlText(q.date), sqlText(q.memberId), sqlText(q.code), 'meal']);
    return facts<MealStation>(rows[0], q.stationId);
  }

  async sessionFacts(q: { sessionId: string; memberId: string; code: string }): Promise<NewBookingFacts<StudioSession>> {
    this.writable();
    const { rows } = await this.q(SESSION_FACTS, [sqlText(q.sessionId), sqlText(q.memberId), sqlText(q.code)]);
    return facts<StudioSession>(rows[0], q.sessionId);
  }

  async loginSession(id: string): Promise<{ session: Collections['authSessions']; user: User | undefined } | undefined> {
    const { rows } = await this.q('SELECT s.doc AS session, u.doc AS user FROM auth_sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id = $1', [sqlText(id)]);
    const r = rows[0];
    if (!r) return undefined;
    const session = JSON.parse(r.session) as Collections['authSessions'];
    if (session.id !== id) return undefined;
    return { session, user: r.user ? (JSON.parse(r.user) as User) : undefined };
  }

  async nextSeq(name: string): Promise<number> {
    this.writable();
    const seq = await this.hooks.sequence(name);
    const { rows } = await this.q(`SELECT nextval('${seq}')::bigint AS v`);
    return Number(rows[0].v);
  }

  private writable(): void {
    if (this.readOnly) throw new Error('write in a read-only transaction');
  }
}
