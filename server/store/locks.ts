/**
 * Lock keys: the closed set of things a transaction can lock, and which locks a write needs.
 *
 * A key is built only by the constructors in `lock` (the class cannot be made elsewhere), so
 * `Store.atomic` takes nothing but a plan of these. Each operation declares its plan next to it;
 * `needsFor` below is the one home of "what protects what", which the lock auditor (audit.ts)
 * checks every write against. store/README.md lists every key and who takes it.
 *
 * Shared and exclusive, as pretix separates them: a meal booking takes its station shared (many
 * dates book at once) and the station's date exclusive; a station edit takes the station exclusive.
 */
import type { Booking } from '../../shared/schemas/index.js';
import type { CollectionName } from './collections.js';

export type LockMode = 'shared' | 'exclusive';

const TOKEN: unique symbol = Symbol('lock');

export class LockKey {
  constructor(
    token: typeof TOKEN,
    /** Stable text of the resource (`meal:st_1:2026-11-23`); the PostgreSQL lock id is its hash. */
    readonly key: string,
    readonly mode: LockMode,
  ) {
    if (token !== TOKEN) throw new Error('lock keys are made by lock.*() only');
  }
  toString(): string {
    return this.mode === 'shared' ? `${this.key} (shared)` : this.key;
  }
}

const make = (kind: string, id = '') => new LockKey(TOKEN, id ? `${kind}:${id}` : kind, 'exclusive');

/** Every lock key there is. */
export const lock = {
  /** A meal station: every meal booking (shared) and the station's edits and deletion (exclusive). */
  station: (id: string) => make('station', id),
  /** A station's quota on one date. */
  mealDate: (stationId: string, date: string) => make('meal', `${stationId}:${date}`),
  /** A studio: creating or moving a session into it (shared), its edits and deletion (exclusive). */
  studio: (id: string) => make('studio', id),
  /** The seats of a studio session and its waitlist. */
  session: (id: string) => make('session', id),
  /** A lawyer's slot. */
  slot: (id: string) => make('slot', id),
  /** A member's limits: one meal a date, one upcoming consultation, one sign-up a session. */
  member: (id: string) => make('member', id),
  /** One user record: profile, login sessions, staff account changes, erasure. */
  user: (id: string) => make('user', id),
  /** A login identity, while a user is created for it or moved to it (one user per identity). */
  phone: (phone: string) => make('phone', phone),
  openid: (openid: string) => make('openid', openid),
  username: (username: string) => make('username', username),
  /** An Idempotency-Key record (`<userId>:<route>:<key>`). */
  idem: (id: string) => make('idem', id),
  /** The active admin accounts: disabling, demoting or erasing one checks that one stays. */
  admins: () => make('admins'),
  /** Publishing notices. */
  notices: () => make('notices'),
  /** Subscribe-message opt-ins: recording one (shared), claiming or erasing them (exclusive). */
  subscriptions: () => make('subscriptions'),
  /** A named value (`notice:<id>`, `reminder:<bookingId>`, …). */
  kv: (id: string) => make('kv', id),
};

export function shared(l: LockKey): LockKey {
  return new LockKey(TOKEN, l.key, 'shared');
}

/** The locks every write to booking `b` needs: the capacity it uses (and for meals the station, shared). */
export function bookingLocks(b: Pick<Booking, 'service' | 'stationId' | 'date' | 'sessionId' | 'slotId'>): LockKey[] {
  if (b.service === 'meal') return [shared(lock.station(b.stationId!)), lock.mealDate(b.stationId!, b.date!)];
  if (b.service === 'studio') return [lock.session(b.sessionId!)];
  return [lock.slot(b.slotId!)];
}

/** One key, strongest mode first: a plan that names a key twice holds it exclusive. */
export function normalise(locks: readonly LockKey[]): LockKey[] {
  const byKey = new Map<string, LockKey>();
  for (const l of locks) if (byKey.get(l.key)?.mode !== 'exclusive') byKey.set(l.key, l);
  return [...byKey.values()];
}

/** Whether `held` includes every lock of `needed`, each at least as strong. */
export function covers(held: readonly LockKey[], needed: readonly LockKey[]): boolean {
  const modes = new Map(normalise(held).map((l) => [l.key, l.mode]));
  return needed.every((n) => modes.get(n.key) === 'exclusive' || (n.mode === 'shared' && modes.has(n.key)));
}

// ---------------------------------------------------------------------------------------------
// What protects what: the locks a write needs.

/** A need is met when any one of its alternatives is held (at least in its mode). */
export type Need = { why: string; anyOf: LockKey[] };

type Doc = { id: string } & Record<string, unknown>;

export interface WriteFacts {
  c: CollectionName;
  id: string;
  /** The document before the write (undefined: it did not exist). */
  prev: Doc | undefined;
  /** The document written (undefined: removed). */
  next: Doc | undefined;
  /** Whether a document was created by this same transaction (nobody else can see it yet). */
  createdHere: (c: CollectionName, id: string) => boolean;
}

const need = (why: string, ...anyOf: LockKey[]): Need => ({ why, anyOf });

function bookingNeeds(b: Booking, isNew: boolean): Need[] {
  const out: Need[] = [];
  if (b.service === 'meal') {
    const st = lock.station(b.stationId!);
    out.push(need('the station date quota', lock.mealDate(b.stationId!, b.date!), st));
    out.push(need('the station (a booking holds it shared)', shared(st)));
  } else if (b.service === 'studio') out.push(need('the session seats and waitlist', lock.session(b.sessionId!)));
  else out.push(need('the lawyer slot', lock.slot(b.slotId!)));
  // Only a new booking can push a member over a limit; cancelling or checking in only lowers counts.
  if (isNew) out.push(need("the member's booking limits", lock.member(b.memberId)));
  return out;
}

const IDENTITIES = [
  ['phone', lock.phone],
  ['openid', lock.openid],
  ['username', lock.username],
] as const;

function userNeeds(f: WriteFacts): Need[] {
  const out: Need[] = [];
  if (f.prev && !f.createdHere('users', f.id)) out.push(need('the user record', lock.user(f.id)));
  for (const [field, key] of IDENTITIES) {
    const v = f.next?.[field];
    if (typeof v === 'string' && v !== f.prev?.[field]) out.push(need(`one user per ${field}`, key(v)));
  }
  return out;
}

/** The locks a write needs. Removing a login session or a fresh document nobody can see needs none. */
export function needsFor(f: WriteFacts): Need[] {
  const existing = f.prev !== undefined && !f.createdHere(f.c, f.id);
  switch (f.c) {
    case 'bookings': {
      const b = (f.next ?? f.prev) as unknown as Booking | undefined;
      return b ? bookingNeeds(b, !f.prev) : [];
    }
    case 'users':
      return userNeeds(f);
    case 'authSessions': {
      const userId = f.next?.userId;
      if (typeof userId !== 'string' || f.createdHere('users', userId)) return [];
      return [need('sessions of a user (revocation, erasure)', lock.user(userId))];
    }
    case 'stations':
      return existing ? [need('the station', lock.station(f.id))] : [];
    case 'studios':
      return existing ? [need('the studio', lock.studio(f.id))] : [];
    case 'sessions': {
      const out = existing ? [need('the session', lock.session(f.id))] : [];
      const studioId = f.next?.studioId;
      if (typeof studioId === 'string' && studioId !== f.prev?.studioId) out.push(need('the studio it joins', shared(lock.studio(studioId))));
      return out;
    }
    case 'slots':
      return existing ? [need('the slot', lock.slot(f.id))] : [];
    case 'notices':
      return [need('notices', lock.notices())];
    case 'idempotency':
      return [need('the idempotency record', lock.idem(f.id))];
    case 'subscriptions':
      return [need('the opt-ins', existing || !f.next ? lock.subscriptions() : shared(lock.subscriptions()))];
    case 'kv':
      return [need('the named value', lock.kv(f.id))];
    case 'audit':
      // append-only: a new entry has a fresh id nobody else writes; an existing one is never changed
      return existing ? [need('nothing: audit entries are never changed or removed')] : [];
    case 'closures': {
      const c = (f.next ?? f.prev) as unknown as { stationId: string; date: string };
      // the same key every meal booking of that date takes, so no booking slips past a closure
      return [need('the station date quota', lock.mealDate(c.stationId, c.date), lock.station(c.stationId))];
    }
    case 'consultationNotes': {
      const n = (f.next ?? f.prev) as unknown as { slotId: string };
      return [need('the lawyer slot', lock.slot(n.slotId))];
    }
  }
}
