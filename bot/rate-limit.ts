/** Per-user sliding-window limit for group chats, so one person cannot make the bot flood a group. */

export interface UserRateLimit {
  /** Answers per user per window (default 5). */
  max: number;
  /** Window length in ms (default 60 000). */
  windowMs: number;
}

export const DEFAULT_USER_RATE_LIMIT: UserRateLimit = { max: 5, windowMs: 60_000 };

export type RateDecision = 'allow' | 'warn' | 'drop';

export function createUserLimiter(limit: UserRateLimit, now: () => number) {
  const hits = new Map<string, { times: number[]; warned: boolean }>();
  return function check(userId: string): RateDecision {
    const t = now();
    // Forget people who went quiet, so the map stays small in busy groups.
    if (hits.size > 5000) for (const [id, e] of hits) if (e.times.every((x) => t - x >= limit.windowMs)) hits.delete(id);
    const entry = hits.get(userId) ?? { times: [], warned: false };
    entry.times = entry.times.filter((x) => t - x < limit.windowMs);
    if (entry.times.length === 0) entry.warned = false;
    hits.set(userId, entry);
    if (entry.times.length < limit.max) {
      entry.times.push(t);
      return 'allow';
    }
    // One polite warning per window, then silence: the warning itself must not flood the group.
    if (entry.warned) return 'drop';
    entry.warned = true;
    return 'warn';
  };
}
