/**
 * Broadcast: every notice published anywhere is posted once to each target (WeChat room or WeCom
 * robot), in seq order, at most one post per target every `intervalMs`. Each target keeps its own
 * cursor, so a room that is briefly unreachable catches up without holding the others back.
 */
import type { ApiClient, Notice } from './api.js';
import type { CursorStore } from './cursor-store.js';

export interface BroadcastTarget {
  /** Stable key for the cursor file, e.g. `room:工友一群`. */
  key: string;
  send(notice: Notice): Promise<void>;
}

export interface BroadcasterOptions {
  api: ApiClient;
  cursors: CursorStore;
  targets: BroadcastTarget[];
  /** Minimum time between two posts to the same target. */
  intervalMs: number;
  /** How often to ask the server for new notices. */
  pollMs: number;
  log?: (level: 'info' | 'warn', message: string) => void;
}

export interface Broadcaster {
  start(): Promise<void>;
  /** Look for new notices now (after the bot itself published one). */
  poke(): void;
  stop(): Promise<void>;
}

export function createBroadcaster(opts: BroadcasterOptions): Broadcaster {
  const rawLog = opts.log ?? (() => undefined);
  // A missing room fails every round: say so once a minute, not every few seconds.
  const lastWarn = new Map<string, number>();
  const log = (level: 'info' | 'warn', message: string) => {
    if (level === 'warn') {
      if (Date.now() - (lastWarn.get(message) ?? 0) < 60_000) return;
      lastWarn.set(message, Date.now());
    }
    rawLog(level, message);
  };
  const lastSentAt = new Map<string, number>();
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let poked = false;

  /** Sleeps up to `ms`, or less when poked or stopped. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  /** Targets seen for the first time start at the newest notice: joining a room does not replay history. */
  async function initCursors() {
    const fresh = opts.targets.filter((t) => opts.cursors.get(t.key) === undefined);
    if (fresh.length === 0) return;
    const latest = (await opts.api.notices())[0]?.seq ?? 0;
    for (const t of fresh) await opts.cursors.set(t.key, latest);
  }

  async function spaced(key: string) {
    for (;;) {
      const wait = (lastSentAt.get(key) ?? 0) + opts.intervalMs - Date.now();
      if (wait <= 0 || !running) return;
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  async function deliver(target: BroadcastTarget, notices: Notice[]) {
    for (const notice of notices) {
      if (!running || notice.seq <= (opts.cursors.get(target.key) ?? 0)) continue;
      await spaced(target.key);
      if (!running) return;
      try {
        await target.send(notice);
      } catch (err) {
        // Keep order: stop here and retry this notice on the next round.
        log('warn', `通知 #${notice.seq} 发往 ${target.key} 失败，稍后重试：${(err as Error).message}`);
        return;
      }
      lastSentAt.set(target.key, Date.now());
      await opts.cursors.set(target.key, notice.seq);
      log('info', `通知 #${notice.seq}「${notice.title}」已发往 ${target.key}`);
    }
  }

  async function round() {
    await initCursors();
    const since = Math.min(...opts.targets.map((t) => opts.cursors.get(t.key) ?? 0));
    const notices = (await opts.api.notices(since)).sort((a, b) => a.seq - b.seq);
    if (notices.length === 0) return;
    await Promise.all(opts.targets.map((t) => deliver(t, notices)));
  }

  async function run() {
    while (running) {
      poked = false;
      try {
        await round();
      } catch (err) {
        log('warn', `读取通知失败，稍后重试：${(err as Error).message}`);
      }
      if (running && !poked) await pause(opts.pollMs);
    }
  }

  return {
    async start() {
      if (running || opts.targets.length === 0) return;
      running = true;
      try {
        await initCursors();
      } catch (err) {
        // Server down at start: the first successful round initialises instead.
        log('warn', `暂时读不到通知：${(err as Error).message}`);
      }
      loop = run();
    },
    poke() {
      poked = true;
      wake?.();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
    },
  };
}
