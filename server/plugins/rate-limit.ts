/**
 * Rate limits on every write route (and the ask route), by @fastify/rate-limit: one-minute windows
 * per client address and per caller (the user, the bot, or the username/phone a login names), per
 * route group. The login routes share one group, so trying one after another gains nothing.
 * RATE_LIMIT is the per-minute budget; 0 turns limits off (load tests). On PostgreSQL the counts live
 * in the database, so several server processes share one budget (a guesser gains nothing from a
 * load balancer); on lowdb, one process owns the store and counts in memory.
 */
import { createHash } from 'node:crypto';
import rateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors.js';
import type { Store } from '../store/types.js';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** Members behind one station's Wi-Fi share an address: writes allow this many times more per address. */
const SHARED_ADDRESS_FACTOR = 10;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Which budget a route spends, or null for routes without limits (reads, logout). */
function groupOf(req: FastifyRequest): string | null {
  const url = req.routeOptions.url;
  if (!url || !url.startsWith('/api/') || READS.has(req.method)) return null;
  if (url === '/api/auth/logout') return null;
  if (url.startsWith('/api/auth/')) return 'login';
  return `${req.method} ${url}`;
}

/** Who is asking, beyond the address: the session's user, the bot, or the account a login names. */
function callerOf(req: FastifyRequest): string | null {
  if (req.user) return `user:${req.user.id}`;
  if (req.isBot) return 'bot';
  const body = req.body as { username?: unknown; phone?: unknown } | null | undefined;
  if (body && typeof body === 'object') {
    if (typeof body.username === 'string') return `username:${body.username.trim().toLowerCase()}`;
    if (typeof body.phone === 'string') return `phone:${body.phone.trim()}`;
  }
  return null;
}

/** @fastify/rate-limit's store interface over Store.rateLimitHit. Keys are hashed: they name phones and users. */
function sharedCounts(hit: NonNullable<Store['rateLimitHit']>): FastifyRateLimitStoreCtor {
  return class SharedCounts implements FastifyRateLimitStore {
    incr(key: string, cb: (err: Error | null, res?: { current: number; ttl: number }) => void, timeWindow: number) {
      const hashed = createHash('sha256').update(key).digest('base64url');
      hit(hashed, timeWindow).then(
        (r) => cb(null, { current: r.hits, ttl: r.ttlMs }),
        (err: Error) => cb(err),
      );
    }
    child() {
      return this;
    }
  };
}

export async function registerRateLimits(app: FastifyInstance, perMinute: number, store: Store): Promise<void> {
  if (perMinute <= 0) return;
  const hit = store.rateLimitHit?.bind(store);
  await app.register(rateLimit, { global: false, ...(hit ? { store: sharedCounts(hit) } : {}) });
  const limiters = new Map<string, Limiter>();
  const limiter = (name: string, max: number, key: (req: FastifyRequest) => string): Limiter => {
    let l = limiters.get(name);
    if (!l) {
      l = app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: key });
      limiters.set(name, l);
    }
    return l;
  };
  const refuse = (reply: FastifyReply, seconds: number) => {
    reply.header('retry-after', String(Math.max(1, seconds)));
    throw new DomainError('RATE_LIMITED', '操作太频繁，请一分钟后再试');
  };

  // preValidation: after the body is parsed (a login's username), before it is checked, so a flood
  // of malformed requests spends the budget too; before the route guards, so anonymous ones do.
  app.addHook('preValidation', async (req, reply) => {
    const group = groupOf(req);
    if (!group) return;
    const open = group === 'login' || group === 'POST /api/ask';
    const byAddress = limiter(`${group}|ip`, open ? perMinute : perMinute * SHARED_ADDRESS_FACTOR, (r) => `${group}|ip|${r.ip}`);
    const a = await byAddress(req);
    if (!a.isAllowed && a.isExceeded) refuse(reply, a.ttlInSeconds);
    if (!callerOf(req)) return;
    const byCaller = limiter(`${group}|caller`, perMinute, (r) => `${group}|${callerOf(r)}`);
    const c = await byCaller(req);
    if (!c.isAllowed && c.isExceeded) refuse(reply, c.ttlInSeconds);
  });
}
