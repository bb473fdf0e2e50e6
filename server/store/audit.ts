/**
 * The lock auditor: a Store wrapper that refuses any write made without the locks it needs
 * (`needsFor` in locks.ts) and reports it. lowdb runs one transaction at a time, so a missing lock
 * is invisible there otherwise; this makes it fail on both stores. The API, fault and bot suites run
 * every server through it (server processes with LOCK_AUDIT=1).
 */
import type { Notice } from '../../shared/schemas/index.js';
import { needsFor, normalise, type LockKey, type Need } from './locks.js';
import type { Awaitable, CollectionName, Collections, Store, Tx } from './types.js';

export class LockViolation extends Error {
  override readonly name = 'LockViolation';
}

type Doc = { id: string } & Record<string, unknown>;

function met(held: Map<string, LockKey['mode']>, n: Need): boolean {
  return n.anyOf.some((k) => held.get(k.key) === 'exclusive' || (k.mode === 'shared' && held.has(k.key)));
}

/** A Tx that checks every write against the locks its transaction holds. */
class AuditedTx implements Tx {
  private readonly held: Map<string, LockKey['mode']>;
  private readonly created = new Set<string>();

  constructor(
    private readonly tx: Tx,
    locks: readonly LockKey[],
    private readonly report: (v: LockViolation) => void,
  ) {
    this.held = new Map(normalise(locks).map((l) => [l.key, l.mode]));
  }

  private async check(c: CollectionName, id: string, next: Doc | undefined): Promise<void> {
    const prev = (await this.tx.get(c, id)) as Doc | undefined;
    const createdHere = (cc: CollectionName, i: string) => this.created.has(`${cc}\u0000${i}`);
    const missing = needsFor({ c, id, prev, next, createdHere }).filter((n) => !met(this.held, n));
    if (missing.length > 0) {
      const held = [...this.held].map(([k, m]) => (m === 'shared' ? `${k} (shared)` : k)).join(', ') || 'none';
      const want = missing.map((n) => `${n.anyOf.join(' or ')} (${n.why})`).join('; ');
      const v = new LockViolation(`lock audit: ${next ? 'put' : 'remove'} ${c}/${id} needs ${want}; the transaction holds: ${held}`);
      this.report(v);
      throw v;
    }
    if (!prev && next) this.created.add(`${c}\u0000${id}`);
  }

  get<C extends CollectionName>(c: C, id: string) {
    return this.tx.get(c, id);
  }
  async put<C extends CollectionName>(c: C, doc: Collections[C]) {
    await this.check(c, (doc as unknown as Doc).id, doc as unknown as Doc);
    await this.tx.put(c, doc);
  }
  async remove(c: CollectionName, id: string) {
    if ((await this.tx.get(c, id)) === undefined) return this.tx.remove(c, id);
    await this.check(c, id, undefined);
    await this.tx.remove(c, id);
  }
  list: Tx['list'] = (c, where) => this.tx.list(c, where);
  findBookings: Tx['findBookings'] = (f) => this.tx.findBookings(f);
  findBookingByCode: Tx['findBookingByCode'] = (code) => this.tx.findBookingByCode(code);
  countConfirmedMeals: Tx['countConfirmedMeals'] = (s, d) => this.tx.countConfirmedMeals(s, d);
  confirmedSeats: Tx['confirmedSeats'] = (s) => this.tx.confirmedSeats(s);
  searchBookings: Tx['searchBookings'] = (q) => this.tx.searchBookings(q);
  countBookings: Tx['countBookings'] = (q) => this.tx.countBookings(q);
  auditEntries: Tx['auditEntries'] = (q) => this.tx.auditEntries(q);
  mealFacts: Tx['mealFacts'] = (q) => this.tx.mealFacts(q);
  sessionFacts: Tx['sessionFacts'] = (q) => this.tx.sessionFacts(q);
  loginSession: Tx['loginSession'] = (id) => this.tx.loginSession(id);
  nextSeq: Tx['nextSeq'] = (name) => this.tx.nextSeq(name);
}

/** `inner`, with every transaction's writes checked; `report` hears of each refused write. */
export function auditStore(inner: Store, report: (v: LockViolation) => void): Store {
  return {
    kind: inner.kind,
    atomic<T>(locks: readonly LockKey[], fn: (tx: Tx) => Awaitable<T>): Promise<T> {
      return inner.atomic(locks, (tx) => fn(new AuditedTx(tx, locks, report)));
    },
    read: (fn) => inner.read(fn),
    onNotice: (listener: (n: Notice) => void) => inner.onNotice(listener),
    compact: inner.compact ? () => inner.compact!() : undefined,
    ping: inner.ping ? () => inner.ping!() : undefined,
    rateLimitHit: inner.rateLimitHit ? (key, windowMs) => inner.rateLimitHit!(key, windowMs) : undefined,
    stats: () => inner.stats(),
    close: () => inner.close(),
  };
}
