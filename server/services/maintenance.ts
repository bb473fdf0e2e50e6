/**
 * Housekeeping: forget Idempotency-Keys after 24 h and sessions after they expire; delete legal
 * questions at the end of their keeping (retention.ts).
 */
import { lock } from '../store/locks.js';
import type { ServiceContext } from './context.js';
import { purgeLegalDescriptions } from './retention.js';

const DAY = 86_400_000;

export async function pruneExpired(ctx: ServiceContext): Promise<{ idempotency: number; sessions: number }> {
  const now = ctx.now().getTime();
  const [keys, sessions] = await ctx.store.read(async (tx) => [
    (await tx.list('idempotency')).filter((r) => now - Date.parse(r.createdAt) >= DAY).map((r) => r.id),
    (await tx.list('authSessions')).filter((s) => Date.parse(s.expiresAt) <= now).map((s) => s.id),
  ]);
  // small transactions, so bookings never wait behind a long cleanup
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    await ctx.store.atomic(chunk.map(lock.idem), async (tx) => {
      for (const id of chunk) await tx.remove('idempotency', id);
    });
  }
  for (let i = 0; i < sessions.length; i += 500) {
    const chunk = sessions.slice(i, i + 500);
    // removing a login session needs no lock
    await ctx.store.atomic([], async (tx) => {
      for (const id of chunk) await tx.remove('authSessions', id);
    });
  }
  return { idempotency: keys.length, sessions: sessions.length };
}

/**
 * Runs the housekeeping now and every hour; returns a stop function. Every process of a PostgreSQL
 * deployment runs it: each step decides again under its locks, so running it twice changes nothing.
 */
export function startMaintenance(ctx: ServiceContext, onError: (err: unknown) => void): () => void {
  const run = () => {
    void pruneExpired(ctx).catch(onError);
    void purgeLegalDescriptions(ctx).catch(onError);
  };
  run();
  const timer = setInterval(run, 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}
