import { z } from 'zod';
import { isValidDate, parseHours } from '../calendar/days.js';
import { ROLES } from '../domain.js';

/** Any id a client may send: one that names nothing is answered 404, not 400 (API.md). */
export const Id = z.string().min(1).regex(/^[^\u0000-\u001f\u007f]+$/, 'ID 不能含控制字符');
export const BusinessDate = z
  .string()
  .refine(isValidDate, { message: '日期格式应为 YYYY-MM-DD' });
/** An instant with an explicit offset, e.g. 2026-11-22T09:00:00+08:00. */
export const InstantString = z.iso.datetime({ offset: true, message: '时间格式应为带时区的 ISO 8601' });
export const Hours = z.string().refine((s) => parseHours(s) !== null, {
  message: '营业时间格式应为 HH:mm-HH:mm，且开门早于关门',
});
export const Phone = z.string().regex(/^1\d{10}$/, '请输入 11 位手机号');
export const Text = (max: number) => z.string().trim().min(1).max(max);
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Page link inside the mini-program, e.g. pages/meals/index?station=st_1. */
export const PagePath = z.string().max(300).regex(/^\/?pages\/[A-Za-z0-9_/-]+(\?.*)?$/, '页面路径应以 pages/ 开头');

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
