import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, exportData, member, makeStation, makeStudioSession, startServer, type Client, type TestServer } from '../helpers/server.js';

let s: TestServer;
let a: Client;
beforeEach(async () => {
  s = await startServer({ now: '2026-11-23T09:00:00+08:00' });
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

describe('Idempotency-Key (riders retrying on weak 4G)', () => {
  it('the same key twice gives one booking and the same answer', async () => {
    const st = await makeStation(a, 5);
    const m = await member(s);
    const body = { service: 'meal', stationId: st.id, date: '2026-11-24' };
    const first = await m.post('/api/bookings', body, { 'Idempotency-Key': 'retry-1' });
    const again = await m.post('/api/bookings', body, { 'Idempotency-Key': 'retry-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await m.get('/api/bookings/mine')).body.bookings).toHaveLength(1);
    expect((await a.get('/api/meal-stations?date=2026-11-24')).body.stations[0].remaining).toBe(4);
  });

  it('parallel retries with one key still make one booking', async () => {
    const st = await makeStation(a, 5);
    const m = await member(s);
    const body = { service: 'meal', stationId: st.id, date: '2026-11-24' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => m.post('/api/bookings', body, { 'Idempotency-Key': 'k-par' })));
    expect(new Set(answers.map((r) => r.body.booking.id)).size).toBe(1);
    expect((await m.get('/api/bookings/mine')).body.bookings).toHaveLength(1);
  });

  it('a refusal stores nothing: its retry is decided afresh, and keys are per caller', async () => {
    const st = await makeStation(a, 1);
    const m1 = await member(s);
    const m2 = await member(s);
    const body = { service: 'meal', stationId: st.id, date: '2026-11-24' };
    expect((await m1.post('/api/bookings', body, { 'Idempotency-Key': 'same' })).status).toBe(201);
    const before = await exportData(s);
    const full = await m2.post('/api/bookings', body, { 'Idempotency-Key': 'same' });
    expect(full.body.error.code).toBe('QUOTA_FULL');
    expect(await exportData(s)).toBe(before);
    const bookingId = (await m1.get('/api/bookings/mine')).body.bookings[0].id;
    await m1.post(`/api/bookings/${bookingId}/cancel`);
    // the place is free now: m2's retry with the same key books it
    const retry = await m2.post('/api/bookings', body, { 'Idempotency-Key': 'same' });
    expect(retry.status).toBe(201);
    expect((await m2.get('/api/bookings/mine')).body.bookings).toHaveLength(1);
  });

  // fuzz counterexample (PostgreSQL CI): a refused check-in with a key stored its refusal
  it('a refused check-in with an Idempotency-Key and a nonce stores nothing', async () => {
    const before = await exportData(s);
    const r = await a.post('/api/checkins', { code: '长'.repeat(19_993), nonce: 'n-1' }, { 'Idempotency-Key': '!', 'X-Forwarded-For': 'garbage' });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('UNKNOWN_CODE');
    expect(await exportData(s)).toBe(before);
    const again = await a.post('/api/checkins', { code: '87654321', nonce: 'n-1' }, { 'Idempotency-Key': '!' });
    expect(again.body.error.code).toBe('UNKNOWN_CODE');
    expect(await exportData(s)).toBe(before);
  });

  it('check-in honours Idempotency-Key', async () => {
    const st = await makeStation(a, 5);
    const b = (await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).body.booking;
    const first = await a.post('/api/checkins', { code: b.code }, { 'Idempotency-Key': 'scan-9' });
    const again = await a.post('/api/checkins', { code: b.code }, { 'Idempotency-Key': 'scan-9' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('rejects keys over 128 characters', async () => {
    const st = await makeStation(a, 5);
    const r = await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' }, { 'Idempotency-Key': 'x'.repeat(129) });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
  });
});

describe('concurrency', () => {
  it('hundreds of parallel meal bookings on a small quota confirm exactly the quota', async () => {
    const st = await makeStation(a, 20);
    const members = await Promise.all(Array.from({ length: 300 }, () => member(s)));
    const answers = await Promise.all(members.map((m) => m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })));
    const codes = answers.map((r) => r.status);
    expect(codes.filter((c) => c === 201)).toHaveLength(20);
    expect(codes.filter((c) => c === 409)).toHaveLength(280);
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.error.code === 'QUOTA_FULL')).toBe(true);
    expect((await a.get('/api/meal-stations?date=2026-11-24')).body.stations[0].remaining).toBe(0);
    const rows = (await a.get('/api/admin/bookings?service=meal')).body.bookings;
    expect(rows.filter((b: { status: string }) => b.status === 'confirmed')).toHaveLength(20);
  });

  it('parallel studio sign-ups and cancellations never exceed capacity', async () => {
    const { sessionId } = await makeStudioSession(a, 10);
    const members = await Promise.all(Array.from({ length: 60 }, () => member(s)));
    const signed = await Promise.all(members.map((m, i) => m.post('/api/bookings', { service: 'studio', sessionId, partySize: (i % 3) + 1 })));
    await Promise.all(signed.slice(0, 30).map((r, i) => members[i]!.post(`/api/bookings/${r.body.booking.id}/cancel`)));
    const rows = (await a.get('/api/admin/bookings?service=studio')).body.bookings as { status: string; partySize: number }[];
    const seats = rows.filter((b) => b.status === 'confirmed').reduce((n, b) => n + b.partySize, 0);
    expect(seats).toBeLessThanOrEqual(10);
    expect(seats).toBeGreaterThanOrEqual(8); // promotion filled the freed seats as far as parties fit
  });
});

describe('housekeeping', () => {
  it('forgets Idempotency-Keys after 24 hours and expired sessions after 30 days', async () => {
    const { pruneExpired } = await import('../../server/services/maintenance.js');
    const st = await makeStation(a, 5);
    const m = await member(s);
    await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' }, { 'Idempotency-Key': 'old' });
    expect(await pruneExpired(s.app.ctx)).toEqual({ idempotency: 0, sessions: 0 });
    s.clock.advance(24 * 3600_000);
    expect((await pruneExpired(s.app.ctx)).idempotency).toBe(1);
    s.clock.advance(30 * 24 * 3600_000);
    expect((await pruneExpired(s.app.ctx)).sessions).toBeGreaterThanOrEqual(2);
    expect((await m.get('/api/me')).status).toBe(401);
    expect((await m.get('/api/bookings/mine')).status).toBe(401);
  });
});
