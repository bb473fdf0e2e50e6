/**
 * `npm run migrate:lowdb-to-pg`: copies a lowdb store (snapshot + journal, read as the server reads
 * them) into an empty PostgreSQL database, records and counters, for a union that outgrows one
 * process. The lowdb files are only read.
 */
import pg from 'pg';
import { LowdbStore } from '../lowdb/index.js';
import { COLLECTIONS, type CollectionName, type Collections } from '../types.js';
import { PostgresStore, sequenceName } from './index.js';

const CHUNK = 500;

export async function importLowdb(file: string, url: string): Promise<Record<CollectionName, number>> {
  const source = await LowdbStore.open({ file });
  const target = await PostgresStore.open({ url });
  try {
    const existing = await target.read(async (tx) => (await tx.list('users')).length + (await tx.findBookings({})).length);
    if (existing > 0) throw new Error('目标 PostgreSQL 数据库已有数据：只能导入到空数据库（npm run migrate:lowdb-to-pg 不会覆盖）。');
    const counts = {} as Record<CollectionName, number>;
    const counters = await source.read(async (tx) => {
      for (const c of COLLECTIONS) {
        const docs = (c === 'bookings' ? await tx.findBookings({}) : await tx.list(c as Exclude<CollectionName, 'bookings'>)) as Collections[CollectionName][];
        counts[c] = docs.length;
        for (let i = 0; i < docs.length; i += CHUNK) {
          const part = docs.slice(i, i + CHUNK);
          // no locks: nothing else uses the new database during the import
          await target.atomic([], async (ttx) => {
            for (const d of part) await ttx.put(c, d as never);
          });
        }
      }
      return source.counters();
    });
    // Counters (booking seq, notice numbers) go on from where lowdb stopped.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const [name, value] of Object.entries(counters)) {
        if (!value) continue;
        const seq = sequenceName(name);
        await client.query(`CREATE SEQUENCE IF NOT EXISTS ${seq}`);
        await client.query(`SELECT setval('${seq}', $1::bigint, true)`, [value]);
      }
    } finally {
      await client.end();
    }
    return counts;
  } finally {
    await source.close();
    await target.close();
  }
}
