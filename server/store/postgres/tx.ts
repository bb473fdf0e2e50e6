/** The `Tx` of the PostgreSQL store: every method is one SQL statement on one connection (or the pool). */
import type { Booking } from '../../../shared/schemas/index.js';
import type { BookingCounts, BookingFilter, BookingRow, BookingSearch, CollectionName, Collections, CountsQuery, Tx } from '../types.js';
import { countBookings, searchBookings, type Query } from './queries.js';
import { columnValue, NOTICE_CHANNEL, sqlText, TABLES, type ColumnSpec } from './schema.js';

export type { Query };

type Doc = { id: string } & Record<string, unknown>;

function parse<T>(rows: { doc: string }[]): T[] {
  return rows.map((r) => JSON.parse(r.doc) as T);
}

export interface TxHooks {
  /** Name of the SQL sequence behind `nextSeq(name)`, created on first use. */
  sequence(name: string): Promise<string>;
}

export class PgTx implements Tx {
  constructor(
    private readonly q: Query,
    private readonly hooks: TxHooks,
    private readonly readOnly: boolean,
  ) {}

  async get<C extends CollectionName>(c: C, id: string): Promise<Collections[C] | undefined> {
    const { rows } = await this.q(`SELECT doc FROM ${TABLES[c].table} WHERE id = $1`, [sqlText(id)]);
    const doc = parse<Doc>(rows)[0];
    return doc && doc.id === id ? (doc as unknown as Collections[C]) : undefined;
  }

  async put<C extends CollectionName>(c: C, value: Collections[C]): Promise<void> {
    this.writable();
    const doc = value as unknown as Doc;
    const { table, columns } = TABLES[c];
    const names = ['id', ...columns.map((s) => s.column), 'doc'];
    const values = [sqlText(doc.id), ...columns.map((s) => columnValue(s, doc)), JSON.stringify(doc)];
    const params = names.map((_, i) => `$${i + 1}`).join(', ');
    const updates = names.slice(1).map((n) => `${n} = EXCLUDED.${n}`).join(', ');
    const upsert = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${params}) ON CONFLICT (id) DO UPDATE SET ${updates}`;
    if (c !== 'notices') {
      await this.q(upsert, values);
      return;
    }
    // A new notice is announced to every process; NOTIFY is delivered only if this commits.
    await this.q(
      `WITH up AS (${upsert} RETURNING id, (xmax = 0) AS inserted)
       SELECT pg_notify('${NOTICE_CHANNEL}', id) FROM up WHERE inserted`,
      values,
    );
  }

  async remove(c: CollectionName, id: string): Promise<void> {
    this.writable();
    await this.q(`DELETE FROM ${TABLES[c].table} WHERE id = $1`, [sqlText(id)]);
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
      "SELECT count(*)::int AS n FROM bookings WHERE service = 'meal' AND station_id = $1 AND date = $2 AND status = 'confirmed'",
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
