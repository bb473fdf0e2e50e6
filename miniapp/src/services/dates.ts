/** Business dates in Asia/Shanghai (UTC+8, no DST), without pulling dayjs into the pages. */
const OFFSET_MS = 8 * 3600_000;

export function today(now: number = Date.now()): string {
  return new Date(now + OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

export function dateLabel(date: string, base: string = today()): string {
  const diff = Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${base}T00:00:00Z`)) / 86_400_000);
  const [, m, d] = date.split('-');
  const md = `${Number(m)}月${Number(d)}日`;
  if (diff === 0) return `今天 ${md}`;
  if (diff === 1) return `明天 ${md}`;
  if (diff === 2) return `后天 ${md}`;
  return `${md} 周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
}

/** "11月22日 周日 09:00" for an ISO instant, in Shanghai time. */
export function timeLabel(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = new Date(t + OFFSET_MS);
  const hh = String(s.getUTCHours()).padStart(2, '0');
  const mm = String(s.getUTCMinutes()).padStart(2, '0');
  return `${s.getUTCMonth() + 1}月${s.getUTCDate()}日 周${WEEKDAYS[s.getUTCDay()]} ${hh}:${mm}`;
}

export function clockLabel(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = new Date(t + OFFSET_MS);
  return `${String(s.getUTCHours()).padStart(2, '0')}:${String(s.getUTCMinutes()).padStart(2, '0')}`;
}

/** Parses a station's "HH:mm-HH:mm" opening hours; null when malformed. */
export function parseHours(hours: string | undefined): { opens: string; closes: string } | null {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec((hours ?? '').trim());
  if (!m) return null;
  const closes = `${m[3]}:${m[4]}` === '24:00' ? '23:59' : `${m[3]}:${m[4]}`;
  return { opens: `${m[1]}:${m[2]}`, closes };
}

/** The instant (ms) of wall-clock `hhmm` on Shanghai business date `date`. */
export function atLocalTime(date: string, hhmm: string): number {
  return Date.parse(`${date}T00:00:00Z`) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000 - OFFSET_MS;
}

/** True once the station has closed for the day on `date` (false when the hours are unreadable). */
export function stationClosed(date: string, hours: string | undefined, now: number = Date.now()): boolean {
  const h = parseHours(hours);
  if (!h) return date < today(now);
  return now >= atLocalTime(date, h.closes);
}

/** True once the station has opened on `date`: a meal booking can no longer be cancelled then. */
export function stationOpened(date: string, hours: string | undefined, now: number = Date.now()): boolean {
  const h = parseHours(hours);
  if (!h) return date < today(now);
  return now >= atLocalTime(date, h.opens);
}
