import { z } from 'zod';
import { LEGAL_CATEGORIES, LEGAL_MODES } from '../domain.js';
import { Hours, Id, InstantString, Text } from './common.js';

export const MealStationCreate = z.object({
  name: Text(60),
  address: Text(200),
  district: Text(30),
  hours: Hours,
  dailyQuota: z.number().int().min(0).max(10_000),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  phone: Text(30).optional(),
  notes: Text(500, { multiline: true }).optional(),
});
export const MealStationUpdate = MealStationCreate.partial();
export const MealStation = MealStationCreate.extend({ id: Id, createdAt: z.string() });
export type MealStation = z.infer<typeof MealStation>;
export type MealStationCreate = z.infer<typeof MealStationCreate>;
/** `closedReason`: staff closed the station that date (「今日暂停供餐：…」). */
export type MealStationView = MealStation & { remaining: number; closedReason?: string | null };

export const StudioCreate = z.object({
  name: Text(80),
  leader: Text(40),
  leaderTitle: Text(60),
  company: Text(80),
  field: Text(40),
  address: Text(200),
  description: Text(1000, { multiline: true }),
});
export const StudioUpdate = StudioCreate.partial();
export const Studio = StudioCreate.extend({ id: Id, createdAt: z.string() });
export type Studio = z.infer<typeof Studio>;

const sessionShape = z.object({
  studioId: Id,
  startsAt: InstantString,
  endsAt: InstantString,
  capacity: z.number().int().min(1).max(1000),
});
const endsAfterStart = (v: { startsAt?: string; endsAt?: string }) =>
  !v.startsAt || !v.endsAt || Date.parse(v.endsAt) > Date.parse(v.startsAt);
export const StudioSessionCreate = sessionShape.refine(endsAfterStart, {
  message: '结束时间应晚于开始时间',
  path: ['endsAt'],
});
export const StudioSessionUpdate = sessionShape.partial().refine(endsAfterStart, {
  message: '结束时间应晚于开始时间',
  path: ['endsAt'],
});
export const StudioSession = sessionShape.extend({ id: Id, createdAt: z.string() });
export type StudioSession = z.infer<typeof StudioSession>;
export type StudioSessionView = StudioSession & { remaining: number; waitlisted: number };

export const LegalMode = z.enum(LEGAL_MODES);
export type LegalMode = z.infer<typeof LegalMode>;
const slotShape = z.object({
  startsAt: InstantString,
  endsAt: InstantString,
  mode: LegalMode,
  lawyer: Text(40).optional(),
  location: Text(200).optional(),
});
export const LegalSlotCreate = slotShape.refine(endsAfterStart, { message: '结束时间应晚于开始时间', path: ['endsAt'] });
export const LegalSlotUpdate = slotShape.partial().refine(endsAfterStart, {
  message: '结束时间应晚于开始时间',
  path: ['endsAt'],
});
export const LegalSlot = slotShape.extend({ id: Id, createdAt: z.string() });
export type LegalSlot = z.infer<typeof LegalSlot>;
export type LegalSlotView = LegalSlot & { available: boolean };

export const LegalCategory = z.enum(LEGAL_CATEGORIES);
export type LegalCategory = z.infer<typeof LegalCategory>;
