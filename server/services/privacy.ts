/** What of a booking each viewer may see (PRODUCT.md: descriptions only for legal staff and admins). */
import type { Booking, User } from '../../shared/schemas/index.js';

/** 138****5678: enough to tell two people apart at the counter, not enough to call them. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** The member themself, legal staff and admins see a member's personal data; other staff do not. */
function seesPersonalData(viewer: User, memberId: string): boolean {
  return viewer.id === memberId || viewer.role === 'legal' || viewer.role === 'admin';
}

/** A member's phone as `viewer` may see it. */
export function phoneForViewer(viewer: User, memberId: string, phone: string | null | undefined): string | null {
  return seesPersonalData(viewer, memberId) ? (phone ?? null) : maskPhone(phone);
}

/** A booking as `viewer` may see it: other staff get a masked phone and no legal description. */
export function bookingForViewer<T extends Pick<Booking, 'memberId' | 'description' | 'phone'>>(viewer: User, b: T): T {
  if (seesPersonalData(viewer, b.memberId)) return b;
  return { ...b, description: b.description ? '（仅法律顾问可见）' : (b.description ?? null), phone: maskPhone(b.phone) };
}

/** 周*傅 / 周* : the counter's large-type name, enough to greet the person, not to identify them. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = [...name];
  if (chars.length === 1) return chars[0]!;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
