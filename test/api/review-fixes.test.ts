import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, client, member, makeSlot, makeStation, makeStudioSession, staffWithRole, startServer, storeKind, type Client, type TestServer } from '../helpers/server.js';

let s: TestServer;
let a: Client;
beforeEach(async () => {
  s = await startServer({ now: '2026-11-25T08:00:00+08:00' });
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

describe('check-in racing a cancel', () => {
  it('never leaves a session oversold, and one of the two loses', async () => {
    for (let round = 0; round < 15; round++) {
      const { sessionId } = await makeStudioSession(a, 2, '2026-11-25T09:30:00+08:00');
      const [m1, m2] = await Promise.all([member(s), member(s)]);
      const first = (await m1.post('/api/bookings', { service: 'studio', sessionId, partySize: 2 })).body.booking;
      expect((await m2.post('/api/bookings', { service: 'studio', sessionId, partySize: 2 })).body.booking.status).toBe('waitlisted');
      const [checkin, cancel] = await Promise.all([a.post('/api/checkins', { code: first.code }), a.post(`/api/bookings/${first.id}/cancel`)]);
      const rows = (await a.get('/api/admin/bookings?service=studio')).body.bookings.filter((b: { sessionId: string }) => b.sessionId === sessionId);
      const seats = rows.filter((b: { status: string }) => b.status === 'confirmed').reduce((n: number, b: { partySize: number }) => n + b.partySize, 0);
      expect(seats).toBeLessThanOrEqual(2);
      const mine = rows.find((b: { id: string }) => b.id === first.id);
      // whichever went first decides: checked in (cancel refused) or cancelled (check-in refused)
      if (mine.status === 'cancelled') expect(checkin.status).toBe(409);
      else expect([mine.checkedInAt !== null, cancel.status]).toEqual([true, 409]);
    }
  });
});

describe('what staff see of a legal booking', () => {
  it('check-in and cancel answers mask the phone and hide the description from role staff', async () => {
    s.clock.set('2026-11-24T08:00:00+08:00');
    const slot = await makeSlot(a, '2026-11-24T10:00:00+08:00');
    const m = await member(s);
    const b = (await m.post('/api/bookings', { service: 'legal', slotId: slot.id, category: '工伤', description: '手指被压伤 私密', phone: '13912345678' })).body.booking;
    const staff = await staffWithRole(s, 'staff');
    const legal = await staffWithRole(s, 'legal');
    const checked = await staff.post('/api/checkins', { code: b.code, nonce: 'n1' });
    expect(checked.status).toBe(200);
    expect(JSON.stringify(checked.body)).not.toMatch(/私密|13912345678/);
    expect(checked.body.booking.phone).toBe('139****5678');
    const replay = await staff.post('/api/checkins', { code: b.code, nonce: 'n1' });
    expect(JSON.stringify(replay.body)).not.toMatch(/私密|13912345678/);
    expect((await legal.post('/api/checkins', { code: b.code, nonce: 'n1' })).body.booking.description).toMatch(/私密/);
    const slot2 = await makeSlot(a, '2026-11-26T10:00:00+08:00');
    const m2 = await member(s);
    const b2 = (await m2.post('/api/bookings', { service: 'legal', slotId: slot2.id, category: '工伤', description: '另一件 私密', phone: '13900001111' })).body.booking;
    const cancelled = await staff.post(`/api/bookings/${b2.id}/cancel`);
    expect(cancelled.body.booking.status).toBe('cancelled');
    expect(JSON.stringify(cancelled.body)).not.toMatch(/私密|13900001111/);
  });
});

describe.runIf(storeKind() === 'lowdb')('erasure leaves nothing behind', () => {
  it('no trace of the phone or description in the data files after DELETE /api/me', async () => {
    const slot = await makeSlot(a, '2026-11-26T10:00:00+08:00');
    const c = client(s);
    const token = (await c.post('/api/auth/dev-login', { name: '吴师傅', phone: '13933334444' })).body.token;
    const m = client(s, token);
    await m.post('/api/bookings', { service: 'legal', slotId: slot.id, category: '工伤', description: '手指被机器压断-私密', phone: '13933334444' }, { 'Idempotency-Key': 'abc' });
    expect((await m.del('/api/me')).status).toBe(204);
    const files = [await readFile(s.dataFile!, 'utf8'), await readFile(`${s.dataFile}.journal`, 'utf8').catch(() => '')].join('\n');
    expect(files).not.toMatch(/13933334444|压断|吴师傅/);
  });
});

describe('limits and ids', () => {
  it('capacity and daily quota cannot drop below what is confirmed', async () => {
    const { sessionId } = await makeStudioSession(a, 5, '2026-11-27T09:30:00+08:00');
    await (await member(s)).post('/api/bookings', { service: 'studio', sessionId, partySize: 3 });
    const low = await a.patch(`/api/admin/sessions/${sessionId}`, { capacity: 2 });
    expect(low.status).toBe(400);
    expect(low.body.error.field).toBe('capacity');
    expect((await a.patch(`/api/admin/sessions/${sessionId}`, { capacity: 3 })).status).toBe(200);
    const st = await makeStation(a, 5);
    for (let i = 0; i < 3; i++) await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-26' });
    const quota = await a.patch(`/api/admin/meal-stations/${st.id}`, { dailyQuota: 2 });
    expect(quota.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'dailyQuota' });
  });

  it('ids and voucher codes of any length that name nothing are 404', async () => {
    const m = await member(s);
    expect((await m.post('/api/bookings', { service: 'meal', stationId: 'x'.repeat(101), date: '2026-11-26' })).body.error.code).toBe('NOT_FOUND');
    expect((await m.post('/api/bookings', { service: 'studio', sessionId: 'y'.repeat(1000), partySize: 1 })).body.error.code).toBe('NOT_FOUND');
    const longCode = await a.post('/api/checkins', { code: '9'.repeat(65) });
    expect(longCode.status).toBe(404);
    expect(longCode.body.error.code).toBe('UNKNOWN_CODE');
  });

  it('times without an offset are Shanghai time, whatever the server zone', async () => {
    await makeSlot(a, '2026-11-26T15:00:00+08:00');
    const slots = (await client(s).get('/api/legal/slots?from=2026-11-26T14:00&to=2026-11-26T18:00')).body.slots;
    expect(slots).toHaveLength(1);
    expect((await client(s).get('/api/legal/slots?from=2026-11-26T15:30&to=2026-11-26T18:00')).body.slots).toHaveLength(0);
  });
});
