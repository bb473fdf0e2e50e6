/**
 * Staff reads on PostgreSQL as SQL: one statement for a search (plus one for the members it names),
 * one for a report, whatever the number of bookings. A date range uses the indexes of each service:
 * meals by `bookings_meal (date, station_id, status)`, visits and consultations by their session's or slot's service date.
 */
import type { QueryResult } from 'pg';
import type { AuditEntry, Booking, User } from '../../../shared/schemas/index.js';
import { compareCounts, type AuditSearch, type BookingCounts, type BookingRow, type BookingSearch, type CountsQuery } from '../types.js';
import { sqlText } from './schema.js';

export type Query = (sql: string, values?: unknown[]) => Promise<QueryResult>;

const SERVICE_DATE = "CASE b.service WHEN 'meal' THEN b.date WHEN 'studio' THEN ss.service_date ELSE ls.service_date END";
const JOINED = 'bookings b LEFT JOIN studio_sessions ss ON ss.id = b.session_id LEFT JOIN legal_slots ls ON ls.id = b.slot_id';

class Where {
  readonly conds: string[] = [];
  readonly values: unknown[] = [];
  param(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  eq(column: string, v: string | undefined): void {
    if (v !== undefined) this.conds.push(`${column} = ${this.param(sqlText(v))}`);
  }
  get sql(): string {
    return this.conds.length ? `WHERE ${this.conds.join(' AND ')}` : '';
  }
}

/** Service dates in [from, to], as an OR of the index each service has. */
function dateRange(w: Where, q: Pick<BookingSearch, 'from' | 'to' | 'service'>): void {
  if (q.from === undefined && q.to === undefined) return;
  const bounds = (column: string) =>
    [q.from !== undefined ? `${column} >= ${w.param(q.from)}` : '', q.to !== undefined ? `${column} <= ${w.param(q.to)}` : '']
      .filter(Boolean)
      .join(' AND ');
  const parts: string[] = [];
  if (!q.service || q.service === 'meal') parts.push(`(b.service = 'meal' AND ${bounds('b.date')})`);
  if (!q.service || q.service === 'studio') parts.push(`b.session_id IN (SELECT id FROM studio_sessions WHERE ${bounds('service_date')})`);
  if (!q.service || q.service === 'legal') parts.push(`b.slot_id IN (SELECT id FROM legal_slots WHERE ${bounds('service_date')})`);
  w.conds.push(`(${parts.join(' OR ')})`);
}

export async function searchBookings(query: Query, q: BookingSearch): Promise<BookingRow[]> {
  const w = new Where();
  w.eq('b.service', q.service);
  w.eq('b.station_id', q.stationId);
  w.eq('b.session_id', q.sessionId);
  w.eq('b.slot_id', q.slotId);
  w.eq('b.member_id', q.memberId);
  w.eq('b.code', q.code);
  if (q.status) w.conds.push(`b.status = ANY(${w.param(q.status)}::text[])`);
  if (q.beforeSeq !== undefined) w.conds.push(`b.seq < ${w.param(q.beforeSeq)}`);
  w.eq('b.checked_in_by', q.checkedInBy);
  dateRange(w, q);
  if (q.phoneLast4 !== undefined) {
    const p = w.param(sqlText(q.phoneLast4));
    w.conds.push(`(right(b.phone, 4) = ${p} OR b.member_id IN (SELECT id FROM users WHERE right(phone, 4) = ${p}))`);
  }
  const limit = q.limit !== undefined ? `LIMIT ${w.param(q.limit)}` : '';
  const { rows } = await query(`SELECT b.doc, ${SERVICE_DATE} AS service_date FROM ${JOINED} ${w.sql} ORDER BY b.seq DESC, b.id DESC ${limit}`, w.values);
  const bookings = rows.map((r) => ({ booking: JSON.parse(r.doc) as Booking, serviceDate: (r.service_date as string | null) ?? null }));
  const ids = [...new Set(bookings.map((b) => b.booking.memberId))];
  const members = new Map<string, User>();
  if (ids.length) {
    for (const r of (await query('SELECT doc FROM users WHERE id = ANY($1::text[])', [ids.map(sqlText)])).rows) {
      const u = JSON.parse(r.doc) as User;
      members.set(u.id, u);
    }
  }
  return bookings.map(({ booking, serviceDate }) => {
    const m = members.get(booking.memberId);
    return { booking, serviceDate, memberName: m?.name ?? null, memberPhone: m?.phone ?? null };
  });
}

export async function countBookings(query: Query, q: CountsQuery): Promise<BookingCounts[]> {
  const w = new Where();
  w.eq('b.service', q.service);
  dateRange(w, q);
  const { rows } = await query(
    `SELECT ${SERVICE_DATE} AS date, b.service, coalesce(b.station_id, b.session_id, b.slot_id) AS resource_id,
       count(*) FILTER (WHERE b.status = 'confirmed')::int AS confirmed,
       coalesce(sum(coalesce(b.party_size, 1)) FILTER (WHERE b.status = 'confirmed'), 0)::int AS people,
       count(*) FILTER (WHERE b.status = 'confirmed' AND b.checked_in_at IS NOT NULL)::int AS checked_in,
       count(*) FILTER (WHERE b.status = 'cancelled')::int AS cancelled,
       count(*) FILTER (WHERE b.status = 'waitlisted')::int AS waitlisted
     FROM ${JOINED} ${w.sql} GROUP BY 1, 2, 3`,
    w.values,
  );
  return rows
    .map((r) => ({
      date: r.date as string,
      service: r.service as BookingCounts['service'],
      resourceId: r.resource_id as string,
      confirmed: r.confirmed as number,
      people: r.people as number,
      checkedIn: r.checked_in as number,
      cancelled: r.cancelled as number,
      waitlisted: r.waitlisted as number,
    }))
    .sort(compareCounts);
}

/** The audit log newest first, from `audit_log (at)` or `(actor_id, at)`. */
export async function auditEntries(query: Query, q: AuditSearch): Promise<AuditEntry[]> {
  const w = new Where();
  if (q.fromAt !== undefined) w.conds.push(`at >= ${w.param(q.fromAt)}`);
  if (q.toAt !== undefined) w.conds.push(`at < ${w.param(q.toAt)}`);
  if (q.beforeAt !== undefined) w.conds.push(`at < ${w.param(q.beforeAt)}`);
  w.eq('actor_id', q.actorId);
  w.eq('action', q.action);
  const { rows } = await query(`SELECT doc FROM audit_log ${w.sql} ORDER BY at DESC, pos DESC LIMIT ${w.param(q.limit)}`, w.values);
  return rows.map((r) => JSON.parse(r.doc) as AuditEntry);
}
