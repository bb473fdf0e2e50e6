/** Fixed one-minute windows per client and route group (login, ask). RATE_LIMIT=0 turns it off. */
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors.js';

export function createRateLimiter(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return function check(req: FastifyRequest, group: string): void {
    if (perMinute <= 0) return;
    const t = now();
    const key = `${group}|${req.ip}`;
    let w = windows.get(key);
    if (!w || t - w.start >= 60_000) {
      if (windows.size > 50_000) for (const [k, v] of windows) if (t - v.start >= 60_000) windows.delete(k);
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count += 1;
    if (w.count > perMinute) throw new DomainError('RATE_LIMITED', '操作太频繁，请一分钟后再试');
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
