/**
 * The shared WeChat access token's keeper (server/wechat-token.ts) on both stores, with the
 * interleaving that made two processes fetch twice (issue 13): B looks (nothing kept), A saves its
 * token, then B claims. The claim checks the kept token under the lock, so B gets A's token and
 * does not fetch. On PostgreSQL the two keepers sit on two store instances (two pools, as two
 * processes would); lowdb has one owner process, so its keepers share one store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '../../server/store/lowdb/index.js';
import { PostgresStore } from '../../server/store/postgres/index.js';
import type { Store } from '../../server/store/types.js';
import { storeTokenKeeper, type SharedToken } from '../../server/wechat-token.js';
import { createTestDatabase } from '../helpers/postgres.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function twoStores(kind: 'lowdb' | 'postgres'): Promise<[Store, Store]> {
  if (kind === 'lowdb') {
    const dir = mkdtempSync(join(tmpdir(), 'token-keeper-'));
    const s = await LowdbStore.open({ file: join(dir, 'db.json') });
    cleanups.push(async () => {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return [s, s];
  }
  const db = await createTestDatabase();
  const a = await PostgresStore.open({ url: db.url });
  const b = await PostgresStore.open({ url: db.url });
  cleanups.push(db.drop, () => a.close(), () => b.close());
  return [a, b];
}

describe.each(['lowdb', 'postgres'] as const)('the token keeper on %s', (kind) => {
  const fresh = (t: SharedToken) => t.expiresAt > Date.now();

  it('a token saved between a look and a claim is handed out, not fetched again', async () => {
    const [sa, sb] = await twoStores(kind);
    const a = storeTokenKeeper(sa);
    const b = storeTokenKeeper(sb);
    expect(await a.claim(15_000, fresh)).toBe('claimed');
    expect(await b.load()).toBeNull(); // B looked before A's fetch came back
    expect(await b.claim(15_000, fresh)).toBe('busy'); // A's lease: B waits
    const token = { value: 'TOKEN_A', expiresAt: Date.now() + 7_000_000 };
    await a.save(token);
    // before the fix B's claim saw the lease gone and fetched a second token
    expect(await b.claim(15_000, fresh)).toEqual(token);
    expect(await b.load()).toEqual(token);
  });

  it('a kept token the caller cannot use (expired or rejected) is fetched again, by one claimant', async () => {
    const [sa, sb] = await twoStores(kind);
    const a = storeTokenKeeper(sa);
    const b = storeTokenKeeper(sb);
    await a.save({ value: 'OLD', expiresAt: Date.now() - 1 });
    const results = await Promise.all([a.claim(15_000, fresh), b.claim(15_000, fresh)]);
    expect([...results].sort()).toEqual(['busy', 'claimed']);
    // WeChat rejected a still-dated token: usable() says no, so it is fetched again
    const rejected = { value: 'REJECTED', expiresAt: Date.now() + 7_000_000 };
    const winner = results[0] === 'claimed' ? a : b;
    await winner.save(rejected);
    expect(await a.claim(15_000, (t) => fresh(t) && t.value !== 'REJECTED')).toBe('claimed');
  });
});
