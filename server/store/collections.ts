/** The stored collections and their documents. */
import type {
  AuditEntry,
  AuthSession,
  ConsultationNote,
  Booking,
  LegalSlot,
  MealStation,
  Notice,
  Studio,
  StationClosure,
  StudioSession,
  User,
} from '../../shared/schemas/index.js';

/** A stored answer for an Idempotency-Key: id = `${userId}:${route}:${key}`. */
export interface IdempotencyRecord {
  id: string;
  status: number;
  body: unknown;
  createdAt: string;
  /** sha256 of method, path and body of the request answered (absent in records of older versions). */
  requestHash?: string;
}

/** A member's opt-in to one WeChat subscribe-message template (one-time: one message each). */
export interface Subscription {
  id: string;
  userId: string;
  templateId: string;
  /** 'reminder' or 'notice' */
  kind: string;
  createdAt: string;
  usedAt: string | null;
}

/** Small named values (e.g. which reminders were sent). */
export interface KvEntry {
  id: string;
  value: unknown;
}

export interface Collections {
  users: User;
  authSessions: AuthSession & { id: string };
  stations: MealStation;
  studios: Studio;
  sessions: StudioSession;
  slots: LegalSlot;
  bookings: Booking;
  notices: Notice;
  idempotency: IdempotencyRecord;
  subscriptions: Subscription;
  kv: KvEntry;
  /** Who did what and when (append-only; store/README.md). */
  audit: AuditEntry;
  /** A station closed for one date (id = closureId(stationId, date)). */
  closures: StationClosure;
  /** The lawyer's outcome and private note of a consultation (id = the booking's id). */
  consultationNotes: ConsultationNote;
}
export type CollectionName = keyof Collections;
export const COLLECTIONS: readonly CollectionName[] = [
  'users',
  'authSessions',
  'stations',
  'studios',
  'sessions',
  'slots',
  'bookings',
  'notices',
  'idempotency',
  'subscriptions',
  'kv',
  'audit',
  'closures',
  'consultationNotes',
];

/** The id of a station's closure on a date: one closure a station and date. */
export const closureId = (stationId: string, date: string) => `cl:${stationId}:${date}`;
