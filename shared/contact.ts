/**
 * Phone numbers and names as people type them. One home for both the mini-program (checks before it
 * sends) and the server's schemas (shared/schemas/common.ts), so a number the form accepts is never
 * refused by the API and the other way round. Plain functions: no zod, no dayjs (clients import this).
 */
// No .js: the mini-program's webpack resolves this file from TypeScript and has no .js → .ts mapping.
import { NAME_MAX } from './domain';

/**
 * Longest phone text a form lets someone type: 「+86 138-0013-8000」 is 17 characters, and the input
 * must not cut it at 11 (a number typed with spaces would lose its last digits).
 */
export const PHONE_INPUT_MAX = 24;

export const PHONE_MESSAGE = '请输入 11 位手机号';

// Full-width digits and plus from a Chinese input method count as the ASCII ones.
const FULL_WIDTH = /[\uff10-\uff19\uff0b]/g;
// Separators people put in a number: spaces (also full-width and no-break), dashes of every kind,
// dots, brackets around the prefix.
const SEPARATORS = /[\s\u00a0\u3000\-\u2010-\u2015\u2212\ufe63\uff0d.()（）]/g;

/**
 * A mainland mobile number as 11 digits, or null. Accepts spaces, dashes and a +86 / 0086 / 86
 * country prefix: 「138 0013 8000」「+86 138-0013-8000」 → 13800138000.
 */
export function normalizePhone(input: string): string | null {
  const s = input
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(SEPARATORS, '');
  const m = /^(?:\+86|0086|86)?(1\d{10})$/.exec(s);
  return m ? m[1]! : null;
}

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

/** The server says it after 「姓名：」 (server/plugins/errors.ts), the mini-program the same way. */
export const NAME_TOO_LONG = `最多 ${NAME_MAX} 个字，请改短一些`;

/**
 * A name as given, trimmed; too long is refused with a message, never cut. Counted as the server
 * counts (UTF-16 units, zod's max), so both sides agree on where the limit is.
 */
export function checkName(input: string): NameCheck {
  const name = input.trim();
  if (!name) return { ok: false, message: '请填写姓名' };
  if (name.length > NAME_MAX) return { ok: false, message: `姓名：${NAME_TOO_LONG}` };
  return { ok: true, name };
}
