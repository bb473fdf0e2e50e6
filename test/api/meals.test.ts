import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, member, makeStation, startServer, type Client, type TestServer } from '../helpers/server.js';

// Clock: Monday 2026-11-23 09:00 Shanghai; stations open 10:00–20:00.
let s: TestServer;
let a: Client;
beforeEach(async () => {
  s = await startServer({ now: '2026-11-23T09:00:00+08:00' });
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

const meal = (stationId: string, date: string) => ({ service: 'meal', stationId, date });

describe('meal booking', () => {
  it('confirms with a voucher code and lowers places left', async () => {
    const st = await makeStation(a, 3);
    const m = await member(s);
    const r = await m.post('/api/bookings', meal(st.id, '2026-11-23'));
    expect(r.status).toBe(201);
    expect(r.body.booking).toMatchObject({ service: 'meal', status: 'confirmed', stationId: st.id, date: '2026-11-23', memberId: m.id, checkedInAt: null });
    expect(r.body.booking.code).toMatch(/^\d{8}$/);
    const list = await m.get('/api/meal-stations?date=2026-11-23');
    expect(list.body.stations[0]).toMatchObject({ id: st.id, dailyQuota: 3, remaining: 2 });
    expect(list.body.date).toBe('2026-11-23');
    expect((await m.get('/api/meal-stations')).body.date).toBe('2026-11-23');
  });

  it('never confirms more than the quota: QUOTA_FULL', async () => {
    const st = await makeStation(a, 2);
    for (let i = 0; i < 2; i++) expect((await (await member(s)).post('/api/bookings', meal(st.id, '2026-11-24'))).status).toBe(201);
    const r = await (await member(s)).post('/api/bookings', meal(st.id, '2026-11-24'));
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('QUOTA_FULL');
    expect(r.body.error.message).toMatch(/名额已满/);
  });

  it('one meal per member per date, at any station: DUPLICATE', async () => {
    const st1 = await makeStation(a, 5);
    const st2 = await makeStation(a, 5);
    const m = await member(s);
    expect((await m.post('/api/bookings', meal(st1.id, '2026-11-24'))).status).toBe(201);
    const dup = await m.post('/api/bookings', meal(st2.id, '2026-11-24'));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect((await m.post('/api/bookings', meal(st2.id, '2026-11-25'))).status).toBe(201);
  });

  it('books today up to 3 days ahead; past dates are CLOSED, later ones BAD_REQUEST on date', async () => {
    const st = await makeStation(a, 5);
    const m = await member(s);
    expect((await m.post('/api/bookings', meal(st.id, '2026-11-26'))).status).toBe(201);
    const far = await m.post('/api/bookings', meal(st.id, '2026-11-27'));
    expect(far.status).toBe(400);
    expect(far.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'date' });
    const past = await m.post('/api/bookings', meal(st.id, '2026-11-22'));
    expect(past.status).toBe(409);
    expect(past.body.error.code).toBe('CLOSED');
  });

  it("today's meal can be booked until the station closes", async () => {
    const st = await makeStation(a, 5);
    s.clock.set('2026-11-23T19:59:00+08:00');
    expect((await (await member(s)).post('/api/bookings', meal(st.id, '2026-11-23'))).status).toBe(201);
    s.clock.set('2026-11-23T20:00:00+08:00');
    const late = await (await member(s)).post('/api/bookings', meal(st.id, '2026-11-23'));
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CLOSED');
  });

  it('cancel frees the place at once until the station opens; then CLOSED for the member, allowed for staff', async () => {
    const st = await makeStation(a, 1);
    const m = await member(s);
    const b1 = (await m.post('/api/bookings', meal(st.id, '2026-11-23'))).body.booking;
    const c = await m.post(`/api/bookings/${b1.id}/cancel`);
    expect(c.status).toBe(200);
    expect(c.body.booking.status).toBe('cancelled');
    expect((await m.get('/api/meal-stations?date=2026-11-23')).body.stations[0].remaining).toBe(1);
    const other = await member(s);
    const b2 = (await other.post('/api/bookings', meal(st.id, '2026-11-23'))).body.booking;
    expect(b2.status).toBe('confirmed');
    s.clock.set('2026-11-23T10:00:00+08:00');
    const late = await other.post(`/api/bookings/${b2.id}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CLOSED');
    expect((await a.post(`/api/bookings/${b2.id}/cancel`)).body.booking.status).toBe('cancelled');
  });

  it("a member cannot cancel another member's booking; unknown ids are 404", async () => {
    const st = await makeStation(a, 5);
    const b = (await (await member(s)).post('/api/bookings', meal(st.id, '2026-11-24'))).body.booking;
    const r = await (await member(s)).post(`/api/bookings/${b.id}/cancel`);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect((await a.post('/api/bookings/bk_nope/cancel')).body.error.code).toBe('NOT_FOUND');
    const unknownStation = await (await member(s)).post('/api/bookings', meal('st_nope', '2026-11-24'));
    expect(unknownStation.status).toBe(404);
    expect(unknownStation.body.error.code).toBe('NOT_FOUND');
  });

  it('bookings/mine shows only my bookings, newest first', async () => {
    const st = await makeStation(a, 5);
    const m = await member(s);
    await m.post('/api/bookings', meal(st.id, '2026-11-23'));
    await m.post('/api/bookings', meal(st.id, '2026-11-24'));
    await (await member(s)).post('/api/bookings', meal(st.id, '2026-11-24'));
    const mine = (await m.get('/api/bookings/mine')).body.bookings;
    expect(mine.map((b: { date: string }) => b.date)).toEqual(['2026-11-24', '2026-11-23']);
    expect(mine.every((b: { memberId: string }) => b.memberId === m.id)).toBe(true);
  });
});

describe('meal check-in', () => {
  it('redeems once, on its date, at its station', async () => {
    const st = await makeStation(a, 5);
    const st2 = await makeStation(a, 5);
    const m = await member(s);
    const today = (await m.post('/api/bookings', meal(st.id, '2026-11-23'))).body.booking;
    const tomorrow = (await m.post('/api/bookings', meal(st.id, '2026-11-24'))).body.booking;
    expect((await a.post('/api/checkins', { code: tomorrow.code })).body.error.code).toBe('WRONG_DATE');
    expect((await a.post('/api/checkins', { code: today.code, stationId: st2.id })).body.error.code).toBe('WRONG_STATION');
    const ok = await a.post('/api/checkins', { code: today.code, stationId: st.id });
    expect(ok.status).toBe(200);
    expect(ok.body.booking.checkedInAt).toBeTruthy();
    const again = await a.post('/api/checkins', { code: today.code });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_CHECKED_IN');
    const unknown = await a.post('/api/checkins', { code: '00000000' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_CODE');
    expect((await a.post('/api/checkins', { code: 'not-a-code-at-all' })).body.error.code).toBe('UNKNOWN_CODE');
    // a checked-in booking cannot be cancelled
    expect((await m.post(`/api/bookings/${today.id}/cancel`)).body.error.code).toBe('CLOSED');
  });

  it('a cancelled voucher is refused', async () => {
    const st = await makeStation(a, 5);
    const m = await member(s);
    const b = (await m.post('/api/bookings', meal(st.id, '2026-11-23'))).body.booking;
    await m.post(`/api/bookings/${b.id}/cancel`);
    const r = await a.post('/api/checkins', { code: b.code });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CANCELLED');
  });

  it('an offline scanner replaying the same nonce gets the same success', async () => {
    const st = await makeStation(a, 5);
    const b = (await (await member(s)).post('/api/bookings', meal(st.id, '2026-11-23'))).body.booking;
    const first = await a.post('/api/checkins', { code: b.code, nonce: 'scan-1' });
    const replay = await a.post('/api/checkins', { code: b.code, nonce: 'scan-1' });
    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(replay.body.booking.checkedInAt).toBe(first.body.booking.checkedInAt);
    expect((await a.post('/api/checkins', { code: b.code, nonce: 'scan-2' })).body.error.code).toBe('ALREADY_CHECKED_IN');
  });
});
