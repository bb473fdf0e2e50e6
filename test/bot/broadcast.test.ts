/** The broadcaster with fake notices and targets: order, spacing, retries, fresh targets, restarts. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient, Notice } from '../../bot/api.js';
import { createBroadcaster, type Broadcaster, type BroadcastTarget } from '../../bot/broadcast.js';
import { CursorStore } from '../../bot/cursor-store.js';
import { sleep, until } from './world.js';

let notices: Notice[] = [];
const publish = (title: string) => notices.push({ id: `n${notices.length + 1}`, seq: notices.length + 1, title, body: '…', link: null, authorName: null, createdAt: new Date().toISOString() });
const api = {
  notices: async (since?: number) => notices.filter((n) => n.seq > (since ?? 0)).reverse(),
} as unknown as ApiClient;

function target(key: string, fail = () => false) {
  const got: { seq: number; at: number }[] = [];
  const t: BroadcastTarget = {
    key,
    async send(n) {
      if (fail()) throw new Error('offline');
      got.push({ seq: n.seq, at: Date.now() });
    },
  };
  return { t, got };
}

let running: Broadcaster[] = [];
async function start(targets: BroadcastTarget[], cursors: CursorStore, intervalMs = 100) {
  const b = createBroadcaster({ api, cursors, targets, intervalMs, pollMs: 30 });
  running.push(b);
  await b.start();
  return b;
}

afterEach(async () => {
  await Promise.all(running.map((b) => b.stop()));
  running = [];
  notices = [];
});

describe('broadcaster', () => {
  it('starts fresh targets at the newest notice, then delivers new ones in order, spaced', async () => {
    publish('old');
    const a = target('room:a');
    await start([a.t], await CursorStore.open());
    publish('one');
    publish('two');
    publish('three');
    await until(() => a.got.length === 3, 3000, 'three posts');
    expect(a.got.map((g) => g.seq)).toEqual([2, 3, 4]);
    expect(a.got[1]!.at - a.got[0]!.at).toBeGreaterThanOrEqual(95);
    expect(a.got[2]!.at - a.got[1]!.at).toBeGreaterThanOrEqual(95);
  });

  it('retries a failing target in order without holding the others back', async () => {
    let offline = true;
    const a = target('room:a');
    const b = target('room:b', () => offline);
    await start([a.t, b.t], await CursorStore.open(), 10);
    publish('one');
    publish('two');
    await until(() => a.got.length === 2, 3000, 'room a');
    expect(b.got).toEqual([]);
    offline = false;
    await until(() => b.got.length === 2, 3000, 'room b catching up');
    expect(b.got.map((g) => g.seq)).toEqual([1, 2]);
    await sleep(150);
    expect(a.got).toHaveLength(2);
  });

  it('never re-posts after a restart with the same cursor file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gongyou-bc-'));
    try {
      const file = join(dir, 'state.json');
      const first = target('room:a');
      const b1 = await start([first.t], await CursorStore.open(file), 10);
      publish('one');
      await until(() => first.got.length === 1, 3000, 'first post');
      await b1.stop();
      publish('two');
      const second = target('room:a');
      await start([second.t], await CursorStore.open(file), 10);
      await until(() => second.got.length === 1, 3000, 'the new notice');
      await sleep(150);
      expect(second.got.map((g) => g.seq)).toEqual([2]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
