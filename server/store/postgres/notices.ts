/**
 * LISTEN for new notices on a dedicated connection and hand each to the local listeners once.
 * The connection reconnects by itself; after a gap it catches up from the table, so a notice
 * committed while this process was disconnected is still delivered (once: ids are remembered).
 */
import pg from 'pg';
import type { Notice } from '../../../shared/schemas/index.js';
import { NOTICE_CHANNEL } from './schema.js';

export interface NoticeSource {
  byId(id: string): Promise<Notice | undefined>;
  /** Notices with seq greater than `seq`, in seq order. */
  after(seq: number): Promise<Notice[]>;
  maxSeq(): Promise<number>;
}

const REMEMBER = 2000;
/** Sequence numbers are taken before commit, so a later commit can carry a smaller seq. */
const CATCH_UP_MARGIN = 200;

export class NoticeListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private backoff = 200;
  private lastSeq = 0;
  private readonly seen = new Set<string>();
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly source: NoticeSource,
    private readonly emit: (n: Notice) => void,
  ) {}

  async start(): Promise<void> {
    // Notices already in the table are not news: remember the recent ones so a catch-up skips them.
    this.lastSeq = await this.source.maxSeq();
    for (const n of await this.source.after(this.lastSeq - CATCH_UP_MARGIN)) this.seen.add(n.id);
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (msg.channel === NOTICE_CHANNEL && msg.payload) this.deliver(() => this.source.byId(msg.payload!).then((n) => (n ? [n] : [])));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTICE_CHANNEL}`);
    } catch (err) {
      client.end().catch(() => {});
      throw err;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.backoff = 200;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(async () => {
      this.retryTimer = null;
      try {
        await this.connect();
        const since = this.lastSeq - CATCH_UP_MARGIN;
        this.deliver(() => this.source.after(since));
      } catch {
        this.backoff = Math.min(this.backoff * 2, 5000);
        this.scheduleReconnect();
      }
    }, this.backoff);
    this.retryTimer.unref();
  }

  /** Runs fetches one after another so listeners see notices in the order they were announced. */
  private deliver(fetch: () => Promise<Notice[]>): void {
    this.chain = this.chain.then(async () => {
      let notices: Notice[];
      try {
        notices = await fetch();
      } catch {
        return; // database gone again: the next reconnect catches up
      }
      for (const n of notices) {
        if (this.stopped || this.seen.has(n.id)) continue;
        this.remember(n);
        this.emit(n);
      }
    });
  }

  private remember(n: Notice): void {
    this.seen.add(n.id);
    if (this.seen.size > REMEMBER) this.seen.delete(this.seen.values().next().value!);
    if (n.seq > this.lastSeq) this.lastSeq = n.seq;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
    await this.chain;
  }
}
