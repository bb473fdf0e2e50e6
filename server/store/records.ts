/** zod schemas for every stored collection, used to validate data loaded from disk. */
import { z } from 'zod';
import {
  AuthSession,
  Booking,
  LegalSlot,
  MealStation,
  Notice,
  Studio,
  StudioSession,
  User,
} from '../../shared/schemas/index.js';
import type { CollectionName } from './types.js';

export const RECORD_SCHEMAS: Record<CollectionName, z.ZodType> = {
  users: User,
  authSessions: AuthSession.extend({ id: z.string() }),
  stations: MealStation,
  studios: Studio,
  sessions: StudioSession,
  slots: LegalSlot,
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
};
