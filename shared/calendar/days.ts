/**
 * Business dates and wall-clock times in Asia/Shanghai with plain integer maths: no imports, so the
 * mini-program pages, the bot and the server all use this one copy. Nothing here reads the clock.
 */
/** Shanghai has had no DST since 1991; a fixed offset keeps date math exact and fast. */
export const OFFSET_MINUTES = 8 * 60;

export type Instant = Date | string | number;

export function toMillis(t: Instant): number {
  return t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a YYYY-MM-DD date (integer maths: this runs on every booking). */
function dayNumber(date: string): number {
  return Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
}

function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The business date (YYYY-MM-DD) at instant `t`. */
export function businessDate(t: Instant): string {
  return formatDay(Math.floor((toMillis(t) + OFFSET_MINUTES * 60_000) / DAY_MS));
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return formatDay(dayNumber(date) + days);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** The instant at wall-clock `hhmm` ("08:30") on business date `date`. */
export function atLocalTime(date: string, hhmm: string): Date {
  const minutes = +hhmm.slice(0, 2) * 60 + +hhmm.slice(3, 5) - OFFSET_MINUTES;
  return new Date(dayNumber(date) * DAY_MS + minutes * 60_000);
}

/**
 * Milliseconds of an ISO instant; one written without an offset ("2026-11-23T14:00") is Shanghai
 * wall-clock time, never the server's own zone. NaN when unreadable.
 */
export function parseShanghaiInstant(s: string): number {
  const hasOffset = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(s);
  return Date.parse(hasOffset || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(s) ? s : `${s}+08:00`);
}

/** ISO 8601 with the +08:00 offset, as the API prints instants ("2026-11-23T10:00:00+08:00"). */
export function toShanghaiIso(t: Instant): string {
  return `${new Date(toMillis(t) + OFFSET_MINUTES * 60_000).toISOString().slice(0, 19)}+08:00`;
}

/** "2026-11-23 09:30": an instant in Shanghai local time, as a spreadsheet shows it. */
export function shanghaiDateTime(t: Instant): string {
  return toShanghaiIso(t).slice(0, 16).replace('T', ' ');
}

/** "11月22日 周日 09:03": an instant as a worker reads it, in Shanghai time. */
export function shanghaiClock(t: Instant): string {
  const local = new Date(toMillis(t) + OFFSET_MINUTES * 60_000);
  const iso = local.toISOString();
  return `${+iso.slice(5, 7)}月${+iso.slice(8, 10)}日 周${'日一二三四五六'[local.getUTCDay()]} ${iso.slice(11, 16)}`;
}


/** Valid calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isValidDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = +m[1]!;
  const mo = +m[2]!;
  const d = +m[3]!;
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
}

export interface OpeningHours {
  opens: string;
  closes: string;
}

/** Parses "HH:mm-HH:mm"; null when malformed or not opening before closing. */
export function parseHours(hours: string): OpeningHours | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/.exec(hours);
  if (!m) return null;
  const opens = `${m[1]}:${m[2]}`;
  const closes = `${m[3]}:${m[4]}`;
  if (closes === '24:00' ? false : closes <= opens) return null;
  return { opens, closes: closes === '24:00' ? '23:59' : closes };
}

/** Human Chinese label for a date relative to today: 今天/明天/后天/11月23日. */
export function dateLabel(date: string, today: string): string {
  const diff = daysBetween(today, date);
  if (diff === 0) return '今天';
  if (diff === 1) return '明天';
  if (diff === 2) return '后天';
  const [, m, d] = date.split('-');
  return `${Number(m)}月${Number(d)}日`;
}
