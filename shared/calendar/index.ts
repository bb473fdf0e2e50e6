/**
 * Business calendar: every business date and opening hour is Asia/Shanghai, whatever the
 * machine's TZ. Nothing here reads the clock; callers pass `now`. The arithmetic lives in days.ts
 * (no imports, also bundled into the mini-program); dayjs formats instants for people and files.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import { toMillis, type Instant } from './days.js';

export * from './days.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const BUSINESS_TZ = 'Asia/Shanghai';

/** ISO 8601 with the +08:00 offset, as the API prints instants. */
export function toShanghaiIso(t: Instant): string {
  return dayjs(toMillis(t)).tz(BUSINESS_TZ).format('YYYY-MM-DDTHH:mm:ssZ');
}

export { dayjs, type Dayjs };
