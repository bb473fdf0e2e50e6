/**
 * WeChat subscribe messages: new notices go to members who opted in (notices.ts); bookings get a
 * reminder the day before (reminders.ts); template data in templates.ts, opt-ins in optins.ts. Runs
 * only when WeChat credentials and template ids are configured (see WECHAT.md).
 *
 * Every opt-in is one-time: the transaction that picks a subscription also marks it used (and, for
 * reminders, records `kv` `reminder:<bookingId>`), and the message goes out after that commit. So a
 * restart, a second server process or a repeated run never sends twice (at most once). When WeChat
 * certainly did not deliver (no access token, connection refused, an error answer other than
 * 43101) the claim is given back: the opt-in stays usable and a reminder is retried on the next run.
 */
import type { ServiceContext } from '../services/context.js';
import { sendNotice } from './notices.js';
import { enabled, silent, type Log } from './optins.js';
import { runRemindersOnce, type ReminderOptions } from './reminders.js';
import type { FieldMap, NoticeRole } from './templates.js';

export { sendNotice, noticeData } from './notices.js';
export { runRemindersOnce, reminderData, type ReminderResult } from './reminders.js';
export { recordOptIns } from './optins.js';
export { sendClosureMessages, closureData } from './closures.js';
export { NOTICE_FIELDS, REMINDER_FIELDS, thing, timeText, type FieldMap, type NoticeRole, type ReminderRole } from './templates.js';

export interface NotificationOptions extends ReminderOptions {
  /** How often reminders are looked for; 0 turns the timer off (tests call runRemindersOnce). Default 10 minutes. */
  reminderIntervalMs?: number;
  /** Override template keys; else WX_TEMPLATE_NOTICE_FIELDS / WX_TEMPLATE_REMINDER_FIELDS, else the defaults. */
  noticeFields?: FieldMap<NoticeRole>;
}

export type StopNotifications = (() => void) & {
  /** Resolves when every notice received so far has been handled and no reminder run is going on. */
  idle(): Promise<void>;
};

export function startNotifications(ctx: ServiceContext, log: Log = silent, opts: NotificationOptions = {}): StopNotifications {
  const on = enabled(ctx);
  if (!on) {
    if (ctx.wechat) log.info('wechat subscribe messages off: set WX_TEMPLATE_NOTICE and/or WX_TEMPLATE_REMINDER');
    return Object.assign(() => {}, { idle: async () => {} });
  }
  log.info({ notice: !!on.noticeTemplate, reminder: !!on.reminderTemplate }, 'wechat subscribe messages enabled');
  let stopped = false;
  let chain: Promise<void> = Promise.resolve();
  let reminderRun: Promise<unknown> | null = null;

  const unsubscribe = on.noticeTemplate
    ? ctx.store.onNotice((n) => {
        if (stopped) return;
        chain = chain.then(async () => void (await sendNotice(ctx, n, log, opts))).catch((err) => log.error({ err, notice: n.id }, 'wechat notice fan-out failed'));
      })
    : () => {};

  const tick = () => {
    if (stopped || reminderRun) return;
    reminderRun = runRemindersOnce(ctx, log, opts)
      .catch((err) => log.error({ err }, 'wechat reminders failed'))
      .finally(() => (reminderRun = null));
  };
  const every = opts.reminderIntervalMs ?? 10 * 60_000;
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Timeout | null = null;
  if (on.reminderTemplate && every > 0) {
    timer = setInterval(tick, every);
    timer.unref();
    first = setTimeout(tick, 5_000); // soon after start, not during it
    first.unref();
  }

  const stop = () => {
    stopped = true;
    unsubscribe();
    if (timer) clearInterval(timer);
    if (first) clearTimeout(first);
  };
  return Object.assign(stop, {
    async idle() {
      for (;;) {
        const c = chain;
        const r = reminderRun;
        await c;
        await r;
        if (c === chain && r === reminderRun) return;
      }
    },
  });
}
