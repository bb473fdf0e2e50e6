import { z } from 'zod';
import { BusinessDate, Id, Phone, Text } from './common.js';
import { LegalCategory } from './catalogue.js';
import { BOOKING_STATUSES, CONSULTATION_NOTE_MAX, CONSULTATION_OUTCOMES, LEGAL_DESCRIPTION_MAX, PARTY_SIZE, REASON_MAX, SERVICES } from '../domain.js';

export const BookingService = z.enum(SERVICES);
export type BookingService = z.infer<typeof BookingService>;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;

const partyMessage = `人数为 ${PARTY_SIZE.min} 到 ${PARTY_SIZE.max} 人`;

export const MealBookingRequest = z.object({ service: z.literal('meal'), stationId: Id, date: BusinessDate });
export const StudioBookingRequest = z.object({
  service: z.literal('studio'),
  sessionId: Id,
  partySize: z.number().int().min(PARTY_SIZE.min, partyMessage).max(PARTY_SIZE.max, partyMessage),
});
export const LegalBookingRequest = z.object({
  service: z.literal('legal'),
  slotId: Id,
  category: LegalCategory,
  description: Text(LEGAL_DESCRIPTION_MAX, { multiline: true }),
  phone: Phone,
});
export const BookingRequest = z.discriminatedUnion('service', [
  MealBookingRequest,
  StudioBookingRequest,
  LegalBookingRequest,
]);
export type BookingRequest = z.infer<typeof BookingRequest>;

export const Booking = z.object({
  id: Id,
  service: BookingService,
  status: BookingStatus,
  code: z.string(),
  memberId: Id,
  createdAt: z.string(),
  checkedInAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  /** Set when a waitlisted sign-up was confirmed later. */
  promotedAt: z.string().nullable().optional(),
  /** For waitlist order: a strictly increasing number per store. */
  seq: z.number().int(),
  stationId: Id.optional(),
  date: BusinessDate.optional(),
  sessionId: Id.optional(),
  partySize: z.number().int().optional(),
  slotId: Id.optional(),
  category: LegalCategory.optional(),
  description: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  checkInNonce: z.string().nullable().optional(),
  /** The staff member who checked it in. */
  checkedInBy: z.string().nullable().optional(),
  /** Who cancelled it when not the member (staff on their behalf, a station closure), and why. */
  cancelledBy: z.string().nullable().optional(),
  cancelReason: z.string().nullable().optional(),
});
export type Booking = z.infer<typeof Booking>;

export const CheckInRequest = z.object({
  // any length: a code that names no booking is 404 UNKNOWN_CODE (the body limit bounds it)
  code: z.string().trim().min(1),
  nonce: z.string().min(1).max(128).optional(),
  stationId: Id.optional(),
  /**
   * The counter page's scans: a repeat of this staff member's own check-in of the code within
   * CHECKIN_REPEAT_MS answers that earlier success (200, `repeat: true`) instead of 409
   * ALREADY_CHECKED_IN, which every other caller still gets (API.md).
   */
  repeatOk: z.boolean().optional(),
});

export const AdminBookingsQuery = z.object({
  service: BookingService.optional(),
  date: BusinessDate.optional(),
  /** Service dates from … to (inclusive), instead of one `date`. */
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
  stationId: Id.optional(),
  sessionId: Id.optional(),
  slotId: Id.optional(),
  status: BookingStatus.optional(),
  /** A voucher code, or the last 4 digits of the member's phone. */
  q: z.string().trim().min(1).max(32).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  cursor: z.string().max(200).optional(),
});

/** Counts of one service date and one resource (station, session or slot). */
export interface BookingCounts {
  date: string;
  service: BookingService;
  /** The stationId, sessionId or slotId. */
  resourceId: string;
  confirmed: number;
  /** People in the confirmed bookings (a studio party counts each visitor). */
  people: number;
  /** Confirmed and checked in. */
  checkedIn: number;
  cancelled: number;
  waitlisted: number;
}

/** A line of GET /api/admin/stats. */
export interface ReportRow extends BookingCounts {
  placeName: string | null;
  /** Confirmed, never checked in, and the day is over. */
  noShows: number;
}

export const ReportQuery = z.object({ from: BusinessDate, to: BusinessDate, service: BookingService.optional(), format: z.enum(['json', 'csv', 'xlsx']).optional() });

/** POST /api/bookings/:id/cancel: staff say why when cancelling on a worker's behalf. */
export const CancelBody = z.object({ reason: Text(REASON_MAX).optional() });

/** POST /api/admin/meal-stations/:id/closures */
export const ClosureCreate = z.object({ date: BusinessDate, reason: Text(REASON_MAX) });
export const StationClosure = z.object({
  id: Id,
  stationId: Id,
  date: BusinessDate,
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type StationClosure = z.infer<typeof StationClosure>;

export const ConsultationOutcome = z.enum(CONSULTATION_OUTCOMES);
/** POST /api/legal/consultations/:id/outcome */
export const ConsultationOutcomeBody = z.object({ outcome: ConsultationOutcome, note: Text(CONSULTATION_NOTE_MAX, { multiline: true }).optional() });
/** The lawyer's private record of a consultation (id = the booking's id). */
export const ConsultationNote = z.object({
  id: Id,
  slotId: Id,
  outcome: ConsultationOutcome,
  note: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});
export type ConsultationNote = z.infer<typeof ConsultationNote>;
export const ConsultationsQuery = z.object({ from: BusinessDate.optional(), to: BusinessDate.optional() });

/** A booking as members and check-in see it: where, when, and the place in a studio waitlist. */
export type BookingView = Booking & {
  placeName: string | null;
  address: string | null;
  startsAt: string | null;
  endsAt: string | null;
  mode: string | null;
  /** 1 = next in line (waitlisted studio sign-ups only). */
  waitlistPosition: number | null;
  /** A meal's station hours ("HH:mm-HH:mm"), so 我的 needs no station list. */
  hours: string | null;
  /** shared/booking/rules.ts bookingTimeline: pages show these instead of working the rules out. */
  phase: 'upcoming' | 'past' | 'cancelled';
  cancellableUntil: string | null;
};
