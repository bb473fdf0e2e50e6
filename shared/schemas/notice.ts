import { z } from 'zod';
import { Id, PagePath, Text } from './common.js';

export const NoticeCreate = z.object({
  title: Text(60),
  body: Text(2000, { multiline: true }),
  link: PagePath.optional(),
  /** The bot's token publishes on behalf of this staff member (ignored for staff sessions). */
  onBehalfOf: z.string().max(64).optional(),
});
export const Notice = z.object({
  id: Id,
  seq: z.number().int(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable().optional(),
  /** A withdrawn notice leaves 通知 and is posted nowhere after this (group posts already made stay). */
  withdrawnAt: z.string().nullable().optional(),
  withdrawnBy: z.string().nullable().optional(),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeUpdate = NoticeCreate.omit({ onBehalfOf: true })
  .extend({ link: PagePath.nullable().optional() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: '请至少修改一项' });
export const NoticesQuery = z.object({ since: z.string().max(40).optional() });
