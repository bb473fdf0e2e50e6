// Runs with the process in a time zone far from Shanghai: business dates must not move.
process.env.TZ = 'America/Los_Angeles';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, member, makeStation, makeStudioSession, startServer, type Client, type TestServer } from '../helpers/server.js';

let s: TestServer;
let a: Client;
beforeEach(async () => {
  // 00:30 on Tuesday 24th in Shanghai is still Monday 23rd (08:30) in Los Angeles and 16:30Z in UTC
  s = await startServer({ now: '2026-11-24T00:30:00+08:00' });
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

describe('time zone independence (TZ=America/Los_Angeles)', () => {
  it('the process really runs in a far time zone', () => {
    expect(new Date('2026-11-24T00:30:00+08:00').getDate()).toBe(23);
    expect(new Date().getTimezoneOffset()).toBeGreaterThan(0);
  });

  it("today is Shanghai's date for listing, booking windows and check-in", async () => {
    const st = await makeStation(a, 5);
    expect((await a.get('/api/meal-stations')).body.date).toBe('2026-11-24');
    const m = await member(s);
    const yesterdayLocal = await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' });
    expect(yesterdayLocal.body.error.code).toBe('CLOSED');
    expect((await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-27' })).status).toBe(201);
    expect((await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-28' })).body.error.field).toBe('date');
    const today = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).body.booking;
    // before 10:00 Shanghai the member may still cancel; check-in happens on the 24th
    s.clock.set('2026-11-24T12:00:00+08:00');
    expect((await a.post('/api/checkins', { code: today.code })).status).toBe(200);
  });

  it('cut-offs follow Shanghai opening hours', async () => {
    const st = await makeStation(a, 5, { hours: '07:00-09:00' });
    const m = await member(s);
    const b = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).body.booking;
    s.clock.set('2026-11-24T06:59:00+08:00');
    expect((await m.post(`/api/bookings/${b.id}/cancel`)).status).toBe(200);
    s.clock.set('2026-11-24T09:00:00+08:00');
    expect((await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).body.error.code).toBe('CLOSED');
  });

  it('a studio visit at 00:30 Shanghai is checked in on its Shanghai date', async () => {
    const { sessionId } = await makeStudioSession(a, 5, '2026-11-25T00:30:00+08:00');
    const b = (await (await member(s)).post('/api/bookings', { service: 'studio', sessionId, partySize: 1 })).body.booking;
    s.clock.set('2026-11-24T23:50:00+08:00');
    expect((await a.post('/api/checkins', { code: b.code })).body.error.code).toBe('WRONG_DATE');
    s.clock.set('2026-11-25T00:10:00+08:00');
    expect((await a.post('/api/checkins', { code: b.code })).status).toBe(200);
  });
});
