/**
 * Legal questions are kept LEGAL_RETENTION_DAYS after the appointment, then deleted (PRODUCT.md,
 * the privacy notice). The booking stays, with its category, status and check-in, so counts and
 * reports do not change; only the text goes, and the audit log records that it went (never the text).
 */
import { descriptionExpired } from '../../shared/booking/index.js';
import { DESCRIPTION_DELETED } from '../../shared/domain.js';
import type { Booking } from '../../shared/schemas/index.js';
import { newId } from '../ids.js';
import { lock } from '../store/locks.js';
import { StoreUnavailableError } from '../store/types.js';
import type { ServiceContext } from './context.js';

/** The audit log's actor for what the server does by itself. */
export const SYSTEM_ACTOR = { id: 'system', name: '系统（到期自动删除）' } as const;

/** Deletes every legal question past its keeping; returns how many. Safe to run anywhere, any time. */
export async function purgeLegalDescriptions(ctx: ServiceContext): Promise<number> {
  const days = ctx.config.LEGAL_RETENTION_DAYS;
  const now = ctx.now();
  const due = await ctx.store.read(async (tx) => {
    const starts = new Map((await tx.list('slots')).map((s) => [s.id, s.startsAt]));
    return (await tx.findBookings({ service: 'legal' })).filter((b) => descriptionExpired(b, starts.get(b.slotId!), now, days));
  });
  let purged = 0;
  // one booking a transaction, under its slot's lock: a booking, cancel or lawyer's note on that slot
  // waits at most one short write, and each decision is made again under the lock, so several
  // processes purging at once delete (and record) each question once
  for (const b of due) {
    purged += await ctx.store.atomic([lock.slot(b.slotId!)], async (tx) => {
      const cur = await tx.get('bookings', b.id);
      const slot = cur?.slotId ? await tx.get('slots', cur.slotId) : undefined;
      if (!cur || !descriptionExpired(cur, slot?.startsAt, now, days)) return 0;
      await tx.put('bookings', { ...cur, description: DESCRIPTION_DELETED } satisfies Booking);
      await tx.put('audit', {
        id: newId('au'),
        at: now.toISOString(),
        actorId: SYSTEM_ACTOR.id,
        actorName: SYSTEM_ACTOR.name,
        action: 'legal.purge',
        target: cur.id,
        detail: { retentionDays: days, appointment: slot?.startsAt ?? null },
      });
      return 1;
    });
  }
  // lowdb: the journal still holds the old lines until it is rewritten (as after an erasure)
  if (purged > 0) {
    try {
      await ctx.store.compact?.();
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err; // retried after the next write and at start
    }
  }
  return purged;
}
