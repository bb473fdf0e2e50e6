/** Migrations run at start, once, even when several processes start at the same moment. */
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../server/store/postgres/index.js';
import { MIGRATIONS } from '../../server/store/postgres/schema.js';
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

  it('a database that cannot be reached fails to open with StoreUnavailableError', async () => {
    await expect(PostgresStore.open({ url: 'postgres://postgres@127.0.0.1:1/nowhere' })).rejects.toMatchObject({ name: 'StoreUnavailableError' });
  });
});
