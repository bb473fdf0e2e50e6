/**
 * Legal questions are deleted LEGAL_RETENTION_DAYS after the appointment (PRODUCT.md privacy
 * promise): over HTTP on the real store, the lawyer's desk, the export and the files on disk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { purgeLegalDescriptions } from '../../server/services/retention.js';
import { runUntilExit, spawnServer } from '../helpers/process.js';
import { admin, client, member, makeSlot, staffWithRole, startServer, storeKind, type Client, type TestServer } from '../helpers/server.js';

const DAY = 86_400_000;
const OLD = '老板拖欠三个月工资共一万二千元';
const NEW = '工伤认定被单位拒绝怎么办';

let s: TestServer;
let a: Client;
beforeEach(async () => {
  s = await startServer({ now: '2026-11-23T09:00:00+08:00' });
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

async function bookLegal(slotId: string, description: string) {
  const r = await (await member(s)).post('/api/bookings', { service: 'legal', slotId, category: '工资报酬', description, phone: '13912345678' });
  expect(r.status).toBe(201);
  return r.body.booking as { id: string };
}

/** Two consultations: one on 2026-11-24 10:00, one on 2026-12-20 10:00. */
async function twoConsultations() {
  const early = await makeSlot(a, '2026-11-24T10:00:00+08:00');
  const late = await makeSlot(a, '2026-12-20T10:00:00+08:00');
  return { old: await bookLegal(early.id, OLD), fresh: await bookLegal(late.id, NEW), earlySlot: early.id };
}

const desk = async (c: Client) => (await c.get('/api/legal/consultations?from=2026-11-24&to=2026-12-31')).body.consultations as { bookingId: string; description: string | null }[];

describe('legal questions are deleted a fixed time after the appointment', () => {
  it('180 days by default: the older question is gone from the lawyer desk, the export and the store; the newer stays; the booking stays', async () => {
    const { old, fresh } = await twoConsultations();
    // a minute before the 180 days are up nothing goes (staff log in then: sessions last 30 days)
    s.clock.set(new Date(Date.parse('2026-11-24T10:00:00+08:00') + 180 * DAY - 60_000));
    const lawyer = await staffWithRole(s, 'legal');
    a = await admin(s);
    expect(await purgeLegalDescriptions(s.app.ctx)).toBe(0);
    expect((await desk(lawyer)).find((c) => c.bookingId === old.id)?.description).toBe(OLD);

    s.clock.advance(2 * 60_000);
    expect(await purgeLegalDescriptions(s.app.ctx)).toBe(1);
    const seen = await desk(lawyer);
    expect(seen.find((c) => c.bookingId === old.id)?.description).toBe('（已删除）');
    expect(seen.find((c) => c.bookingId === fresh.id)?.description).toBe(NEW);
    const csv = (await lawyer.get('/api/admin/bookings?service=legal&format=csv')).text;
    expect(csv).not.toContain(OLD);
    expect(csv).toContain(NEW);
    const xlsx = await lawyer.get('/api/admin/bookings?service=legal&format=xlsx');
    expect(xlsx.status).toBe(200);
    // the booking itself, its category and its place in the counts stay
    const rows = (await a.get('/api/admin/bookings?service=legal')).body.bookings as { id: string; status: string; category: string }[];
    expect(rows.find((b) => b.id === old.id)).toMatchObject({ status: 'confirmed', category: '工资报酬' });
    const stats = await a.get('/api/admin/stats?from=2026-11-24&to=2026-11-24');
    expect(JSON.stringify(stats.body)).toMatch(/legal/);
    // nothing of the text anywhere in the store, nor in the files on disk (lowdb)
    const all = await s.store.read(async (tx) => JSON.stringify([await tx.findBookings({}), await tx.list('audit'), await tx.list('idempotency')]));
    expect(all).not.toContain(OLD);
    if (s.dataFile) {
      const onDisk = (await readFile(s.dataFile, 'utf8')) + (await readFile(`${s.dataFile}.journal`, 'utf8').catch(() => ''));
      expect(onDisk).not.toContain(OLD);
      expect(onDisk).toContain(NEW);
    }
  });

  it('records each deletion in the audit log without the text, once: a second run changes nothing', async () => {
    const { old } = await twoConsultations();
    s.clock.set('2027-06-01T09:00:00+08:00');
    expect(await purgeLegalDescriptions(s.app.ctx)).toBe(1);
    expect(await purgeLegalDescriptions(s.app.ctx)).toBe(0);
    a = await admin(s);
    const entries = (await a.get('/api/admin/audit?action=legal.purge')).body.entries as { target: string; actorId: string; detail: Record<string, unknown> }[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ target: old.id, actorId: 'system', detail: { retentionDays: 180 } });
    expect(JSON.stringify(entries)).not.toContain(OLD);
  });

  it('LEGAL_RETENTION_DAYS sets the time, and the public config says it (the privacy notice shows it)', async () => {
    await s.close({ drop: true });
    s = await startServer({ now: '2026-11-23T09:00:00+08:00', config: { LEGAL_RETENTION_DAYS: 30 } });
    a = await admin(s);
    expect((await client(s).get('/api/config/public')).body.legalRetentionDays).toBe(30);
    const { old, fresh } = await twoConsultations();
    s.clock.set('2026-12-25T09:00:00+08:00'); // 31 days after the first, 5 after the second
    expect(await purgeLegalDescriptions(s.app.ctx)).toBe(1);
    const seen = await desk(await admin(s));
    expect(seen.find((c) => c.bookingId === old.id)?.description).toBe('（已删除）');
    expect(seen.find((c) => c.bookingId === fresh.id)?.description).toBe(NEW);
  });

  it('a question whose slot was deleted goes the same time after it was asked; cancelled ones go too', async () => {
    const { old, earlySlot } = await twoConsultations();
    expect((await a.del(`/api/admin/legal-slots/${earlySlot}`)).status).toBeLessThan(300);
    const slot2 = await makeSlot(a, '2026-11-30T10:00:00+08:00');
    const m = await member(s);
    const c = (await m.post('/api/bookings', { service: 'legal', slotId: slot2.id, category: '工伤', description: '被取消的咨询问题', phone: '13912345678' })).body.booking;
    await m.post(`/api/bookings/${c.id}/cancel`);
    s.clock.set(new Date(Date.parse('2026-11-23T09:00:00+08:00') + 180 * DAY + 1000));
    expect(await purgeLegalDescriptions(s.app.ctx)).toBe(1); // the orphan (asked 180 days ago); the cancelled one's appointment is later
    const all = await s.store.read((tx) => tx.findBookings({ service: 'legal' }));
    expect(all.find((b) => b.id === old.id)?.description).toBe('（已删除）');
    s.clock.set('2027-06-01T09:00:00+08:00');
    expect(await purgeLegalDescriptions(s.app.ctx)).toBe(1);
    expect(JSON.stringify(await s.store.read((tx) => tx.findBookings({ service: 'legal', status: ['cancelled'] })))).not.toContain('被取消的咨询问题');
  });

  it.runIf(storeKind() === 'postgres')('two server processes purging at once delete and record each question once', async () => {
    const { old } = await twoConsultations();
    const other = await startServer({ now: '2027-06-01T09:00:00+08:00', databaseUrl: dbUrlOf(s) });
    try {
      s.clock.set('2027-06-01T09:00:00+08:00');
      const counts = await Promise.all([purgeLegalDescriptions(s.app.ctx), purgeLegalDescriptions(other.app.ctx), purgeLegalDescriptions(s.app.ctx)]);
      expect(counts.reduce((x, y) => x + y, 0)).toBe(1);
      const entries = (await (await admin(s)).get('/api/admin/audit?action=legal.purge')).body.entries as { target: string }[];
      expect(entries.map((e) => e.target)).toEqual([old.id]);
    } finally {
      await other.close();
    }
  });
});

/** The database URL the test server's store was opened with. */
function dbUrlOf(t: TestServer): string {
  const u = (t.rawStore as unknown as { url?: string }).url;
  if (!u) throw new Error('no database url on the store');
  return u;
}

// configuration is read before any store is opened: one project is enough
describe.runIf(storeKind() === 'lowdb')('LEGAL_RETENTION_DAYS at start', () => {
  it('the server deletes what is due when it starts (server/main.ts, real clock)', async () => {
    const { old } = await twoConsultations(); // appointments in November 2026, long before the real today
    const file = s.dataFile!;
    await s.close();
    const srv = await spawnServer({ DATA_FILE: file, LEGAL_RETENTION_DAYS: '1', STAFF_USERNAME: 'admin', STAFF_PASSWORD: 'admin-pass-2026' });
    try {
      const login = await client(srv.url).post('/api/auth/staff', { username: 'admin', password: 'admin-pass-2026' });
      const c = client(srv.url, login.body.token);
      await expect
        .poll(async () => (await c.get('/api/legal/consultations?from=2026-11-24&to=2026-11-24')).body.consultations?.find((x: { bookingId: string }) => x.bookingId === old.id)?.description, { timeout: 10_000 })
        .toBe('（已删除）');
    } finally {
      await srv.kill();
    }
    s = await startServer({ dir: s.dir, now: '2027-01-01T09:00:00+08:00' }); // for afterEach
  });

  it.each(['0', '-1', '1.5', '半年', '99999'])('refuses %s with a message naming the variable', async (v) => {
    const r = await runUntilExit({ LEGAL_RETENTION_DAYS: v, DATA_FILE: `/tmp/gongyou-retention-${process.pid}-${Math.random()}.json` });
    expect(r.code).not.toBe(0);
    expect(r.output).toContain('LEGAL_RETENTION_DAYS');
    expect(r.output).toContain('1 到 3650');
  });
});
