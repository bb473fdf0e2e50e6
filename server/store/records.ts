/** zod schemas for every stored collection, used to validate data loaded from disk. */
import { z } from 'zod';
import {
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
import { Hours, TEXT_SCHEMAS } from '../../shared/schemas/common.js';
import type { CollectionName } from './types.js';

/**
 * A record schema from an input schema, with the input-only checks (Text's characters, strict
 * hours) relaxed to plain strings: data accepted by an older version must still load.
 */
function stored(schema: z.ZodObject): z.ZodObject {
  const relax = (f: z.ZodType): z.ZodType => {
    if (f instanceof z.ZodOptional) return relax(f.unwrap() as z.ZodType).optional();
    return TEXT_SCHEMAS.has(f) || f === Hours ? z.string() : f;
  };
  return z.object(Object.fromEntries(Object.entries(schema.shape).map(([k, f]) => [k, relax(f as z.ZodType)])));
}

export const RECORD_SCHEMAS: Record<CollectionName, z.ZodType> = {
  users: User,
  authSessions: AuthSession.extend({ id: z.string() }),
  stations: stored(MealStation),
  studios: stored(Studio),
  sessions: StudioSession,
  slots: stored(LegalSlot),
  bookings: Booking,
  notices: Notice,
  idempotency: z.object({ id: z.string(), status: z.number().int(), body: z.unknown(), createdAt: z.string(), requestHash: z.string().optional() }),
  subscriptions: z.object({
    id: z.string(),
    userId: z.string(),
    templateId: z.string(),
    kind: z.string(),
    createdAt: z.string(),
    usedAt: z.string().nullable(),
  }),
  kv: z.object({ id: z.string(), value: z.unknown() }),
  audit: AuditEntry,
  closures: StationClosure,
  consultationNotes: ConsultationNote,
};
