/** Erasing a member's personal data (DELETE /api/me). */
import { DESCRIPTION_DELETED } from '../../shared/domain.js';
import { DomainError } from '../../shared/errors.js';
import { bookingLocks, lock } from '../store/locks.js';
import { atomicPlanned, type Plan } from '../store/plan.js';
import { cancelInTx } from './bookings.js';
import { StoreUnavailableError, type Tx } from '../store/types.js';
import type { ServiceContext } from './context.js';
import { endSessions, keepOneAdmin } from './users.js';

/**
 * Remembered answers that hold the member's booking bodies (descriptions, phones): their own, and
 * staff check-ins of their bookings.
 */
async function rememberedAnswers(tx: Tx, userId: string): Promise<string[]> {
  const out: string[] = [];
  for (const r of await tx.list('idempotency')) {
    const body = r.body as { booking?: { memberId?: string } } | null;
    if (r.id.startsWith(`${userId}:`) || body?.booking?.memberId === userId) out.push(r.id);
  }
  return out;
}

/**
 * Erase a member's personal data: name and phone (also on their bookings), legal descriptions,
 * upcoming bookings (cancelled, waitlists promoted), sessions and subscriptions.
 */
/**
 * Plan of erasing: the user, the member's limits (no booking slips in), every opt-in, the capacity of
 * each of their bookings (cancelling promotes waitlists) and each remembered answer. Read from the
 * data, so atomicPlanned reads it again under the locks and starts over if a booking came meanwhile.
 */
function erasurePlan(userId: string): Plan {
  return async (tx) => [
    lock.user(userId),
    ...((await tx.get('users', userId))?.role === 'admin' ? [lock.admins()] : []),
    lock.member(userId),
    lock.subscriptions(),
    ...(await tx.findBookings({ memberId: userId })).flatMap(bookingLocks),
    ...(await rememberedAnswers(tx, userId)).map(lock.idem),
  ];
}

export async function eraseMe(ctx: ServiceContext, userId: string) {
  // lowdb: compact first, so a disk too full to rewrite the snapshot refuses the erasure (503) before
  // anything changes, and the old lines are already out of the journal.
  await ctx.store.compact?.();
  await atomicPlanned(ctx.store, erasurePlan(userId), async (tx) => {
    const u = await tx.get('users', userId);
    if (!u) throw new DomainError('NOT_FOUND');
    await keepOneAdmin(tx, u, null);
    const now = ctx.now();
    for (const b of await tx.findBookings({ memberId: userId })) {
      let cur = b;
      if (b.status !== 'cancelled' && !b.checkedInAt) cur = (await cancelInTx(ctx, tx, b.id, u, now, { force: true, upcomingOnly: true })) ?? b;
      if (cur.description || cur.phone) await tx.put('bookings', { ...cur, description: cur.description ? DESCRIPTION_DELETED : cur.description, phone: null });
    }
    await endSessions(tx, userId);
    for (const id of await rememberedAnswers(tx, userId)) await tx.remove('idempotency', id);
    for (const s of await tx.list('subscriptions', { userId })) await tx.remove('subscriptions', s.id);
    // A staff account's username and password go too: the name is free for a new account (an admin
    // re-creating 「clerk」 would otherwise update this erased record, which can never log in again).
    const loginFields = u.username || u.passwordHash ? { username: null, passwordHash: null } : {};
    await tx.put('users', { ...u, name: null, phone: null, openid: null, ...loginFields, erasedAt: now.toISOString() });
  });
  // The lowdb journal still holds the old lines until compaction: rewrite it now. If the disk filled up
  // in between, the store retries after every write and at the next start (server/store/lowdb).
  try {
    await ctx.store.compact?.();
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) throw err;
    throw new StoreUnavailableError(`个人信息已删除，但${err.message.replace(/^数据整理失败：/, '')}，旧记录将在空间恢复后自动清除`);
  }
}

