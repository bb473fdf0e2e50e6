/**
 * Dates as the pages show them. The Shanghai arithmetic is the shared one (shared/calendar/days.ts,
 * no imports, so no dayjs in the pages); this file only adds labels and station checks.
 */
import {
  addDays,
  atLocalTime as atLocalInstant,
  businessDate,
  daysBetween,
  parseHours as parseOpeningHours,
  shanghaiClock,
  toMillis,
  OFFSET_MINUTES,
} from '../../../shared/calendar/days';

export { addDays };

export function today(now: number = Date.now()): string {
  return businessDate(now);
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

export function dateLabel(date: string, base: string = today()): string {
  const diff = daysBetween(base, date);
  const [, m, d] = date.split('-');
  const md = `${Number(m)}月${Number(d)}日`;
  if (diff === 0) return `今天 ${md}`;
  if (diff === 1) return `明天 ${md}`;
  if (diff === 2) return `后天 ${md}`;
  return `${md} 周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
}

/** "11月22日 周日 09:00" for an ISO instant, in Shanghai time. */
export function timeLabel(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? iso : shanghaiClock(iso);
}

/** "09:00" for an ISO instant, in Shanghai time. */
export function clockLabel(iso: string): string {
  const t = toMillis(iso);
  return Number.isNaN(t) ? '' : new Date(t + OFFSET_MINUTES * 60_000).toISOString().slice(11, 16);
}

/** A station's "HH:mm-HH:mm" opening hours; null when malformed or missing. */
export function parseHours(hours: string | undefined): { opens: string; closes: string } | null {
  return hours ? parseOpeningHours(hours.trim()) : null;
}

/** The instant (ms) of wall-clock `hhmm` on Shanghai business date `date`. */
export function atLocalTime(date: string, hhmm: string): number {
  return atLocalInstant(date, hhmm).getTime();
}

/** True once the station has closed for the day on `date` (false when the hours are unreadable). */
export function stationClosed(date: string, hours: string | undefined, now: number = Date.now()): boolean {
  const h = parseHours(hours);
  if (!h) return date < today(now);
  return now >= atLocalTime(date, h.closes);
}
