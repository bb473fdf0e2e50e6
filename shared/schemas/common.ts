import { z } from 'zod';
import { isValidDate, parseHours, parseShanghaiInstant } from '../calendar/days.js';
import { NAME_MAX, ROLES } from '../domain.js';
import { NAME_TOO_LONG, PHONE_INPUT_MAX, PHONE_MESSAGE, normalizePhone } from '../contact.js';

/** Any id a client may send: one that names nothing is answered 404, not 400 (API.md). */
export const Id = z.string().min(1).regex(/^[^\u0000-\u001f\u007f]+$/, 'ID 不能含控制字符');
export const BusinessDate = z
  .string()
  .refine(isValidDate, { message: '日期格式应为 YYYY-MM-DD' });
/** An instant with an explicit offset, e.g. 2026-11-22T09:00:00+08:00. */
export const InstantString = z.iso.datetime({ offset: true, message: '时间格式应为带时区的 ISO 8601' });
/** Opening hours as a client sends them: 00:00–23:59 only, opening before closing. */
export const Hours = z.string().refine((s) => /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(s) && parseHours(s) !== null, {
  message: '营业时间格式应为 HH:mm-HH:mm（00:00 到 23:59），且开门早于关门',
});
/** A business date, or an instant on a real calendar day and clock time (2026-02-30 is refused, not rolled). */
export const DateOrInstant = z
  .string()
  .max(40)
  .refine(
    (s) =>
      isValidDate(s) ||
      (/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?([zZ]|[+-]\d{2}:?\d{2})?$/.test(s) && isValidDate(s.slice(0, 10)) && !Number.isNaN(parseShanghaiInstant(s))),
    { message: '应为日期 YYYY-MM-DD 或 ISO 时间' },
  );
/** A mobile number as typed (spaces, dashes, +86 allowed), stored as its 11 digits (shared/contact.ts). */
export const Phone = z
  .string()
  .max(PHONE_INPUT_MAX, PHONE_MESSAGE)
  .transform((s, ctx) => {
    const phone = normalizePhone(s);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: PHONE_MESSAGE });
      return z.NEVER;
    }
    return phone;
  });

// Control characters (line breaks allowed where asked), bidi embeddings/overrides/isolates that
// can reorder what staff read, and characters that show nothing.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;
const INVISIBLE = /[\s\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff\u3164\u115f\u1160]/gu;

/** Schemas made by Text(): their stored form is a plain string (records.ts loads older data leniently). */
export const TEXT_SCHEMAS = new WeakSet<z.ZodType>();

/**
 * Every free-text field a client sends: trimmed, 1..max characters, no control characters (line
 * breaks only with `multiline`), no lone surrogates, no bidi overrides, not only invisible characters.
 */
export function Text(max: number, opts: { multiline?: boolean; tooLong?: string } = {}) {
  const t = z
    .string()
    .trim()
    .min(1)
    .max(max, opts.tooLong)
    .refine((s) => !(opts.multiline ? CONTROLS_BUT_LINES : CONTROLS).test(s), { message: '不能含控制字符' })
    .refine((s) => !LONE_SURROGATE.test(s), { message: '含有无效字符' })
    .refine((s) => !BIDI.test(s), { message: '不能含文字方向控制符' })
    .refine((s) => s.replace(INVISIBLE, '').length > 0, { message: '不能只有空白或不可见字符' });
  TEXT_SCHEMAS.add(t);
  return t;
}
/** A person's name: too long is refused with a sentence, never cut (the mini-program checks the same). */
export const Name = Text(NAME_MAX, { tooLong: NAME_TOO_LONG });
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Page link inside the mini-program, e.g. pages/meals/index?station=st_1. */
export const PagePath = z.string().max(300).regex(/^\/?pages\/[A-Za-z0-9_/-]+(\?.*)?$/, '页面路径应以 pages/ 开头');

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
