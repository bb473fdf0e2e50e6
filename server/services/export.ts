/** Staff listing, CSV export and day reports of bookings, with personal data shown only to roles that need it. */
import { noShows } from '../../shared/booking/index.js';
import { businessDate, daysBetween, toShanghaiIso } from '../../shared/calendar/index.js';
import { SERVICE_LABELS, STATUS_LABELS } from '../../shared/domain.js';
import { DomainError } from '../../shared/errors.js';
import type { Booking, BookingService, BookingStatus, ReportRow, User } from '../../shared/schemas/index.js';
import type { BookingSearch, CountsQuery, Tx } from '../store/types.js';
import type { ServiceContext } from './context.js';
import { bookingForViewer, phoneForViewer } from './privacy.js';

export interface AdminBookingRow extends Booking {
  placeName: string | null;
  serviceDate: string | null;
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
export async function placeNames(tx: Tx): Promise<(b: Pick<Booking, 'stationId' | 'sessionId' | 'slotId'>) => string | null> {
  const [stations, sessions, studios, slots] = [await tx.list('stations'), await tx.list('sessions'), await tx.list('studios'), await tx.list('slots')];
  const names = new Map<string, string | null>();
  const studioName = new Map(studios.map((st) => [st.id, st.name]));
  for (const st of stations) names.set(st.id, st.name);
  for (const se of sessions) names.set(se.id, studioName.get(se.studioId) ?? null);
  for (const sl of slots) names.set(sl.id, sl.lawyer ?? sl.location ?? null);
  return (b) => names.get((b.stationId ?? b.sessionId ?? b.slotId)!) ?? null;
}

/** Staff list and export: one store search (members joined) and one catalogue read, however many bookings. */
export async function adminBookings(ctx: ServiceContext, viewer: User, q: AdminBookingsQuery): Promise<{ bookings: AdminBookingRow[]; nextCursor: string | null }> {
  return ctx.store.read(async (tx) => {
    const rows = await tx.searchBookings(searchFor(q));
    const place = await placeNames(tx);
    const bookings = rows.map(({ booking: b, serviceDate, memberName, memberPhone }) => ({
      ...bookingForViewer(viewer, { ...b, phone: b.phone ?? memberPhone }),
      placeName: place(b),
      serviceDate,
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

/** UTF-8 with BOM and CRLF so Excel on Windows opens the Chinese text correctly. */
export function bookingsCsv(rows: AdminBookingRow[]): string {
  const head = ['预约号', '服务', '状态', '核销码', '日期', '地点/律师', '姓名', '手机号', '人数', '咨询类别', '咨询联系电话', '问题描述', '预约时间', '核销时间'];
  const lines = rows.map((r) =>
    [
      r.id,
      SERVICE_LABELS[r.service],
      STATUS_LABELS[r.status],
      r.code,
      r.serviceDate,
      r.placeName,
      r.memberName,
      r.memberPhone ?? r.phone,
      r.partySize ?? '',
      r.category ?? '',
      // the phone given for this consultation (may differ from the member's), masked for role staff
      r.service === 'legal' ? (r.phone ?? '') : '',
      r.description ?? '',
      toShanghaiIso(r.createdAt),
      r.checkedInAt ? toShanghaiIso(r.checkedInAt) : '',
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}
