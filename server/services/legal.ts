/**
 * The lawyer's desk: upcoming consultations with the worker's question, and the lawyer's private
 * outcome and note. Only roles `legal` and `admin` reach these (routes), and every read of the
 * descriptions is written to the audit log (the entry names the range and the count, not the text).
 */
import { addDays, businessDate } from '../../shared/calendar/index.js';
import { CONSULTATION_DAYS_AHEAD, type ConsultationOutcomeKind } from '../../shared/domain.js';
import { DomainError } from '../../shared/errors.js';
import type { ConsultationNote, User } from '../../shared/schemas/index.js';
import { bookingLocks } from '../store/locks.js';
import { atomicPlanned } from '../store/plan.js';
import { auditRead, recordAudit } from './audit.js';
import type { Tx } from '../store/types.js';
import type { ServiceContext } from './context.js';

export interface Consultation {
  bookingId: string;
  code: string;
  startsAt: string | null;
  endsAt: string | null;
  mode: string | null;
  location: string | null;
  lawyer: string | null;
  memberName: string | null;
  phone: string | null;
  category: string | null;
  description: string | null;
  checkedInAt: string | null;
  outcome: ConsultationOutcomeKind | null;
  note: string | null;
}

export async function consultations(ctx: ServiceContext, viewer: User, q: { from?: string; to?: string }): Promise<{ from: string; to: string; consultations: Consultation[] }> {
  const today = businessDate(ctx.now());
  const from = q.from ?? today;
  const to = q.to ?? addDays(today, CONSULTATION_DAYS_AHEAD);
  const list = await ctx.store.read(async (tx) => {
    const rows = await tx.searchBookings({ service: 'legal', from, to, status: ['confirmed'] });
    const slots = new Map((await tx.list('slots')).map((s) => [s.id, s]));
    const notes = new Map((await tx.list('consultationNotes')).map((n) => [n.id, n]));
    return rows.map(({ booking: b, memberName, memberPhone }): Consultation => {
      const slot = slots.get(b.slotId!);
      const note = notes.get(b.id);
      return {
        bookingId: b.id,
        code: b.code,
        startsAt: slot?.startsAt ?? null,
        endsAt: slot?.endsAt ?? null,
        mode: slot?.mode ?? null,
        location: slot?.location ?? null,
        lawyer: slot?.lawyer ?? null,
        memberName,
        phone: b.phone ?? memberPhone,
        category: b.category ?? null,
        description: b.description ?? null,
        checkedInAt: b.checkedInAt,
        outcome: note?.outcome ?? null,
        note: note?.note ?? null,
      };
    });
  });
  list.sort((a, b) => (a.startsAt ?? '').localeCompare(b.startsAt ?? ''));
  await auditRead(ctx, viewer, 'legal.read', `consultations:${from}..${to}`, { count: list.length });
  return { from, to, consultations: list };
}

/** Marks a consultation done (it counts as checked in) or a no-show, with the lawyer's private note. */
export async function setOutcome(ctx: ServiceContext, lawyer: User, bookingId: string, input: { outcome: ConsultationOutcomeKind; note?: string }) {
  const now = ctx.now();
  const plan = async (tx: Tx) => {
    const b = await tx.get('bookings', bookingId);
    return b ? bookingLocks(b) : [];
  };
  return atomicPlanned(ctx.store, plan, async (tx) => {
    const b = await tx.get('bookings', bookingId);
    if (!b || b.service !== 'legal') throw new DomainError('NOT_FOUND', '找不到这次咨询');
    if (b.status !== 'confirmed') throw new DomainError('CANCELLED', '这次咨询已取消');
    const note: ConsultationNote = { id: b.id, slotId: b.slotId!, outcome: input.outcome, note: input.note ?? null, by: lawyer.id, at: now.toISOString() };
    await tx.put('consultationNotes', note);
    if (input.outcome === 'done' && !b.checkedInAt) await tx.put('bookings', { ...b, checkedInAt: now.toISOString(), checkedInBy: lawyer.id });
    if (input.outcome === 'no_show' && b.checkedInAt) await tx.put('bookings', { ...b, checkedInAt: null, checkedInBy: null });
    await recordAudit(tx, now, lawyer, 'legal.outcome', `booking:${b.id}`, { outcome: input.outcome, note: input.note ? true : false });
    return { outcome: note.outcome, note: note.note, at: note.at };
  });
}
