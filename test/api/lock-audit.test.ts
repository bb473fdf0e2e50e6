/**
 * The lock auditor (server/store/audit.ts) catches a write made without its lock, and the erasure
 * of a member racing that member's booking neither writes unlocked nor oversells a session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { lock, type LockKey } from '../../server/store/locks.js';
import type { Store, Tx } from '../../server/store/types.js';
import { takeViolations } from '../helpers/lock-audit.js';
import { admin, makeStation, makeStudioSession, member, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer | null = null;
afterEach(async () => {
  await s?.close({ drop: true });
  s = null;
});

type Hooks = {
  /** Rewrites every plan the app asks for (to leave a lock out on purpose). */
  plan?: (locks: readonly LockKey[]) => readonly LockKey[];
  /** Before the erasure of `erasing` takes its locks (once). */
  beforeErasure?: () => Promise<void>;
  /** Inside the erasure's transaction, after it wrote and before it commits (once). */
  beforeErasureCommits?: () => Promise<void>;
  erasing?: string;
};

/** The app's store with test hooks around `atomic`. */
function hooked(inner: Store, h: Hooks): Store {
  const isErasure = (locks: readonly LockKey[]) =>
    !!h.erasing && locks.some((l) => l.key === lock.user(h.erasing!).key) && locks.some((l) => l.key === lock.member(h.erasing!).key);
  return {
    kind: inner.kind,
    read: (fn) => inner.read(fn),
    onNotice: (l) => inner.onNotice(l),
    compact: inner.compact ? () => inner.compact!() : undefined,
    stats: () => inner.stats(),
    close: () => inner.close(),
    async atomic(locks, fn) {
      const plan = h.plan ? h.plan(locks) : locks;
      if (!isErasure(plan)) return inner.atomic(plan, fn);
      const before = h.beforeErasure;
      h.beforeErasure = undefined;
      await before?.();
      return inner.atomic(plan, async (tx) => {
        let wrote = false;
        const watched = new Proxy(tx, {
          get(t, k) {
            const v = (t as unknown as Record<string | symbol, unknown>)[k];
            if (typeof v !== 'function') return v;
            return (...a: unknown[]) => {
              if (k === 'put' || k === 'remove') wrote = true;
              return (v as (...x: unknown[]) => unknown).apply(t, a);
            };
          },
        }) as Tx;
        const result = await fn(watched);
        const pause = wrote ? h.beforeErasureCommits : undefined;
        if (pause) h.beforeErasureCommits = undefined;
        await pause?.();
        return result;
      });
    },
  };
}

const seats = (srv: TestServer, sessionId: string) => srv.rawStore.read((tx) => tx.confirmedSeats(sessionId));

describe('the lock auditor', () => {
  it.each([
    ['meal', 'member:'],
    ['meal', 'meal:'],
    ['meal', 'station:'],
    ['studio', 'session:'],
  ] as const)('refuses and reports a %s booking whose plan lost its %s lock', async (service, prefix) => {
    const hooks: Hooks = {};
    s = await startServer({ wrapStore: (inner) => hooked(inner, hooks) });
    const a = await admin(s);
    const st = await makeStation(a, 5);
    const { sessionId } = await makeStudioSession(a, 5);
    const m = await member(s);
    hooks.plan = (locks) => locks.filter((l) => !l.key.startsWith(prefix));
    const body = service === 'meal' ? { service, stationId: st.id, date: '2026-11-23' } : { service, sessionId, partySize: 1 };
    const r = await m.post('/api/bookings', body);
    expect(r.status).toBe(500);
    const seen = takeViolations();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain(`put bookings/`);
    expect(seen[0]).toContain(prefix);
    expect(await s.rawStore.read((tx) => tx.findBookings({ memberId: m.id }))).toEqual([]);
  });
});

describe('erasing a member while they book', () => {
  it("re-reads the erasure's plan: a booking made after the plan was read is cancelled under its lock", async () => {
    const hooks: Hooks = {};
    s = await startServer({ wrapStore: (inner) => hooked(inner, hooks) });
    const a = await admin(s);
    const { sessionId } = await makeStudioSession(a, 2);
    const m = await member(s);
    hooks.erasing = m.id;
    let made = '';
    hooks.beforeErasure = async () => {
      made = (await m.post('/api/bookings', { service: 'studio', sessionId, partySize: 1 })).body.booking.id;
    };
    expect((await m.del('/api/me')).status).toBe(204);
    expect(takeViolations()).toEqual([]);
    expect((await s.rawStore.read((tx) => tx.get('bookings', made)))?.status).toBe('cancelled');
  });

  // The race itself, with the auditor off so the data shows what a missing lock lets through: the
  // erasure cancels the member's seat and promotes a waiting party while a third member books.
  it('promotes the waitlist under the session lock: a booking made meanwhile never oversells', async () => {
    const hooks: Hooks = {};
    s = await startServer({ audit: false, wrapStore: (inner) => hooked(inner, hooks) });
    const a = await admin(s);
    const { sessionId } = await makeStudioSession(a, 2);
    const [m, waiting, late] = [await member(s), await member(s), await member(s)];
    hooks.erasing = m.id;
    let waitingId = '';
    // After the erasure read its plan (m had no booking then): m takes 1 of 2 seats, a party of 2 waits.
    hooks.beforeErasure = async () => {
      expect((await m.post('/api/bookings', { service: 'studio', sessionId, partySize: 1 })).body.booking.status).toBe('confirmed');
      const w = (await waiting.post('/api/bookings', { service: 'studio', sessionId, partySize: 2 })).body.booking;
      expect(w.status).toBe('waitlisted');
      waitingId = w.id;
    };
    // With m's seat cancelled and the party of 2 promoted, but before that commits, one more person books.
    let lateBooking: Promise<{ status: number; body: any }> | null = null;
    hooks.beforeErasureCommits = async () => {
      lateBooking = late.post('/api/bookings', { service: 'studio', sessionId, partySize: 1 });
      await new Promise((r) => setTimeout(r, 400)); // room for it to finish, if nothing holds it back
    };
    expect((await m.del('/api/me')).status).toBe(204);
    const lateAnswer = await lateBooking!;
    expect(lateAnswer.status).toBe(201);
    expect(await seats(s, sessionId)).toBeLessThanOrEqual(2);
    expect((await s.rawStore.read((tx) => tx.get('bookings', waitingId)))?.status).toBe('confirmed');
    expect(lateAnswer.body.booking.status).toBe('waitlisted');
  });
});
