/** Staff listing and CSV export of bookings, with personal data shown only to roles that need it. */
import { businessDate, toShanghaiIso } from '../../shared/calendar/index.js';
import { SERVICE_LABELS, STATUS_LABELS } from '../../shared/domain.js';
import type { Booking, BookingService, User } from '../../shared/schemas/index.js';
import type { ServiceContext } from './context.js';
import { bookingForViewer, phoneForViewer } from './privacy.js';

export interface AdminBookingRow extends Booking {
  placeName: string | null;
  serviceDate: string | null;
  memberName: string | null;
  memberPhone: string | null;
}

export async function adminBookings(
  ctx: ServiceContext,
  viewer: User,
  q: { service?: BookingService; date?: string; limit?: number; cursor?: string },
): Promise<{ bookings: AdminBookingRow[]; nextCursor: string | null }> {
  return ctx.store.read(async (tx) => {
    const all = (await tx.findBookings({ service: q.service })).reverse();
    const rows: AdminBookingRow[] = [];
    const cursor = q.cursor && /^\d+$/.test(q.cursor) ? Number(q.cursor) : Infinity;
    for (const b of all) {
      if (b.seq >= cursor) continue;
      let placeName: string | null = null;
      let serviceDate: string | null = null;
      if (b.service === 'meal') {
        placeName = (await tx.get('stations', b.stationId!))?.name ?? null;
        serviceDate = b.date!;
      } else if (b.service === 'studio') {
        const s = await tx.get('sessions', b.sessionId!);
        placeName = s ? ((await tx.get('studios', s.studioId))?.name ?? null) : null;
        serviceDate = s ? businessDate(s.startsAt) : null;
      } else {
        const s = await tx.get('slots', b.slotId!);
        placeName = s ? (s.lawyer ?? s.location ?? null) : null;
        serviceDate = s ? businessDate(s.startsAt) : null;
      }
      if (q.date && serviceDate !== q.date) continue;
      const m = await tx.get('users', b.memberId);
      const phone = b.phone ?? m?.phone ?? null;
      rows.push({
        ...bookingForViewer(viewer, { ...b, phone }),
        placeName,
        serviceDate,
        memberName: m?.name ?? null,
        memberPhone: phoneForViewer(viewer, b.memberId, m?.phone),
      });
      if (q.limit && rows.length >= q.limit) break;
    }
    const more = q.limit && rows.length === q.limit ? String(rows[rows.length - 1]!.seq) : null;
    return { bookings: rows, nextCursor: more };
  });
}


function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // keep Excel from running a formula
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with BOM and CRLF so Excel on Windows opens the Chinese text correctly. */
export function bookingsCsv(rows: AdminBookingRow[]): string {
  const head = ['预约号', '服务', '状态', '核销码', '日期', '地点/律师', '姓名', '手机号', '人数', '咨询类别', '问题描述', '预约时间', '核销时间'];
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
      r.description ?? '',
      toShanghaiIso(r.createdAt),
      r.checkedInAt ? toShanghaiIso(r.checkedInAt) : '',
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}
