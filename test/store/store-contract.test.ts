/**
 * The store contract (server/store/types.ts), one suite for both stores. For PostgreSQL, "another
 * process" is a second PostgresStore on the same database: its own pool and LISTEN connection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Booking, Notice, User } from '../../shared/schemas/index.js';
import { LowdbStore } from '../../server/store/lowdb/index.js';
import { PostgresStore } from '../../server/store/postgres/index.js';
import { lock, shared } from '../../server/store/locks.js';
import type { Store } from '../../server/store/types.js';
import { createTestDatabase } from '../helpers/postgres.js';

type Kind = 'lowdb' | 'postgres';

interface Harness {
  /** Opens (or reopens) a store on this test's data. */
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

async function harness(kind: Kind): Promise<Harness> {
  if (kind === 'lowdb') {
    const dir = mkdtempSync(join(tmpdir(), 'store-contract-'));
    return {
      open: () => LowdbStore.open({ file: join(dir, 'db.json') }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const db = await createTestDatabase();
  return { open: () => PostgresStore.open({ url: db.url }), cleanup: db.drop };
}

let seqNo = 0;
function booking(over: Partial<Booking> = {}): Booking {
  seqNo += 1;
  return {
    id: `bk_${seqNo}_${Math.random().toString(36).slice(2, 8)}`,
    service: 'meal',
    status: 'confirmed',
    code: String(10_000_000 + Math.floor(Math.random() * 89_999_999)),
    memberId: 'm1',
    createdAt: '2026-11-22T08:00:00+08:00',
    checkedInAt: null,
    cancelledAt: null,
    seq: seqNo,
    stationId: 'st1',
    date: '2026-11-23',
    ...over,
  };
}

function user(id: string, over: Partial<User> = {}): User {
  return { id, role: 'member', name: `工友${id}`, phone: `1380000${id.padStart(4, '0')}`, createdAt: '2026-11-22T08:00:00+08:00', ...over };
}

function notice(id: string, seq: number): Notice {
  return { id, seq, title: '通知', body: '明天照常开放', link: null, authorId: null, authorName: null, createdAt: new Date().toISOString() };
}

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe.each<Kind>(['lowdb', 'postgres'])('store contract: %s', (kind) => {
  const opened: Store[] = [];
  let h: Harness;
  const open = async () => {
    const s = await h.open();
    opened.push(s);
    return s;
  };
  const setup = async () => {
    h = await harness(kind);
    return open();
  };

  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close().catch(() => {});
    await h?.cleanup();
  });

  it('puts, gets, lists with filters in insertion order, and removes', async () => {
    const store = await setup();
    await store.atomic([], async (tx) => {
      await tx.put('users', user('1'));
      await tx.put('users', user('2', { role: 'staff', username: 'boss' }));
      await tx.put('users', user('3', { name: '同名' }));
      await tx.put('users', user('4', { name: '同名', role: 'staff' }));
      // written values are visible to later reads of the same transaction
      expect((await tx.get('users', '2'))?.username).toBe('boss');
    });
    await store.atomic([], async (tx) => tx.put('users', user('1', { name: '改名' })));
    await store.read(async (tx) => {
      expect(await tx.get('users', '1')).toEqual(user('1', { name: '改名' }));
      expect(await tx.get('users', 'nope')).toBeUndefined();
      expect((await tx.list('users')).map((u) => u.id)).toEqual(['1', '2', '3', '4']);
      expect((await tx.list('users', { phone: user('3').phone })).map((u) => u.id)).toEqual(['3']);
      expect((await tx.list('users', { username: 'boss' })).map((u) => u.id)).toEqual(['2']);
      expect((await tx.list('users', { name: '同名' })).map((u) => u.id)).toEqual(['3', '4']);
      expect((await tx.list('users', { name: '同名', role: 'staff' })).map((u) => u.id)).toEqual(['4']);
      expect(await tx.list('users', { name: '没有' })).toEqual([]);
    });
    await store.atomic([], async (tx) => tx.remove('users', '2'));
    await store.atomic([], async (tx) => tx.remove('users', 'never-existed'));
    await store.read(async (tx) => {
      expect(await tx.get('users', '2')).toBeUndefined();
      expect((await tx.list('users')).map((u) => u.id)).toEqual(['1', '3', '4']);
    });
  });

  it('keeps any text exactly, including NUL, lone surrogates and emoji', async () => {
    const store = await setup();
    const odd = ['a\u0000b', '\ud800x', '工友😀', '"quote\\', ''];
    await store.atomic([], async (tx) => {
      for (const [i, name] of odd.entries()) await tx.put('users', user(`u${i}`, { name, phone: name }));
      await tx.put('kv', { id: 'k\u0000', value: { nested: ['x', 1, null, true] } });
    });
    await store.read(async (tx) => {
      for (const [i, name] of odd.entries()) {
        expect((await tx.get('users', `u${i}`))?.name).toBe(name);
        expect((await tx.list('users', { phone: name })).map((u) => u.id)).toEqual([`u${i}`]);
      }
      expect(await tx.get('kv', 'k\u0000')).toEqual({ id: 'k\u0000', value: { nested: ['x', 1, null, true] } });
      expect(await tx.get('kv', 'k\uFFFD')).toBeUndefined();
      expect(await tx.findBookingByCode('1\u00002')).toBeUndefined();
    });
  });

  it('finds bookings by every filter, in seq order, and counts confirmed places', async () => {
    const store = await setup();
    const b = [
      booking({ seq: 5, memberId: 'm1' }),
      booking({ seq: 2, memberId: 'm2' }),
      booking({ seq: 9, memberId: 'm1', status: 'cancelled' }),
      booking({ seq: 3, memberId: 'm3', date: '2026-11-24' }),
      booking({ seq: 7, service: 'studio', stationId: undefined, date: undefined, sessionId: 's1', partySize: 3 }),
      booking({ seq: 8, service: 'studio', stationId: undefined, date: undefined, sessionId: 's1', partySize: 2, status: 'waitlisted' }),
      booking({ seq: 1, service: 'studio', stationId: undefined, date: undefined, sessionId: 's1', status: 'confirmed' }),
      booking({ seq: 6, service: 'legal', stationId: undefined, date: undefined, slotId: 'l1', category: '工资报酬', memberId: 'm2' }),
    ];
    await store.atomic([], async (tx) => {
      for (const x of b) await tx.put('bookings', x);
      expect(await tx.countConfirmedMeals('st1', '2026-11-23')).toBe(2);
    });
    await store.read(async (tx) => {
      const ids = async (f: Parameters<typeof tx.findBookings>[0]) => (await tx.findBookings(f)).map((x) => x.seq);
      expect(await ids({})).toEqual([1, 2, 3, 5, 6, 7, 8, 9]);
      expect(await ids({ memberId: 'm1' })).toEqual([1, 5, 7, 8, 9]);
      expect(await ids({ memberId: 'm1', service: 'meal' })).toEqual([5, 9]);
      expect(await ids({ stationId: 'st1', date: '2026-11-23' })).toEqual([2, 5, 9]);
      expect(await ids({ stationId: 'st1', date: '2026-11-23', status: ['confirmed'] })).toEqual([2, 5]);
      expect(await ids({ status: ['waitlisted', 'cancelled'] })).toEqual([8, 9]);
      expect(await ids({ status: [] })).toEqual([]);
      expect(await ids({ sessionId: 's1' })).toEqual([1, 7, 8]);
      expect(await ids({ slotId: 'l1' })).toEqual([6]);
      expect(await ids({ date: '2026-11-24' })).toEqual([3]);
      expect(await ids({ service: 'legal', memberId: 'm2' })).toEqual([6]);
      expect(await tx.findBookingByCode(b[3].code)).toEqual(b[3]);
      expect(await tx.findBookingByCode('00000000')).toBeUndefined();
      expect(await tx.countConfirmedMeals('st1', '2026-11-23')).toBe(2);
      expect(await tx.countConfirmedMeals('st1', '2026-11-24')).toBe(1);
      expect(await tx.countConfirmedMeals('st2', '2026-11-23')).toBe(0);
      expect(await tx.confirmedSeats('s1')).toBe(4); // 3 + 1 (no partySize counts as 1); waitlisted not counted
      expect(await tx.confirmedSeats('none')).toBe(0);
    });
    // changing status moves a booking between counts
    await store.atomic([], async (tx) => tx.put('bookings', { ...b[4], status: 'cancelled' }));
    expect(await store.read((tx) => tx.confirmedSeats('s1'))).toBe(1);
  });

  it('searches bookings by service date, resource, status, code and phone, newest first, with keyset pages, and counts a day', async () => {
    const store = await setup();
    const session = (id: string, startsAt: string) => ({ id, studioId: 'sd1', startsAt, endsAt: '2026-11-26T12:00:00+08:00', capacity: 9, createdAt: 'x' });
    const meal = (seq: number, over: Partial<Booking> = {}) => booking({ seq, ...over });
    const visit = (seq: number, sessionId: string, over: Partial<Booking> = {}) =>
      booking({ seq, service: 'studio', stationId: undefined, date: undefined, sessionId, partySize: 2, ...over });
    const b = [
      meal(1, { memberId: 'm1' }),
      meal(2, { memberId: 'm2', checkedInAt: '2026-11-23T12:00:00+08:00' }),
      meal(3, { memberId: 'm3', status: 'cancelled' }),
      meal(4, { memberId: 'm1', stationId: 'st2', date: '2026-11-24' }),
      visit(5, 's1', { memberId: 'm2' }),
      visit(6, 's1', { memberId: 'm3', status: 'waitlisted', partySize: 3 }),
      // 23:30 UTC on the 23rd is the 24th in Shanghai
      visit(7, 's2', { memberId: 'm1' }),
      booking({ seq: 8, service: 'legal', stationId: undefined, date: undefined, slotId: 'l1', category: '工伤', phone: '13500009876', memberId: 'm3' }),
    ];
    await store.atomic([], async (tx) => {
      await tx.put('users', user('m1', { phone: '13800001234' }));
      await tx.put('users', user('m2', { phone: '13900004321', name: '王师傅' }));
      await tx.put('users', user('m3', { phone: null }));
      await tx.put('sessions', session('s1', '2026-11-23T09:30:00+08:00'));
      await tx.put('sessions', session('s2', '2026-11-23T23:30:00Z'));
      await tx.put('slots', { id: 'l1', startsAt: '2026-11-24T10:00:00+08:00', endsAt: '2026-11-24T10:45:00+08:00', mode: 'phone', createdAt: 'x' });
      for (const x of b) await tx.put('bookings', x);
    });
    await store.read(async (tx) => {
      const seqs = async (q: Parameters<typeof tx.searchBookings>[0]) => (await tx.searchBookings(q)).map((r) => r.booking.seq);
      const day = { from: '2026-11-23', to: '2026-11-23' };
      expect(await seqs(day)).toEqual([6, 5, 3, 2, 1]);
      expect(await seqs({ from: '2026-11-24', to: '2026-11-24' })).toEqual([8, 7, 4]);
      expect(await seqs({ from: '2026-11-23', to: '2026-11-24', service: 'studio' })).toEqual([7, 6, 5]);
      expect(await seqs({ from: '2026-11-24' })).toEqual([8, 7, 4]);
      expect(await seqs({ ...day, stationId: 'st1', status: ['confirmed'] })).toEqual([2, 1]);
      expect(await seqs({ sessionId: 's1' })).toEqual([6, 5]);
      expect(await seqs({ slotId: 'l1' })).toEqual([8]);
      expect(await seqs({ memberId: 'm1' })).toEqual([7, 4, 1]);
      expect(await seqs({ code: b[3]!.code })).toEqual([4]);
      expect(await seqs({ code: '00000000' })).toEqual([]);
      expect(await seqs({ phoneLast4: '1234' })).toEqual([7, 4, 1]); // the member's phone
      expect(await seqs({ phoneLast4: '9876' })).toEqual([8]); // the phone given with a consultation
      expect(await seqs({ phoneLast4: '4321', ...day })).toEqual([5, 2]);
      expect(await seqs({})).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
      // keyset pages: each page starts below the last seq of the one before
      const pages: number[][] = [];
      let before: number | undefined;
      for (;;) {
        const page = await seqs({ beforeSeq: before, limit: 3 });
        if (page.length === 0) break;
        pages.push(page);
        before = page[page.length - 1];
      }
      expect(pages).toEqual([[8, 7, 6], [5, 4, 3], [2, 1]]);
      const [row] = await tx.searchBookings({ code: b[4]!.code });
      expect(row).toEqual({ booking: b[4], serviceDate: '2026-11-23', memberName: '王师傅', memberPhone: '13900004321' });
      expect((await tx.searchBookings({ memberId: 'm1', service: 'studio' }))[0]!.serviceDate).toBe('2026-11-24');
      const counts = (await tx.countBookings({ from: '2026-11-23', to: '2026-11-24' })).map((c) => [c.date, c.service, c.resourceId, c.confirmed, c.people, c.checkedIn, c.cancelled, c.waitlisted]);
      expect(counts).toEqual([
        ['2026-11-23', 'meal', 'st1', 2, 2, 1, 1, 0],
        ['2026-11-23', 'studio', 's1', 1, 2, 0, 0, 1],
        ['2026-11-24', 'legal', 'l1', 1, 1, 0, 0, 0],
        ['2026-11-24', 'meal', 'st2', 1, 1, 0, 0, 0],
        ['2026-11-24', 'studio', 's2', 1, 2, 0, 0, 0],
      ]);
      expect((await tx.countBookings({ from: '2026-11-23', to: '2026-11-23', service: 'meal' })).map((c) => c.resourceId)).toEqual(['st1']);
      expect(await tx.countBookings({ from: '2026-11-25', to: '2026-11-30' })).toEqual([]);
    });
    // a session moved to another day takes its bookings along
    await store.atomic([], (tx) => tx.put('sessions', session('s1', '2026-11-24T09:30:00+08:00')));
    expect(await store.read(async (tx) => (await tx.searchBookings({ from: '2026-11-24', to: '2026-11-24', service: 'studio' })).map((r) => r.booking.seq))).toEqual([7, 6, 5]);
  });

  it('reads the facts of a new booking and a login session in one call each', async () => {
    const store = await setup();
    const station = { id: 'st1', name: '驿站', address: '路 1 号', district: '区', hours: '11:00-13:00', dailyQuota: 5, createdAt: 'x' };
    const taken = booking({ memberId: 'm1', seq: 1 });
    await store.atomic([], async (tx) => {
      await tx.put('stations', station);
      await tx.put('sessions', { id: 's1', studioId: 'sd1', startsAt: '2026-11-25T09:30:00+08:00', endsAt: '2026-11-25T11:30:00+08:00', capacity: 9, createdAt: 'x' });
      for (const b of [
        taken,
        booking({ memberId: 'm2', seq: 2 }),
        booking({ memberId: 'm3', seq: 3, status: 'cancelled' }),
        booking({ memberId: 'm1', seq: 4, stationId: 'st2' , date: '2026-11-24' }),
        booking({ seq: 5, service: 'studio', stationId: undefined, date: undefined, sessionId: 's1', partySize: 3, memberId: 'm1' }),
        booking({ seq: 6, service: 'studio', stationId: undefined, date: undefined, sessionId: 's1', partySize: 2, memberId: 'm2', status: 'waitlisted' }),
      ])
        await tx.put('bookings', b);
      await tx.put('users', user('m1'));
      await tx.put('authSessions', { id: 'h1', tokenHash: 'h1', userId: 'm1', createdAt: 'x', expiresAt: 'y' });
      await tx.put('authSessions', { id: 'h2', tokenHash: 'h2', userId: 'gone', createdAt: 'x', expiresAt: 'y' });
    });
    const [meal, other, session, none] = await store.atomic([], async (tx) => [
      await tx.mealFacts({ stationId: 'st1', date: '2026-11-23', memberId: 'm1', code: taken.code }),
      await tx.mealFacts({ stationId: 'st1', date: '2026-11-23', memberId: 'm3', code: '00000000' }),
      await tx.sessionFacts({ sessionId: 's1', memberId: 'm2', code: '00000000' }),
      await tx.sessionFacts({ sessionId: 'nope', memberId: 'm9', code: '00000000' }),
    ]);
    expect(meal).toMatchObject({ place: station, taken: 2, mine: 1, codeTaken: true });
    expect(other).toMatchObject({ taken: 2, mine: 0, codeTaken: false }); // a cancelled meal does not count
    expect(session).toMatchObject({ taken: 3, mine: 1, codeTaken: false }); // a waitlisted sign-up is one
    expect(none).toMatchObject({ place: undefined, taken: 0, mine: 0 });
    // each draws the next booking seq
    expect(new Set([meal.seq, other.seq, session.seq, none.seq]).size).toBe(4);
    expect(Math.min(meal.seq, other.seq, session.seq, none.seq)).toBeGreaterThan(0);
    await store.read(async (tx) => {
      expect(await tx.loginSession('h1')).toEqual({ session: { id: 'h1', tokenHash: 'h1', userId: 'm1', createdAt: 'x', expiresAt: 'y' }, user: user('m1') });
      expect((await tx.loginSession('h2'))?.user).toBeUndefined();
      expect(await tx.loginSession('h3')).toBeUndefined();
    });
  });

  it('nextSeq is strictly increasing, also under concurrency and across store instances', async () => {
    const a = await setup();
    const stores = kind === 'postgres' ? [a, await open()] : [a];
    const first = await a.atomic([], (tx) => tx.nextSeq('booking'));
    const second = await a.atomic([], (tx) => tx.nextSeq('booking'));
    expect(second).toBeGreaterThan(first);
    const values = await Promise.all(
      Array.from({ length: 60 }, (_, i) => stores[i % stores.length].atomic([], async (tx) => [await tx.nextSeq('booking'), await tx.nextSeq('booking')])),
    );
    for (const [x, y] of values) expect(y).toBeGreaterThan(x);
    const all = values.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(Math.min(...all)).toBeGreaterThan(second);
    // names are independent counters, including ones never seen before
    expect(await a.atomic([], (tx) => tx.nextSeq('notice'))).toBe(1);
    expect(await a.atomic([], (tx) => tx.nextSeq('Other Counter!'))).toBe(1);
    expect(await a.atomic([], (tx) => tx.nextSeq('Other Counter!'))).toBe(2);
  });

  it('a thrown error rolls back every write of the transaction', async () => {
    const store = await setup();
    const keep = booking({ memberId: 'keep' });
    await store.atomic([], async (tx) => {
      await tx.put('bookings', keep);
      await tx.put('users', user('9'));
    });
    const boom = new Error('规则拒绝');
    await expect(
      store.atomic([lock.member('keep')], async (tx) => {
        await tx.put('bookings', { ...keep, status: 'cancelled' });
        await tx.put('bookings', booking({ memberId: 'ghost' }));
        await tx.remove('users', '9');
        await tx.put('users', user('10'));
        await tx.put('notices', notice('nt_rolled_back', 99));
        expect(await tx.findBookings({ memberId: 'ghost' })).toHaveLength(1);
        throw boom;
      }),
    ).rejects.toBe(boom);
    await store.read(async (tx) => {
      expect(await tx.get('bookings', keep.id)).toEqual(keep);
      expect(await tx.findBookings({ memberId: 'ghost' })).toEqual([]);
      expect(await tx.get('users', '9')).toEqual(user('9'));
      expect(await tx.get('users', '10')).toBeUndefined();
      expect(await tx.list('notices')).toEqual([]);
    });
  });

  it('read() refuses writes', async () => {
    const store = await setup();
    await expect(store.read((tx) => tx.put('kv', { id: 'x', value: 1 }))).rejects.toThrow();
    await expect(store.read((tx) => tx.nextSeq('booking'))).rejects.toThrow();
    expect(await store.read((tx) => tx.get('kv', 'x'))).toBeUndefined();
  });

  it('concurrent bookings racing for the last places confirm exactly the quota', async () => {
    const a = await setup();
    const stores = kind === 'postgres' ? [a, await open()] : [a];
    const quota = 7;
    const tries = 80;
    const book = (i: number) =>
      stores[i % stores.length].atomic([lock.mealDate('st1', '2026-11-23'), lock.member(`m${i}`)], async (tx) => {
        const taken = await tx.countConfirmedMeals('st1', '2026-11-23');
        // a small gap between counting and writing makes any missing lock show up
        await new Promise((r) => setTimeout(r, 1));
        const status = taken < quota ? 'confirmed' : 'waitlisted';
        const b = booking({ memberId: `m${i}`, status, seq: await tx.nextSeq('booking') });
        await tx.put('bookings', b);
        return status;
      });
    const results = await Promise.all(Array.from({ length: tries }, (_, i) => book(i)));
    expect(results.filter((s) => s === 'confirmed')).toHaveLength(quota);
    expect(await a.read((tx) => tx.countConfirmedMeals('st1', '2026-11-23'))).toBe(quota);
    expect(await a.read((tx) => tx.findBookings({ stationId: 'st1', date: '2026-11-23' }))).toHaveLength(tries);
    expect((await a.stats()).bookings).toBe(tries);
  });

  it('shared holders of a lock run side by side; an exclusive holder runs alone', async () => {
    const a = await setup();
    const stores = kind === 'postgres' ? [a, await open()] : [a];
    let inside = 0;
    let most = 0;
    let exclusiveInside = false;
    let overlapped = false;
    const hold = (i: number, mode: 'shared' | 'exclusive') =>
      stores[i % stores.length].atomic([mode === 'shared' ? shared(lock.station('st1')) : lock.station('st1')], async (tx) => {
        // the locks are held once the transaction's first statement has answered (PostgreSQL sends
        // BEGIN and the locks with it)
        await tx.get('kv', 'anything');
        if (exclusiveInside || (mode === 'exclusive' && inside > 0)) overlapped = true;
        if (mode === 'exclusive') exclusiveInside = true;
        most = Math.max(most, ++inside);
        await new Promise((r) => setTimeout(r, 40));
        inside--;
        if (mode === 'exclusive') exclusiveInside = false;
      });
    const modes = ['shared', 'shared', 'shared', 'exclusive', 'shared', 'shared', 'exclusive', 'shared'] as const;
    await Promise.all(modes.map((m, i) => hold(i, m)));
    expect(overlapped).toBe(false);
    // lowdb runs one transaction at a time anyway; PostgreSQL lets shared holders in together
    if (kind === 'postgres') expect(most).toBeGreaterThan(1);
  });

  it('an idempotency key raced from many callers is answered once', async () => {
    const a = await setup();
    const stores = kind === 'postgres' ? [a, await open()] : [a];
    const id = 'm1:bookings:key-1';
    const attempt = (i: number) =>
      stores[i % stores.length].atomic([lock.idem(id), lock.mealDate('st1', '2026-11-23')], async (tx) => {
        const seen = await tx.get('idempotency', id);
        if (seen) return seen.body as Booking;
        const b = booking({ seq: await tx.nextSeq('booking') });
        await tx.put('bookings', b);
        await tx.put('idempotency', { id, status: 201, body: b, createdAt: new Date().toISOString() });
        return b;
      });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(i)));
    expect(new Set(answers.map((b) => b.id)).size).toBe(1);
    expect(await a.read((tx) => tx.findBookings({}))).toHaveLength(1);
  });

  it('delivers each committed notice once to every listener of every store instance', async () => {
    const a = await setup();
    const stores = kind === 'postgres' ? [a, await open()] : [a];
    const got = stores.map(() => [] as string[]);
    stores.forEach((s, i) => s.onNotice((n) => got[i].push(n.id)));
    const stop = a.onNotice(() => {});
    stop();
    for (const [i, s] of stores.entries()) {
      await s.atomic([lock.notices()], async (tx) => tx.put('notices', notice(`nt_${i}`, await tx.nextSeq('notice'))));
    }
    // updating an existing notice is not a new notice
    await a.atomic([], async (tx) => tx.put('notices', { ...notice('nt_0', 1), title: '更正' }));
    await expect(a.atomic([], async (tx) => {
      await tx.put('notices', notice('nt_never', 50));
      throw new Error('rollback');
    })).rejects.toThrow();
    const expected = stores.map((_, i) => `nt_${i}`);
    await until(() => got.every((g) => g.length >= expected.length));
    await new Promise((r) => setTimeout(r, 200)); // room for duplicates to show up
    for (const g of got) expect(g.sort()).toEqual(expected);
  });

  it('keeps committed data across close and reopen', async () => {
    const store = await setup();
    const b = booking();
    await store.atomic([], async (tx) => {
      await tx.put('bookings', { ...b, seq: await tx.nextSeq('booking') });
      await tx.put('stations', { id: 'st1', name: '驿站', address: '路 1 号', district: '区', hours: '11:00-13:00', dailyQuota: 5, createdAt: 'x' });
    });
    const seqBefore = await store.atomic([], (tx) => tx.nextSeq('booking'));
    await store.close();
    const again = await open();
    await again.read(async (tx) => {
      expect((await tx.get('bookings', b.id))?.code).toBe(b.code);
      expect((await tx.get('stations', 'st1'))?.dailyQuota).toBe(5);
    });
    expect(await again.atomic([], (tx) => tx.nextSeq('booking'))).toBeGreaterThan(seqBefore);
    expect((await again.stats()).bookings).toBe(1);
  });
});
