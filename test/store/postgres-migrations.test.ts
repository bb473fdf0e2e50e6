/** Migrations run at start, once, even when several processes start at the same moment. */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../server/store/postgres/index.js';
import { MIGRATIONS } from '../../server/store/postgres/schema.js';
import type { Awaitable, Tx } from '../../server/store/types.js';
import { createTestDatabase } from '../helpers/postgres.js';

describe('PostgreSQL migrations', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  it('several stores opening a fresh database at once migrate it exactly once', async () => {
    const db = await createTestDatabase();
    cleanup.push(db.drop);
    const stores = await Promise.all(Array.from({ length: 6 }, () => PostgresStore.open({ url: db.url, poolSize: 2 })));
    for (const s of stores) cleanup.push(() => s.close());
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanup.push(() => client.end());
    const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    // every store works on the migrated schema
    await Promise.all(stores.map((s, i) => s.atomic([], async (tx) => tx.put('kv', { id: `k${i}`, value: i }))));
    expect(await stores[0].read((tx) => tx.list('kv'))).toHaveLength(6);
  });

  it('reopening an up-to-date database changes nothing', async () => {
    const db = await createTestDatabase();
    cleanup.push(db.drop);
    const first = await PostgresStore.open({ url: db.url });
    await first.atomic([], async (tx) => tx.put('kv', { id: 'kept', value: 'yes' }));
    await first.close();
    const again = await PostgresStore.open({ url: db.url });
    cleanup.push(() => again.close());
    expect(await again.read((tx) => tx.get('kv', 'kept'))).toEqual({ id: 'kept', value: 'yes' });
  });

  it('version 2 fills the new columns from the documents already stored', async () => {
    const db = await createTestDatabase();
    cleanup.push(db.drop);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanup.push(() => client.end());
    // a database as version 1 left it, with a session and a checked-in visit
    await client.query('CREATE TABLE schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    await client.query(MIGRATIONS[0]!.sql);
    await client.query("INSERT INTO schema_migrations (version, name) VALUES (1, 'v1')");
    const session = { id: 'ss1', studioId: 'sd1', startsAt: '2026-11-23T23:30:00Z', endsAt: '2026-11-24T01:30:00Z', capacity: 5, createdAt: 'x' };
    const visit = { id: 'bk1', service: 'studio', status: 'confirmed', code: '12345678', memberId: 'm1', createdAt: 'x', checkedInAt: '2026-11-24T08:00:00+08:00', cancelledAt: null, seq: 1, sessionId: 'ss1', partySize: 2 };
    await client.query('INSERT INTO studio_sessions (id, studio_id, doc) VALUES ($1, $2, $3)', [session.id, session.studioId, JSON.stringify(session)]);
    await client.query('INSERT INTO bookings (id, seq, service, status, member_id, session_id, code, party_size, doc) VALUES ($1, 1, $2, $3, $4, $5, $6, 2, $7)', [
      visit.id, visit.service, visit.status, visit.memberId, visit.sessionId, visit.code, JSON.stringify(visit),
    ]);
    const store = await PostgresStore.open({ url: db.url });
    cleanup.push(() => store.close());
    const counts = await store.read((tx) => tx.countBookings({ from: '2026-11-24', to: '2026-11-24' }));
    expect(counts).toEqual([{ date: '2026-11-24', service: 'studio', resourceId: 'ss1', confirmed: 1, people: 2, checkedIn: 1, cancelled: 0, waitlisted: 0 }]);
  });

  it("version 7 counts the meals already stored, and the count follows every write after it", async () => {
    const db = await createTestDatabase();
    cleanup.push(db.drop);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    cleanup.push(() => client.end());
    // a database as version 3 left it, with meals of two stations
    await client.query('CREATE TABLE schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const m of MIGRATIONS.filter((m) => m.version < 7)) {
      await client.query(m.sql);
      await m.run?.(client as unknown as pg.PoolClient);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    const meal = (id: string, stationId: string, date: string, status: string, seq: number) => ({
      id, service: 'meal', status, code: String(10_000_000 + seq), memberId: `m${seq}`, createdAt: 'x', checkedInAt: null, cancelledAt: null, promotedAt: null, seq, stationId, date,
    });
    for (const b of [meal('b1', 'st1', '2026-11-23', 'confirmed', 1), meal('b2', 'st1', '2026-11-23', 'confirmed', 2), meal('b3', 'st1', '2026-11-23', 'cancelled', 3), meal('b4', 'st2', '2026-11-23', 'confirmed', 4)]) {
      await client.query('INSERT INTO bookings (id, seq, service, status, member_id, station_id, date, code, doc) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
        b.id, b.seq, b.service, b.status, b.memberId, b.stationId, b.date, b.code, JSON.stringify(b),
      ]);
    }
    const store = await PostgresStore.open({ url: db.url });
    cleanup.push(() => store.close());
    // the kept counts, and what counting the bookings says
    const kept = async () => (await client.query("SELECT station_id || ' ' || date AS k, confirmed AS n FROM meal_counts WHERE confirmed > 0 ORDER BY 1")).rows;
    const counted = async () =>
      (await client.query("SELECT station_id || ' ' || date AS k, count(*)::int AS n FROM bookings WHERE service = 'meal' AND status = 'confirmed' GROUP BY 1 ORDER BY 1")).rows;
    expect(await kept()).toEqual([{ k: 'st1 2026-11-23', n: 2 }, { k: 'st2 2026-11-23', n: 1 }]);
    const facts = (stationId: string) => store.atomic([], (tx) => tx.mealFacts({ stationId, date: '2026-11-23', memberId: 'nobody', code: '00000000' }));
    expect((await facts('st1')).taken).toBe(2);
    const b1 = meal('b1', 'st1', '2026-11-23', 'confirmed', 1);
    const steps: [string, (tx: Tx) => Awaitable<void>][] = [
      ['a new meal', (tx) => tx.put('bookings', meal('b5', 'st1', '2026-11-23', 'confirmed', 5) as never)],
      ['a cancel', (tx) => tx.put('bookings', { ...b1, status: 'cancelled', cancelledAt: 'y' } as never)],
      ['a check-in', (tx) => tx.put('bookings', { ...meal('b2', 'st1', '2026-11-23', 'confirmed', 2), checkedInAt: 'z' } as never)],
      ['a cancelled one confirmed again', (tx) => tx.put('bookings', meal('b3', 'st1', '2026-11-23', 'confirmed', 3) as never)],
      ['a removal', (tx) => tx.remove('bookings', 'b4')],
      ['a meal of another date', (tx) => tx.put('bookings', meal('b6', 'st2', '2026-11-24', 'confirmed', 6) as never)],
    ];
    for (const [what, write] of steps) {
      await store.atomic([], write);
      expect(await kept(), what).toEqual(await counted());
    }
    expect(await kept()).toEqual([{ k: 'st1 2026-11-23', n: 3 }, { k: 'st2 2026-11-24', n: 1 }]);
    expect((await facts('st1')).taken).toBe(3);
    expect(await store.read((tx) => tx.countConfirmedMeals('st2', '2026-11-23'))).toBe(0);
  });

  it('a database that cannot be reached fails to open with StoreUnavailableError', async () => {
    await expect(PostgresStore.open({ url: 'postgres://postgres@127.0.0.1:1/nowhere' })).rejects.toMatchObject({ name: 'StoreUnavailableError' });
  });
});
