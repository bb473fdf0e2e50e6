import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LowdbStore } from '../../server/store/lowdb/index.js';
import { StoreUnavailableError } from '../../server/store/types.js';

// Every answer the lowdb store gives (writes, read-only transactions, refusals, reads) may rest on
// changes still being written: none may be given before those are on disk.
let dir: string;
let store: LowdbStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-durable-answers-'));
  store = await LowdbStore.open({ file: join(dir, 'db.json') });
});
afterEach(async () => {
  await store.close().catch(() => {});
  await rm(dir, { recursive: true, force: true });
});

/** The next journal append waits `ms`, then fails like a full disk. */
function failNextWrite(s: LowdbStore, ms: number) {
  const target = (s as unknown as { journal: { append: (...a: unknown[]) => Promise<void> } }).journal;
  const original = target.append.bind(target);
  target.append = async () => {
    target.append = original;
    await new Promise((r) => setTimeout(r, ms));
    throw Object.assign(new Error('No space left on device'), { code: 'ENOSPC' });
  };
}

const kv = (id: string) => ({ id, value: id });

describe('lowdb answers only what is on disk', () => {
  it('a read-only transaction that saw an unwritten change fails with the write', async () => {
    failNextWrite(store, 100);
    const write = store.atomic([], (tx) => tx.put('kv', kv('a')));
    const sawIt = store.atomic([], async (tx) => !!(await tx.get('kv', 'a')));
    await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(sawIt).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await store.read((tx) => tx.get('kv', 'a'))).toBeUndefined();
  });

  it('a refusal based on an unwritten change fails with the write', async () => {
    failNextWrite(store, 100);
    const write = store.atomic([], (tx) => tx.put('kv', kv('b')));
    const refusal = store.atomic([], async (tx) => {
      if (await tx.get('kv', 'b')) throw new Error('DUPLICATE');
    });
    await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(refusal).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('a plain read waits for the write in flight and fails with it', async () => {
    failNextWrite(store, 100);
    const write = store.atomic([], (tx) => tx.put('kv', kv('c')));
    await new Promise((r) => setTimeout(r, 20)); // the write is in memory, its journal line not on disk
    const read = store.read((tx) => tx.get('kv', 'c'));
    await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(read).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('answers normally once the write is on disk', async () => {
    await store.atomic([], (tx) => tx.put('kv', kv('d')));
    expect(await store.atomic([], (tx) => tx.get('kv', 'd'))).toEqual(kv('d'));
    expect(await store.read((tx) => tx.get('kv', 'd'))).toEqual(kv('d'));
  });
});
