/** Finding 3 of issue 9: a lost or emptied snapshot beside a journal must stop the server, not start it on partial data. */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, makeStation, member, startServer, storeKind } from '../helpers/server.js';
import { runUntilExit } from '../helpers/process.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongyou-snaplost-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A store whose bookings live in the snapshot (compacted), with one more booking in the journal. */
async function storeWithCompactedHistory(name: string): Promise<string> {
  const s = await startServer({ dir: await mkdtemp(join(dir, `${name}-`)) });
  const a = await admin(s);
  const st = await makeStation(a, 5);
  const m = await member(s);
  expect((await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).status).toBe(201);
  await s.rawStore.compact!();
  expect((await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-25' })).status).toBe(201);
  await s.close();
  expect((await stat(`${s.dataFile}.journal`)).size).toBeGreaterThan(0);
  return s.dataFile!;
}

describe.runIf(storeKind() === 'lowdb')('a journal without its snapshot', () => {
  it('missing snapshot beside a journal: exit 2, Chinese message naming the file, journal untouched', async () => {
    const file = await storeWithCompactedHistory('missing');
    await rm(file);
    const journal = await readFile(`${file}.journal`);
    const r = await runUntilExit({ DATA_FILE: file });
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/无法启动/);
    expect(r.output).toContain(file);
    expect(r.output).toMatch(/不存在/);
    expect(await readFile(`${file}.journal`)).toEqual(journal);
    await expect(stat(file)).rejects.toThrow(); // no new empty snapshot written over the loss
  });

  it('missing snapshot beside an empty journal (everything was compacted): exit 2', async () => {
    const file = await storeWithCompactedHistory('emptyjournal');
    await writeFile(`${file}.journal`, '');
    await rm(file);
    const r = await runUntilExit({ DATA_FILE: file });
    expect(r.code).toBe(2);
    expect(r.output).toContain(file);
  });

  it.each([['0-byte', ''], ['whitespace-only', '\n  \n']])('%s snapshot beside a journal: exit 2 and the file is left as it was', async (_label, text) => {
    const file = await storeWithCompactedHistory('empty');
    await writeFile(file, text);
    const r = await runUntilExit({ DATA_FILE: file });
    expect(r.code).toBe(2);
    expect(r.output).toMatch(/无法启动/);
    expect(r.output).toContain(file);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('a new store writes its snapshot at once, and a fresh folder still starts', async () => {
    const file = join(await mkdtemp(join(dir, 'fresh-')), 'db.json');
    const r = await runUntilExit({ DATA_FILE: file });
    expect(r.code).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8')).format).toBe('gongyou-yizhan/1');
  });
});
