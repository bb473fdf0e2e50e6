import { z } from 'zod';
import { AUDIT_ACTIONS, AUDIT_PAGE_MAX } from '../domain.js';
import { BusinessDate, Id } from './common.js';

export const AuditAction = z.enum(AUDIT_ACTIONS);

/**
 * One line of the audit log: who did what to which record, and when. `target` names a record (a
 * booking, notice, account, station and date), `detail` holds counts and field names, never the
 * text of a legal description or a lawyer's note.
 */
export const AuditEntry = z.object({
  id: Id,
  at: z.string(),
  actorId: z.string(),
  actorName: z.string().nullable(),
  action: AuditAction,
  target: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
  actor: z.string().max(64).optional(),
  action: AuditAction.optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
  /** The `at` of the last entry of the previous page. */
  before: z.string().max(40).optional(),
});
