/**
 * Business calendar: every business date and opening hour is Asia/Shanghai, whatever the
 * machine's TZ. Nothing here reads the clock; callers pass `now`. All of it is plain arithmetic on a
 * fixed +08:00 offset (days.ts: no imports, also bundled into the mini-program): Shanghai has had no
 * daylight saving time since 1991, and a time-zone library cost ~100 µs an instant (the day's CSV).
 */
export * from './days.js';

export const BUSINESS_TZ = 'Asia/Shanghai';
