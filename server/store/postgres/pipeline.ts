/**
 * One transaction's statements on one connection in pipeline mode, with as few round trips and
 * socket writes as the order of statements allows: statements whose answer nobody waits for (the
 * BEGIN with its locks, a write) are held and go out in the same write as the next statement that
 * needs an answer, or the COMMIT. A booking is then two round trips: [BEGIN + locks, its facts] and
 * [INSERT, COMMIT]. PostgreSQL still runs them one after another, in order, each statement with a
 * fresh snapshot, so a statement sent behind the locks reads after they are granted.
 */
import type pg from 'pg';

type Stream = { cork(): void; uncork(): void };

export class Pipeline {
  private corked = false;
  private readonly sent: Promise<unknown>[] = [];
  /** The first statement that failed: a later "transaction is aborted" (25P02) is its consequence. */
  private failure: unknown = null;
  /** Index (in sending order) of that statement. */
  failedAt = -1;
  private count = 0;
  private readonly stream: Stream;

  constructor(private readonly client: pg.PoolClient) {
    this.stream = (client as unknown as { connection: { stream: Stream } }).connection.stream;
  }

  /** Sends a statement whose answer is not awaited; a failure is reported by the next `ask` or `settle`. */
  send(config: pg.QueryConfig | string): void {
    if (!this.corked) {
      this.stream.cork();
      this.corked = true;
    }
    this.sent.push(this.submit(config).catch(() => {}));
  }

  /** Sends a statement, with everything held, and waits for its answer. */
  async ask(config: pg.QueryConfig | string): Promise<pg.QueryResult> {
    const p = this.submit(config);
    this.flush();
    let result: pg.QueryResult;
    try {
      result = await p;
    } catch (err) {
      throw this.failure ?? err;
    }
    if (this.failure) throw this.failure;
    return result;
  }

  /** Sends a last statement (ROLLBACK) with everything held and waits for its own answer only. */
  async finish(sql: string): Promise<void> {
    const p = this.client.query(sql);
    this.flush();
    await p;
  }

  private submit(config: pg.QueryConfig | string): Promise<pg.QueryResult> {
    const at = this.count++;
    const p = this.client.query(config as pg.QueryConfig);
    p.catch((err: unknown) => {
      if (this.failure === null) {
        this.failure = err;
        this.failedAt = at;
      }
    });
    return p;
  }

  private flush(): void {
    if (this.corked) {
      this.corked = false;
      this.stream.uncork();
    }
  }

  /** Waits for every statement sent; throws the first failure. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.sent);
    if (this.failure) throw this.failure;
  }

  /** The first failure, if any statement failed (else `err`). */
  cause(err: unknown): unknown {
    return this.failure ?? err;
  }
}
