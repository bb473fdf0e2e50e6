/**
 * The PostgreSQL store: many server processes share one database.
 *
 * - `atomic` = BEGIN, one transaction-scoped advisory lock per lock key (in a fixed order, so two
 *   transactions never wait on each other in a cycle), the body, COMMIT. Every process that books
 *   the same resource takes the same lock before counting, so capacity holds across processes.
 *   READ COMMITTED gives each statement a fresh snapshot, so counts taken after the lock see every
 *   earlier commit.
 * - Deadlocks, serialization failures and unique races (a voucher code drawn twice) run the whole
 *   transaction again, a few times.
 * - Lost connections become StoreUnavailableError (503); the pool opens fresh connections on the
 *   next request, so the server recovers when PostgreSQL is back.
 * - Notices: pg_notify inside the inserting transaction, LISTEN on a dedicated connection.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Notice } from '../../../shared/schemas/index.js';
import { normalise, type LockKey } from '../locks.js';
import { StoreUnavailableError, type Awaitable, type Store, type Tx } from '../types.js';
import { isConnectionError, isRetryable, isSocketError, toStoreError } from './errors.js';
import { migrate } from './migrate.js';
import { NoticeListener } from './notices.js';
import { Pipeline } from './pipeline.js';
import { PgTx, type Query } from './tx.js';

export interface PostgresStoreOptions {
  url: string;
  /** Connections per process (default 10). */
  poolSize?: number;
}

const MAX_ATTEMPTS = 5;

const lockIds = new Map<string, bigint>();
/** 64-bit advisory lock id of a lock key's text (remembered: a booking's keys repeat). */
export function lockId(key: string): bigint {
  let id = lockIds.get(key);
  if (id === undefined) {
    id = createHash('sha256').update(key).digest().readBigInt64BE(0);
    if (lockIds.size >= 100_000) lockIds.clear();
    lockIds.set(key, id);
  }
  return id;
}

/**
 * The statement that takes a plan's locks: ids sorted (a global order means no lock cycles between
 * transactions), one per id, exclusive when any key of that id is.
 */
export function lockStatement(locks: readonly LockKey[]): string {
  const byId = new Map<bigint, boolean>();
  for (const l of normalise(locks)) {
    const id = lockId(l.key);
    byId.set(id, byId.get(id) === true || l.mode === 'exclusive');
  }
  const ids = [...byId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const calls = ids.map((id) => (byId.get(id) ? `pg_advisory_xact_lock(${id})` : `pg_advisory_xact_lock_shared(${id})`));
  return calls.length ? `BEGIN; SELECT ${calls.join(', ')}` : 'BEGIN';
}

const statementNames = new Map<string, string>();
/** Named (prepared once per connection) statements: PostgreSQL parses and plans each text once. */
function prepared(sql: string, values?: unknown[]): pg.QueryConfig {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values };
}

/** A safe SQL sequence name for a counter name. */
export function sequenceName(name: string): string {
  return /^[a-z0-9_]{1,40}$/.test(name) ? `seq_${name}` : `seq_h${createHash('sha256').update(name).digest('hex').slice(0, 24)}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly events = new EventEmitter();
  private readonly sequences = new Set<string>();
  private listener: NoticeListener | null = null;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {
    this.events.setMaxListeners(0);
  }

  static async open(opts: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString: opts.url,
      max: opts.poolSize ?? 10,
      // Also bounds the wait for a free pooled connection: past it the request is answered 503.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      // A stuck process must not hold a resource's lock for ever.
      idle_in_transaction_session_timeout: 60_000,
      statement_timeout: 30_000,
      // Plan each prepared statement once per connection. Left to choose, PostgreSQL re-plans a
      // booking's facts statement (four subqueries, ~0.7 ms of planning) on every execution.
      options: '-c plan_cache_mode=force_generic_plan',
      // statements of a transaction share round trips (pipeline.ts)
      pipeline: true,
    } as pg.PoolConfig);
    // Idle or checked-out connections that die (PostgreSQL restarted) emit 'error': never crash.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const store = new PostgresStore(pool, opts.url);
    try {
      await migrate(pool);
      const rows = (await pool.query("SELECT sequencename FROM pg_sequences WHERE sequencename LIKE 'seq\\_%'")).rows;
      for (const r of rows) store.sequences.add(r.sequencename as string);
      store.listener = new NoticeListener(opts.url, store.noticeSource(), (n) => store.events.emit('notice', n));
      await store.listener.start();
    } catch (err) {
      await pool.end().catch(() => {});
      const e = toStoreError(err);
      if (e instanceof StoreUnavailableError) throw new StoreUnavailableError(`无法连接 PostgreSQL（DATABASE_URL）：${(err as Error).message}`);
      throw e;
    }
    return store;
  }

  async atomic<T>(locks: readonly LockKey[], fn: (tx: Tx) => Awaitable<T>): Promise<T> {
    const begin = lockStatement(locks);
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect();
      let broken = false;
      const line = new Pipeline(client);
      // BEGIN and the locks go out with the transaction's first statement, writes with the next one
      line.send(begin);
      try {
        const tx = new PgTx(
          (sql, values) => line.ask(prepared(sql, values)),
          this.hooks,
          false,
          (sql, values) => line.send(prepared(sql, values)),
        );
        const result = await fn(tx);
        await line.ask('COMMIT');
        // COMMIT of a transaction in which a held write failed only rolls back: report that write
        await line.settle();
        return result;
      } catch (caught) {
        const err = line.cause(caught);
        broken = isConnectionError(err);
        if (!broken) await line.finish('ROLLBACK').catch(() => (broken = true));
        // a pooled connection that died while idle (PostgreSQL restarted) fails at BEGIN: nothing ran
        const staleConnection = line.failedAt === 0 && isSocketError(err);
        if ((staleConnection || (!broken && isRetryable(err))) && attempt < MAX_ATTEMPTS) {
          await sleep(Math.random() * 10 * attempt);
          continue;
        }
        throw toStoreError(err);
      } finally {
        client.release(broken);
      }
    }
  }

  async read<T>(fn: (tx: Tx) => Awaitable<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError('存储已关闭');
    const q: Query = (sql, values) => this.pool.query(prepared(sql, values));
    try {
      return await fn(new PgTx(q, this.hooks, true));
    } catch (err) {
      if (!isSocketError(err)) throw toStoreError(err);
      // reads change nothing: once more, on a fresh connection, before answering 503
      try {
        return await fn(new PgTx(q, this.hooks, true));
      } catch (again) {
        throw toStoreError(again);
      }
    }
  }

  onNotice(listener: (n: Notice) => void): () => void {
    this.events.on('notice', listener);
    return () => this.events.off('notice', listener);
  }

  private rateLimitHits = 0;

  async rateLimitHit(key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }> {
    try {
      // one statement: a new window when the old one is over, else one more hit in it
      const { rows } = await this.pool.query(
        `INSERT INTO rate_limits AS r (key, hits, resets_at) VALUES ($1, 1, clock_timestamp() + $2 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.resets_at <= clock_timestamp() THEN 1 ELSE r.hits + 1 END,
           resets_at = CASE WHEN r.resets_at <= clock_timestamp() THEN excluded.resets_at ELSE r.resets_at END
         RETURNING hits, greatest(0, ceil(extract(epoch FROM resets_at - clock_timestamp()) * 1000))::int AS ttl`,
        [key, windowMs],
      );
      // now and then, forget windows long over (the table stays the size of one busy minute); the request
      // that happens to be the 1000th does not wait for it, and a failed cleanup is retried 1000 hits later
      if (++this.rateLimitHits % 1000 === 0) this.pool.query('DELETE FROM rate_limits WHERE resets_at < clock_timestamp()').catch(() => {});
      return { hits: rows[0].hits as number, ttlMs: rows[0].ttl as number };
    } catch (err) {
      throw toStoreError(err);
    }
  }

  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError('存储已关闭');
    try {
      await this.pool.query('SELECT 1');
    } catch (err) {
      throw toStoreError(err);
    }
  }

  async stats(): Promise<{ bookings: number }> {
    try {
      const { rows } = await this.pool.query('SELECT count(*)::int AS n FROM bookings');
      return { bookings: rows[0].n as number };
    } catch (err) {
      throw toStoreError(err);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener?.stop();
    await this.pool.end();
  }

  private async connect(): Promise<pg.PoolClient> {
    if (this.closed) throw new StoreUnavailableError('存储已关闭');
    try {
      return await this.pool.connect();
    } catch (err) {
      const e = toStoreError(err);
      throw e instanceof StoreUnavailableError ? e : new StoreUnavailableError(`数据库连接失败：${(err as Error).message}`);
    }
  }

  private readonly hooks = {
    sequence: async (name: string): Promise<string> => {
      const seq = sequenceName(name);
      if (!this.sequences.has(seq)) {
        // On a connection of its own: outside the caller's transaction (the sequence exists whatever
        // that one does), and never waiting for a pool that busy transactions may have filled.
        const client = new pg.Client({ connectionString: this.url });
        client.on('error', () => {});
        try {
          await client.connect();
          await client.query(`CREATE SEQUENCE IF NOT EXISTS ${seq}`);
        } catch (err) {
          // two processes creating it at once: the loser sees a unique violation
          if (!isRetryable(err)) throw err;
        } finally {
          await client.end().catch(() => {});
        }
        this.sequences.add(seq);
      }
      return seq;
    },
  };

  private noticeSource() {
    const parse = (rows: { doc: string }[]) => rows.map((r) => JSON.parse(r.doc) as Notice);
    return {
      byId: async (id: string) => parse((await this.pool.query('SELECT doc FROM notices WHERE id = $1', [id])).rows)[0],
      after: async (seq: number) => parse((await this.pool.query('SELECT doc FROM notices WHERE seq > $1 ORDER BY seq', [seq])).rows),
      maxSeq: async () => Number((await this.pool.query('SELECT coalesce(max(seq), 0) AS m FROM notices')).rows[0].m),
    };
  }
}
