/**
 * The mini-program's access token, shared by every process (server and bot) and kept across restarts.
 *
 * WeChat's `/cgi-bin/stable_token` (normal mode) hands out the current token without invalidating it,
 * unlike `/cgi-bin/token`, so processes never knock out each other's tokens. On top of that the token
 * is kept in the store (`kv` `wechat:access_token`): a process that finds a fresh one there uses it, and
 * only one process fetches at a time (a short lease in the same record), so N processes and restarts
 * cost one call to WeChat per token lifetime. `force_refresh` is used only when WeChat rejects the
 * very token it just handed out (it is limited per day, and it does invalidate the old token).
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../shared/errors.js';
import { lock } from './store/locks.js';
import type { Store } from './store/types.js';

export interface SharedToken {
  value: string;
  /** ms since the epoch; 5 minutes before WeChat's expiry, so nobody uses a token about to lapse. */
  expiresAt: number;
}

/** Where the token is kept between processes. */
export interface TokenKeeper {
  load(): Promise<SharedToken | null>;
  /** Takes the right to fetch for `leaseMs` unless another process holds it; true when taken. */
  claim(leaseMs: number): Promise<boolean>;
  /** Saves a fetched token (and ends the lease). */
  save(t: SharedToken): Promise<void>;
  /** Forgets `value` if it is still the kept token (WeChat said it is invalid). */
  drop(value: string): Promise<void>;
  /** Ends this process's lease without a token (the fetch failed). */
  release(): Promise<void>;
}

export const TOKEN_KV_ID = 'wechat:access_token';

/** errcodes meaning the access token is invalid or expired: drop it and fetch a new one. */
export const TOKEN_ERRORS: ReadonlySet<number> = new Set([40001, 40014, 42001]);

interface TokenRecord {
  token?: SharedToken | null;
  lease?: { by: string; until: number } | null;
}

/** The token in the store's `kv`, under its own lock: shared by every process on the same store. */
export function storeTokenKeeper(store: Store, now: () => number = Date.now): TokenKeeper {
  const me = randomUUID();
  const plan = [lock.kv(TOKEN_KV_ID)];
  const read = async (tx: Parameters<Parameters<Store['atomic']>[1]>[0]) => ((await tx.get('kv', TOKEN_KV_ID))?.value ?? {}) as TokenRecord;
  const write = (tx: Parameters<Parameters<Store['atomic']>[1]>[0], value: TokenRecord) => tx.put('kv', { id: TOKEN_KV_ID, value });
  return {
    load: () => store.read(async (tx) => (await read(tx)).token ?? null),
    claim: (leaseMs) =>
      store.atomic(plan, async (tx) => {
        const r = await read(tx);
        if (r.lease && r.lease.by !== me && r.lease.until > now()) return false;
        await write(tx, { ...r, lease: { by: me, until: now() + leaseMs } });
        return true;
      }),
    save: (token) => store.atomic(plan, async (tx) => void (await write(tx, { token, lease: null }))),
    drop: (value) =>
      store.atomic(plan, async (tx) => {
        const r = await read(tx);
        if (r.token?.value === value) await write(tx, { ...r, token: null });
      }),
    release: () =>
      store.atomic(plan, async (tx) => {
        const r = await read(tx);
        if (r.lease?.by === me) await write(tx, { ...r, lease: null });
      }),
  };
}

/** One process only (the bot, tests): the token lives in memory. */
export function memoryTokenKeeper(): TokenKeeper {
  let token: SharedToken | null = null;
  return {
    load: async () => token,
    claim: async () => true,
    save: async (t) => void (token = t),
    drop: async (v) => void (token?.value === v && (token = null)),
    release: async () => undefined,
  };
}

export interface TokenSourceOptions {
  appId: string;
  secret: string;
  /** WX_API_BASE */
  base: string;
  keeper?: TokenKeeper;
  now?: () => number;
  /** How long to wait for another process's fetch before giving up (default 15 s). */
  waitMs?: number;
}

export interface TokenSource {
  get(): Promise<string>;
  /** WeChat said `value` is invalid (40001/40014/42001): the next get() fetches a new one. */
  invalidate(value: string): Promise<void>;
}

const LEASE_MS = 15_000;

export function createTokenSource(opts: TokenSourceOptions): TokenSource {
  const now = opts.now ?? Date.now;
  const keeper = opts.keeper ?? memoryTokenKeeper();
  let cached: SharedToken | null = null;
  let pending: Promise<string> | null = null;
  // the value WeChat last rejected: if stable_token hands it out again, force a new one
  let rejected: string | null = null;

  async function fetchNew(): Promise<SharedToken> {
    let t = await fetchStableToken(opts, false, now);
    if (t.value === rejected) t = await fetchStableToken(opts, true, now);
    rejected = null;
    return t;
  }

  async function obtain(): Promise<string> {
    const until = now() + (opts.waitMs ?? LEASE_MS);
    for (;;) {
      const kept = await keeper.load();
      if (kept && kept.expiresAt > now() && kept.value !== rejected) return (cached = kept).value;
      if (await keeper.claim(LEASE_MS)) {
        let t: SharedToken;
        try {
          t = await fetchNew();
        } catch (err) {
          await keeper.release().catch(() => undefined);
          throw err;
        }
        await keeper.save(t);
        return (cached = t).value;
      }
      // another process is fetching: its token will be in the store in a moment
      if (now() > until) throw new DomainError('UNAVAILABLE', '获取微信 access_token 超时（另一个进程正在获取）');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    async get() {
      if (cached && cached.expiresAt > now()) return cached.value;
      pending ??= obtain().finally(() => (pending = null));
      return pending;
    },
    async invalidate(value) {
      if (cached?.value === value) cached = null;
      rejected = value;
      await keeper.drop(value);
    },
  };
}

/** `POST /cgi-bin/stable_token` (normal mode, or force_refresh). */
export async function fetchStableToken(
  opts: { appId: string; secret: string; base: string },
  forceRefresh: boolean,
  now: () => number = Date.now,
): Promise<SharedToken> {
  let res: Response;
  try {
    res = await fetch(new URL('/cgi-bin/stable_token', opts.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: opts.appId, secret: opts.secret, force_refresh: forceRefresh }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new DomainError('UNAVAILABLE', `微信服务暂时连不上：${(err as Error).message}`);
  }
  const r = (await res.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
  if (!r.access_token) throw new DomainError('UNAVAILABLE', `获取微信 access_token 失败：${r.errcode ?? res.status} ${r.errmsg ?? ''}`.trim());
  return { value: r.access_token, expiresAt: now() + ((r.expires_in ?? 7200) - 300) * 1000 };
}
