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
});
export type Notice = z.infer<typeof Notice>;
export const NoticesQuery = z.object({ since: z.string().max(40).optional() });
