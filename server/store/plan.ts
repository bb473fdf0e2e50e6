/**
 * Transactions whose locks depend on data: erasing a member locks each of their bookings, checking in
 * a code locks the booking it names. The plan is read, taken, and read again inside the transaction;
 * if it grew in between (a booking made meanwhile), the transaction is given up before it writes and
 * runs again with the larger plan. So nothing is ever written under a plan read without its locks.
 */
import { covers, normalise, type LockKey } from './locks.js';
import { StoreUnavailableError, type Awaitable, type Store, type Tx } from './types.js';

/** Plans that keep growing (someone booking as fast as we erase) give up eventually: 503. */
const MAX_PLANS = 8;

export type Plan = (tx: Tx) => Awaitable<readonly LockKey[]>;

export async function atomicPlanned<T>(store: Store, plan: Plan, fn: (tx: Tx) => Awaitable<T>): Promise<T> {
  let locks = normalise(await store.read(plan));
  for (let attempt = 1; ; attempt++) {
    const held = locks;
    const outcome = await store.atomic(held, async (tx): Promise<{ done: T } | { grew: LockKey[] }> => {
      const now = await plan(tx);
      if (!covers(held, now)) return { grew: normalise([...held, ...now]) };
      return { done: await fn(tx) };
    });
    if ('done' in outcome) return outcome.done;
    if (attempt >= MAX_PLANS) throw new StoreUnavailableError('数据变化太快，请稍后再试');
    locks = outcome.grew;
  }
}

/** A fixed plan, or one read from the data. */
export type Locks = readonly LockKey[] | Plan;

/** `atomic` for either kind of plan. */
export function atomicWith<T>(store: Store, locks: Locks, fn: (tx: Tx) => Awaitable<T>): Promise<T> {
  return typeof locks === 'function' ? atomicPlanned(store, locks, fn) : store.atomic(locks, fn);
}

/** `locks` plus `extra`, of the same kind. */
export function withLocks(locks: Locks, ...extra: LockKey[]): Locks {
  if (typeof locks !== 'function') return [...extra, ...locks];
  return async (tx) => [...extra, ...(await locks(tx))];
}
