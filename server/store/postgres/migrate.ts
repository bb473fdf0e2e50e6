/**
 * Runs pending migrations at start. A session advisory lock makes processes that start together
 * take turns: the first migrates, the others then find nothing left to do.
 */
import type pg from 'pg';
import { MIGRATIONS, MIGRATION_LOCK_ID } from './schema.js';

export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_ID})`);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const done = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version as number));
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await m.run?.(client);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        }
        applied.push(m.version);
      }
      return applied;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_ID})`).catch(() => (broken = true));
    }
  } catch (err) {
    broken = true;
    throw err;
  } finally {
    client.release(broken);
  }
}
