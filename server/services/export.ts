/** Staff listing, CSV export and day reports of bookings, with personal data shown only to roles that need it. */
import { noShows } from '../../shared/booking/index.js';
import writeXlsxFile from 'write-excel-file/node';
import { businessDate, daysBetween, shanghaiDateTime } from '../../shared/calendar/index.js';
import { LEGAL_MODE_LABELS, SERVICE_LABELS, STATUS_LABELS, type LegalModeKind } from '../../shared/domain.js';
import { DomainError } from '../../shared/errors.js';
import type { Booking, BookingService, BookingStatus, ReportRow, User } from '../../shared/schemas/index.js';
import type { BookingSearch, CountsQuery, Tx } from '../store/types.js';
import type { ServiceContext } from './context.js';
import { bookingForViewer, phoneForViewer } from './privacy.js';

export interface AdminBookingRow extends Booking {
  placeName: string | null;
  /** When the service takes place, as staff read it: "2026-11-24 10:00–10:45", or the meal date and hours. */
  appointment: string | null;
  serviceDate: string | null;
  /** The member's name (API.md names it `name`; memberName is the same). */
  name: string | null;
  memberName: string | null;
  memberPhone: string | null;
}

export interface AdminBookingsQuery {
  service?: BookingService;
  date?: string;
  from?: string;
  to?: string;
  stationId?: string;
  sessionId?: string;
  slotId?: string;
  status?: BookingStatus;
  /** A voucher code, or the last 4 digits of a phone. */
  q?: string;
  limit?: number;
  cursor?: string;
}

/** The store search an admin query asks for. */
function searchFor(q: AdminBookingsQuery): BookingSearch {
  const text = q.q?.replace(/[\s-]/g, '');
  const cursor = q.cursor && /^\d+$/.test(q.cursor) ? Number(q.cursor) : undefined;
  return {
    service: q.service,
    from: q.date ?? q.from,
    to: q.date ?? q.to,
    stationId: q.stationId,
    sessionId: q.sessionId,
    slotId: q.slotId,
    status: q.status ? [q.status] : undefined,
    ...(text ? (/^\d{4}$/.test(text) ? { phoneLast4: text } : { code: text }) : {}),
    beforeSeq: cursor,
    limit: q.limit,
  };
}

/**
 * Where each booking takes place, from the catalogue read once: a station's name, a studio's, or the
 * lawyer (else the slot's location).
 */
type Placed = Pick<Booking, 'stationId' | 'sessionId' | 'slotId' | 'date'>;

/** Where and when each booking takes place, from the catalogue read once (four lists). */
export async function catalogueLookup(tx: Tx): Promise<{ place: (b: Placed) => string | null; when: (b: Placed) => string | null }> {
  const [stations, sessions, studios, slots] = [await tx.list('stations'), await tx.list('sessions'), await tx.list('studios'), await tx.list('slots')];
  const names = new Map<string, string | null>();
  const times = new Map<string, string>();
  const span = (a: string, b: string) => `${shanghaiDateTime(a)}–${shanghaiDateTime(b).slice(11)}`;
  const studioName = new Map(studios.map((st) => [st.id, st.name]));
  for (const st of stations) (names.set(st.id, st.name), times.set(st.id, st.hours.replace('-', '–')));
  for (const se of sessions) (names.set(se.id, studioName.get(se.studioId) ?? null), times.set(se.id, span(se.startsAt, se.endsAt)));
  for (const sl of slots) {
    names.set(sl.id, sl.lawyer ?? sl.location ?? null);
    times.set(sl.id, `${span(sl.startsAt, sl.endsAt)} ${LEGAL_MODE_LABELS[sl.mode as LegalModeKind] ?? ''}`.trim());
  }
  const key = (b: Placed) => (b.stationId ?? b.sessionId ?? b.slotId)!;
  return {
    place: (b) => names.get(key(b)) ?? null,
    when: (b) => {
      const t = times.get(key(b));
      if (b.stationId) return b.date ? `${b.date}${t ? ` ${t}` : ''}` : null;
      return t ?? null;
    },
  };
}

export async function placeNames(tx: Tx): Promise<(b: Placed) => string | null> {
  return (await catalogueLookup(tx)).place;
}

/** Staff list and export: one store search (members joined) and one catalogue read, however many bookings. */
export async function adminBookings(ctx: ServiceContext, viewer: User, q: AdminBookingsQuery): Promise<{ bookings: AdminBookingRow[]; nextCursor: string | null }> {
  return ctx.store.read(async (tx) => {
    const rows = await tx.searchBookings(searchFor(q));
    const { place, when } = await catalogueLookup(tx);
    const bookings = rows.map(({ booking: b, serviceDate, memberName, memberPhone }) => ({
      ...bookingForViewer(viewer, { ...b, phone: b.phone ?? memberPhone }),
      placeName: place(b),
      appointment: when(b),
      serviceDate,
      name: memberName,
      memberName,
      memberPhone: phoneForViewer(viewer, b.memberId, memberPhone),
    }));
    const more = q.limit && bookings.length === q.limit ? String(bookings[bookings.length - 1]!.seq) : null;
    return { bookings, nextCursor: more };
  });
}

/** Counts per day and station, session or slot: one store count and one catalogue read. */
export async function bookingReport(ctx: ServiceContext, q: CountsQuery): Promise<{ from: string; to: string; rows: ReportRow[] }> {
  if (daysBetween(q.from, q.to) > REPORT_DAYS) throw new DomainError('BAD_REQUEST', `统计范围最长 ${REPORT_DAYS} 天`, 'to');
  const today = businessDate(ctx.now());
  return ctx.store.read(async (tx) => {
    const counts = await tx.countBookings(q);
    const place = await placeNames(tx);
    const rows = counts.map((c) => {
      const ids = c.service === 'meal' ? { stationId: c.resourceId } : c.service === 'studio' ? { sessionId: c.resourceId } : { slotId: c.resourceId };
      return { ...c, placeName: place(ids), noShows: noShows(c, c.date, today) };
    });
    return { from: q.from, to: q.to, rows };
  });
}

/** Longest report range. */
const REPORT_DAYS = 366;

function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // keep Excel from running a formula
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The export's columns: what staff read, in Chinese local time (Asia/Shanghai), with the appointment
 * itself beside the moment it was booked, and no internal ids (the voucher code names a booking).
 */
const BOOKING_COLUMNS = ['服务', '状态', '核销码', '日期', '预约时段', '地点/律师', '姓名', '手机号', '人数', '咨询类别', '咨询联系电话', '问题描述', '下单时间', '核销时间', '取消原因'];

function bookingCells(r: AdminBookingRow): (string | number)[] {
  return [
    SERVICE_LABELS[r.service],
    STATUS_LABELS[r.status],
    r.code,
    r.serviceDate ?? '',
    r.appointment ?? '',
    r.placeName ?? '',
    r.memberName ?? '',
    r.memberPhone ?? r.phone ?? '',
    r.partySize ?? '',
    r.category ?? '',
    // the phone given for this consultation (may differ from the member's), masked for role staff
    r.service === 'legal' ? (r.phone ?? '') : '',
    r.description ?? '',
    shanghaiDateTime(r.createdAt),
    r.checkedInAt ? shanghaiDateTime(r.checkedInAt) : '',
    r.cancelReason ?? '',
  ];
}

/** UTF-8 with BOM and CRLF so Excel on Windows opens the Chinese text correctly. */
export function bookingsCsv(rows: AdminBookingRow[]): string {
  return toCsv([BOOKING_COLUMNS, ...rows.map(bookingCells)]);
}

function toCsv(table: (string | number)[][]): string {
  return `\uFEFF${table.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** An XLSX workbook of one sheet, every cell text (so codes and phones keep their leading digits). */
async function toXlsx(sheet: string, table: (string | number)[][]): Promise<Buffer> {
  const data = table.map((cells, i) =>
    cells.map((v) => (typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String, fontWeight: i === 0 ? ('bold' as const) : undefined })),
  );
  return writeXlsxFile(data, { sheet, stickyRowsCount: 1 }).toBuffer();
}

export function bookingsXlsx(rows: AdminBookingRow[]): Promise<Buffer> {
  return toXlsx('预约名单', [BOOKING_COLUMNS, ...rows.map(bookingCells)]);
}

const REPORT_COLUMNS = ['日期', '服务', '地点/律师', '预约', '人数', '核销', '取消', '候补', '爽约'];
function reportTable(rows: ReportRow[]): (string | number)[][] {
  return [REPORT_COLUMNS, ...rows.map((r) => [r.date, SERVICE_LABELS[r.service], r.placeName ?? '', r.confirmed, r.people, r.checkedIn, r.cancelled, r.waitlisted, r.noShows])];
}
export const reportCsv = (rows: ReportRow[]) => toCsv(reportTable(rows));
export const reportXlsx = (rows: ReportRow[]) => toXlsx('统计', reportTable(rows));
