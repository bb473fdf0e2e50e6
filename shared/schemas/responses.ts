/**
 * What every API route answers (API.md), as zod schemas. The server serialises each reply through its
 * route's schema, so a field not listed here never leaves it (a careless `return user` would lose the
 * password hash, not leak it); the OpenAPI document shows the same shapes. Clients import the types.
 * Value types are kept plain (strings, numbers): the store already checked the records themselves.
 */
import { z } from 'zod';
import { RightsAnswer } from '../rights/schema.js';
import { ErrorBody } from './common.js';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.nullish();

export const PublicUserOut = z.object({ id: str, role: str, name: str.nullable(), phone: str.nullable(), createdAt: str, username: opt(str), disabled: opt(z.boolean()) });
export const SessionOut = z.object({ token: str, user: PublicUserOut });

export const StationOut = z.object({
  id: str,
  name: str,
  address: str,
  district: str,
  hours: str,
  dailyQuota: z.number(),
  lat: opt(z.number()),
  lng: opt(z.number()),
  phone: opt(str),
  notes: opt(str),
  createdAt: str,
});
export const StationViewOut = StationOut.extend({ remaining: z.number(), closedReason: opt(str) });
export const StudioOut = z.object({ id: str, name: str, leader: str, leaderTitle: str, company: str, field: str, address: str, description: str, createdAt: str });
export const SessionOutBase = z.object({ id: str, studioId: str, startsAt: str, endsAt: str, capacity: z.number(), createdAt: str });
export const SessionViewOut = SessionOutBase.extend({ remaining: z.number(), waitlisted: z.number() });
export const SlotOut = z.object({ id: str, startsAt: str, endsAt: str, mode: str, lawyer: opt(str), location: opt(str), createdAt: str });
export const SlotViewOut = SlotOut.extend({ available: z.boolean() });

export const BookingOut = z.object({
  id: str,
  service: str,
  status: str,
  code: str,
  memberId: str,
  createdAt: str,
  checkedInAt: str.nullable(),
  cancelledAt: str.nullable(),
  promotedAt: opt(str),
  seq: z.number(),
  stationId: opt(str),
  date: opt(str),
  sessionId: opt(str),
  partySize: opt(z.number()),
  slotId: opt(str),
  category: opt(str),
  description: opt(str),
  phone: opt(str),
  checkInNonce: opt(str),
  cancelReason: opt(str),
  // the view: where and when, place in a studio waitlist
  placeName: opt(str),
  address: opt(str),
  startsAt: opt(str),
  endsAt: opt(str),
  mode: opt(str),
  waitlistPosition: opt(z.number()),
  // what a client needs to show it without the rules (shared/booking/rules.ts bookingTimeline)
  hours: opt(str),
  phase: opt(z.enum(['upcoming', 'past', 'cancelled'])),
  cancellableUntil: opt(str),
});
// name: the member's (API.md's q= answer); phone, the booking's or else the member's, masked for role staff
export const AdminBookingOut = BookingOut.extend({ serviceDate: str.nullable(), name: str.nullable(), memberName: str.nullable(), memberPhone: str.nullable(), appointment: opt(str) });
export const ReportRowOut = z.object({
  date: str,
  service: str,
  resourceId: str,
  confirmed: z.number(),
  people: z.number(),
  checkedIn: z.number(),
  cancelled: z.number(),
  waitlisted: z.number(),
  placeName: str.nullable(),
  noShows: z.number(),
});
export const NoticeOut = z.object({ id: str, seq: z.number(), title: str, body: str, link: str.nullable(), authorId: str.nullable(), authorName: str.nullable(), createdAt: str, editedAt: opt(str) });
export const AuditEntryOut = z.object({
  id: str,
  at: str,
  actorId: str,
  actorName: str.nullable(),
  action: str,
  target: str,
  detail: opt(z.record(str, z.union([str, z.number(), z.boolean(), z.null()]))),
});
export const ClosureOut = z.object({ id: str, stationId: str, date: str, reason: str, createdAt: str, createdBy: str });
export const ConsultationOut = z.object({
  bookingId: str,
  code: str,
  startsAt: str.nullable(),
  endsAt: str.nullable(),
  mode: str.nullable(),
  location: str.nullable(),
  lawyer: str.nullable(),
  memberName: str.nullable(),
  phone: str.nullable(),
  category: str.nullable(),
  description: str.nullable(),
  checkedInAt: str.nullable(),
  outcome: str.nullable(),
  note: str.nullable(),
});
export const CheckInLineOut = z.object({
  id: str,
  code: str,
  service: str,
  placeName: str.nullable(),
  memberName: str.nullable(),
  partySize: z.number().nullable(),
  checkedInAt: str,
  undoUntil: str,
});
export const SubscriptionOut = z.object({ id: str, userId: str, templateId: str, kind: str, createdAt: str, usedAt: str.nullable() });

const Ok = z.object({ ok: z.literal(true) });
const NoContent = z.null().describe('无内容');
const booking = z.object({ booking: BookingOut });

/** Reply schemas by route ("METHOD /path" as registered) and status. Errors (4xx/5xx) are ErrorBody on every route. */
export const RESPONSES = {
  'GET /healthz': { 200: Ok },
  'GET /readyz': { 200: Ok },
  'GET /api/auth/config': { 200: z.object({ devLogin: z.boolean(), wechat: z.boolean() }) },
  'POST /api/auth/dev-login': { 200: SessionOut },
  'POST /api/auth/wechat': { 200: SessionOut },
  'POST /api/auth/staff': { 200: SessionOut },
  'POST /api/auth/logout': { 204: NoContent },
  'GET /api/me': { 200: PublicUserOut },
  'PATCH /api/me': { 200: PublicUserOut },
  'DELETE /api/me': { 204: NoContent },
  'GET /api/meal-stations': { 200: z.object({ date: str, stations: z.array(StationViewOut) }) },
  'GET /api/meal-stations/:id': { 200: z.object({ date: str, station: StationViewOut }) },
  'GET /api/studios': { 200: z.object({ studios: z.array(StudioOut) }) },
  'GET /api/studios/:id': { 200: z.object({ studio: StudioOut }) },
  'GET /api/studios/:id/sessions': { 200: z.object({ sessions: z.array(SessionViewOut) }) },
  'GET /api/legal/slots': { 200: z.object({ slots: z.array(SlotViewOut) }) },
  'POST /api/bookings': { 200: booking, 201: booking },
  'GET /api/bookings/mine': { 200: z.object({ bookings: z.array(BookingOut) }) },
  'POST /api/bookings/:id/cancel': { 200: booking },
  // memberName masked for the counter's large type; repeat: the same staff scanned it again within a minute
  'POST /api/checkins': { 200: booking.extend({ memberName: opt(str), repeat: opt(z.boolean()) }), 201: booking },
  'GET /api/checkins': { 200: z.object({ date: str, checkins: z.array(CheckInLineOut) }) },
  'POST /api/checkins/:id/undo': { 200: booking },
  'GET /api/legal/consultations': { 200: z.object({ from: str, to: str, consultations: z.array(ConsultationOut) }) },
  'POST /api/legal/consultations/:id/outcome': { 200: z.object({ outcome: str, note: str.nullable(), at: str }) },
  'POST /api/admin/meal-stations/:id/closures': { 201: z.object({ closure: ClosureOut, cancelled: z.number() }) },
  'GET /api/admin/audit': { 200: z.object({ entries: z.array(AuditEntryOut) }) },
  'PATCH /api/notices/:id': { 200: z.object({ notice: NoticeOut }) },
  'DELETE /api/notices/:id': { 204: NoContent },
  'GET /api/admin/bookings': { 200: z.object({ bookings: z.array(AdminBookingOut), nextCursor: str.nullable() }) },
  'GET /api/admin/stats': { 200: z.object({ from: str, to: str, rows: z.array(ReportRowOut) }) },
  'POST /api/admin/users': { 201: z.object({ user: PublicUserOut }) },
  'GET /api/admin/users': { 200: z.object({ users: z.array(PublicUserOut) }) },
  'PATCH /api/admin/users/:id': { 200: z.object({ user: PublicUserOut }) },
  'POST /api/admin/meal-stations': { 201: StationOut },
  'PATCH /api/admin/meal-stations/:id': { 200: StationOut },
  'DELETE /api/admin/meal-stations/:id': { 200: StationOut },
  'POST /api/admin/studios': { 201: StudioOut },
  'PATCH /api/admin/studios/:id': { 200: StudioOut },
  'DELETE /api/admin/studios/:id': { 200: StudioOut },
  'POST /api/admin/sessions': { 201: SessionOutBase },
  'PATCH /api/admin/sessions/:id': { 200: SessionOutBase },
  'DELETE /api/admin/sessions/:id': { 200: SessionOutBase },
  'POST /api/admin/legal-slots': { 201: SlotOut },
  'PATCH /api/admin/legal-slots/:id': { 200: SlotOut },
  'DELETE /api/admin/legal-slots/:id': { 200: SlotOut },
  'GET /api/qrcode': { 200: z.any().describe('image/png') },
  'GET /api/links': { 200: z.object({ url: str, kind: z.enum(['urllink', 'h5']), expiresAt: str.nullable() }) },
  'POST /api/auth/wechat-phone': { 200: z.object({ phone: str }) },
  'GET /api/notices': { 200: z.object({ notices: z.array(NoticeOut) }) },
  'GET /api/notices/:id': { 200: z.object({ notice: NoticeOut }) },
  'POST /api/notices': { 201: z.object({ notice: NoticeOut }) },
  'POST /api/ask': { 200: RightsAnswer },
  'GET /api/config/public': { 200: z.object({ subscribeTemplates: z.object({ reminder: str.optional(), notice: str.optional() }), mealDaysAhead: z.number(), legalRetentionDays: z.number() }) },
  'POST /api/subscriptions': { 201: z.object({ subscriptions: z.array(SubscriptionOut) }) },
} as const satisfies Record<string, Record<number, z.ZodType>>;

export type RouteKey = keyof typeof RESPONSES;
/** The body a route answers with `status`, e.g. `Reply<'GET /api/me', 200>`. */
export type Reply<K extends RouteKey, S extends keyof (typeof RESPONSES)[K]> = (typeof RESPONSES)[K][S] extends z.ZodType ? z.infer<(typeof RESPONSES)[K][S]> : never;
export { ErrorBody };
