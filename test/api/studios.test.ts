import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, member, makeStudioSession, startServer, type Client, type TestServer } from '../helpers/server.js';

let s: TestServer;
let a: Client;
beforeEach(async () => {
  s = await startServer({ now: '2026-11-23T09:00:00+08:00' });
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

const signUp = (c: Client, sessionId: string, partySize: number) => c.post('/api/bookings', { service: 'studio', sessionId, partySize });

describe('studio visits', () => {
  it('confirms parties that fit, waitlists the rest, and shows seats left honestly', async () => {
    const { studioId, sessionId } = await makeStudioSession(a, 6);
    const [m1, m2, m3, m4] = await Promise.all([member(s), member(s), member(s), member(s)]);
    expect((await signUp(m1, sessionId, 4)).body.booking.status).toBe('confirmed');
    expect((await signUp(m2, sessionId, 3)).body.booking.status).toBe('waitlisted');
    // a smaller party that fits is confirmed even while a bigger one waits
    expect((await signUp(m3, sessionId, 2)).body.booking.status).toBe('confirmed');
    expect((await signUp(m4, sessionId, 1)).body.booking.status).toBe('waitlisted');
    const sessions = (await m1.get(`/api/studios/${studioId}/sessions`)).body.sessions;
    expect(sessions[0]).toMatchObject({ id: sessionId, capacity: 6, remaining: 0, waitlisted: 2 });
  });

  it('on cancel walks the waitlist in sign-up order and confirms every party that fits', async () => {
    const { sessionId } = await makeStudioSession(a, 5);
    const [m1, m2, m3, m4] = await Promise.all([member(s), member(s), member(s), member(s)]);
    const first = (await signUp(m1, sessionId, 5)).body.booking;
    const w2 = (await signUp(m2, sessionId, 4)).body.booking; // waits first
    const w3 = (await signUp(m3, sessionId, 2)).body.booking; // waits second
    const w4 = (await signUp(m4, sessionId, 1)).body.booking; // waits third
    expect([w2.status, w3.status, w4.status]).toEqual(['waitlisted', 'waitlisted', 'waitlisted']);
    await m1.post(`/api/bookings/${first.id}/cancel`);
    // 5 seats: 4 (first in line) fits, then 2 does not, then 1 fits
    const status = async (c: Client, id: string) => (await c.get('/api/bookings/mine')).body.bookings.find((b: { id: string }) => b.id === id).status;
    expect(await status(m2, w2.id)).toBe('confirmed');
    expect(await status(m3, w3.id)).toBe('waitlisted');
    expect(await status(m4, w4.id)).toBe('confirmed');
    const promoted = (await m2.get('/api/bookings/mine')).body.bookings[0];
    expect(promoted.promotedAt).toBeTruthy();
  });

  it('raising capacity promotes waiting parties', async () => {
    const { sessionId } = await makeStudioSession(a, 2);
    const [m1, m2] = await Promise.all([member(s), member(s)]);
    await signUp(m1, sessionId, 2);
    const w = (await signUp(m2, sessionId, 2)).body.booking;
    expect(w.status).toBe('waitlisted');
    expect((await a.patch(`/api/admin/sessions/${sessionId}`, { capacity: 4 })).status).toBe(200);
    expect((await m2.get('/api/bookings/mine')).body.bookings[0].status).toBe('confirmed');
  });

  it('one sign-up per member per session; party size 1–5; nothing after the start', async () => {
    const { sessionId } = await makeStudioSession(a, 10);
    const m = await member(s);
    const b = (await signUp(m, sessionId, 2)).body.booking;
    expect((await signUp(m, sessionId, 1)).body.error.code).toBe('DUPLICATE');
    for (const bad of [0, 6, 2.5]) {
      const r = await signUp(await member(s), sessionId, bad);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'partySize' });
    }
    s.clock.set('2026-11-25T09:30:00+08:00');
    expect((await signUp(await member(s), sessionId, 1)).body.error.code).toBe('CLOSED');
    expect((await m.post(`/api/bookings/${b.id}/cancel`)).body.error.code).toBe('CLOSED');
  });

  it('checks in on the day of the visit only; a waitlisted sign-up cannot be checked in', async () => {
    const { sessionId } = await makeStudioSession(a, 1);
    const ok = (await signUp(await member(s), sessionId, 1)).body.booking;
    const waiting = (await signUp(await member(s), sessionId, 1)).body.booking;
    expect((await a.post('/api/checkins', { code: ok.code })).body.error.code).toBe('WRONG_DATE');
    s.clock.set('2026-11-25T09:00:00+08:00');
    expect((await a.post('/api/checkins', { code: waiting.code })).body.error.code).toBe('WAITLISTED');
    expect((await a.post('/api/checkins', { code: ok.code })).status).toBe(200);
  });
});

describe('what a member sees of a booking', () => {
  it('place, start time and an honest waitlist position', async () => {
    const { sessionId } = await makeStudioSession(a, 2);
    const [m1, m2, m3] = await Promise.all([member(s), member(s), member(s)]);
    await signUp(m1, sessionId, 2);
    await signUp(m2, sessionId, 1);
    await signUp(m3, sessionId, 2);
    const mine = (c: Client) => c.get('/api/bookings/mine').then((r) => r.body.bookings[0]);
    expect(await mine(m1)).toMatchObject({ placeName: '测试劳模创新工作室', startsAt: '2026-11-25T09:30:00+08:00', waitlistPosition: null });
    expect((await mine(m2)).waitlistPosition).toBe(1);
    expect((await mine(m3)).waitlistPosition).toBe(2);
  });
});
