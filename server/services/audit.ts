/**
 * The audit log: who did what and when. Entries are written in the same transaction as the change
 * they record (a check-in, a cancellation, an account change); reads worth recording (exports, the
 * lawyer's desk) write theirs just after. An entry names records and counts, never the text of a
 * legal description or a lawyer's note.
 */
import { addDays } from '../../shared/calendar/index.js';
import { AUDIT_PAGE_MAX, type AuditActionKind } from '../../shared/domain.js';
import type { AuditEntry, User } from '../../shared/schemas/index.js';
import { newId } from '../ids.js';
import type { Tx } from '../store/types.js';
import type { ServiceContext } from './context.js';

export type AuditDetail = NonNullable<AuditEntry['detail']>;

/** Appends one entry inside `tx` (a new entry needs no lock: locks.ts). */
export async function recordAudit(tx: Tx, now: Date, actor: User, action: AuditActionKind, target: string, detail?: AuditDetail): Promise<void> {
  const entry: AuditEntry = { id: newId('au'), at: now.toISOString(), actorId: actor.id, actorName: actor.name ?? actor.username ?? null, action, target };
  if (detail) entry.detail = detail;
  await tx.put('audit', entry);
}

/** Records a read (an export, the lawyer's desk) in a transaction of its own. */
export function auditRead(ctx: ServiceContext, actor: User, action: AuditActionKind, target: string, detail?: AuditDetail): Promise<void> {
  const now = ctx.now();
  return ctx.store.atomic([], (tx) => recordAudit(tx, now, actor, action, target, detail));
}

/** Shanghai business date → the instant it starts (UTC ISO, as entries store `at`). */
const dayStart = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();

export async function auditLog(
  ctx: ServiceContext,
  q: { from?: string; to?: string; actor?: string; action?: AuditActionKind; limit?: number; before?: string },
): Promise<{ entries: AuditEntry[] }> {
  const entries = await ctx.store.read((tx) =>
    tx.auditEntries({
      fromAt: q.from ? dayStart(q.from) : undefined,
      toAt: q.to ? dayStart(addDays(q.to, 1)) : undefined,
      actorId: q.actor,
      action: q.action,
      beforeAt: q.before,
      limit: q.limit ?? AUDIT_PAGE_MAX,
    }),
  );
  return { entries };
}
