/**
 * Subscribe-message template data: which of our roles goes to which template keyword, and WeChat's
 * field limits (thing.DATA at most 20 characters, time.DATA as a date and clock).
 */
import { toShanghaiIso } from '../../shared/calendar/index.js';
import type { ServiceContext } from '../services/context.js';

/** Template data keys by role. Union staff map these to their templates' keywords (WECHAT.md). */
export const NOTICE_FIELDS = { title: 'thing1', summary: 'thing2', time: 'time3', from: 'thing4' } as const;
export const REMINDER_FIELDS = { service: 'thing1', time: 'time2', place: 'thing3', code: 'character_string4', tip: 'thing5' } as const;
export type NoticeRole = keyof typeof NOTICE_FIELDS;
export type ReminderRole = keyof typeof REMINDER_FIELDS;
export type FieldMap<R extends string> = Partial<Record<R, string>>;

/** thing.DATA: at most 20 characters, one line. */
export function thing(s: string): string {
  const chars = [...s.replace(/\s+/g, ' ').trim()];
  return chars.length <= 20 ? chars.join('') || '—' : `${chars.slice(0, 19).join('')}…`;
}

/** "2026年11月24日" */
export function dateText(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** time.DATA: "2026年11月23日 09:00" in Shanghai time. */
export function timeText(iso: string): string {
  const s = toShanghaiIso(iso);
  return `${dateText(s.slice(0, 10))} ${s.slice(11, 16)}`;
}

/** time.DATA range: "2026年11月25日 09:30~11:30". */
export function rangeText(startsAt: string, endsAt: string): string {
  const a = toShanghaiIso(startsAt);
  const b = toShanghaiIso(endsAt);
  return a.slice(0, 10) === b.slice(0, 10) ? `${timeText(startsAt)}~${b.slice(11, 16)}` : `${timeText(startsAt)}~${timeText(endsAt)}`;
}

/** The template data object: each role's value under its keyword; roles without a keyword are left out. */
export function fields<R extends string>(keys: FieldMap<R>, values: Record<R, string>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const role of Object.keys(values) as R[]) {
    const key = keys[role];
    if (key) out[key] = { value: values[role] };
  }
  return out;
}

/**
 * Template keys: explicit option, else the config value "role=key,role=key" (e.g.
 * WX_TEMPLATE_NOTICE_FIELDS="title=thing2,time=date5,summary=,from=") — roles left out keep their
 * default key, a role with an empty key is not sent — else the defaults.
 */
export function fieldMap<R extends string>(ctx: ServiceContext, name: string, defaults: Record<R, string>, override?: FieldMap<R>): FieldMap<R> {
  if (override) return { ...defaults, ...override };
  const raw = (ctx.config as unknown as Record<string, unknown>)[name];
  if (typeof raw !== 'string' || !raw.trim()) return defaults;
  const out: FieldMap<R> = { ...defaults };
  for (const part of raw.split(',')) {
    const [role, key = ''] = part.split('=').map((x) => x.trim());
    if (role && role in defaults) out[role as R] = key;
  }
  return out;
}
