/**
 * GET /api/bookings/mine says where each booking stands (phase), until when it can be cancelled and a
 * meal station's hours, so 我的 needs no station list and no rules of its own (shared/booking/rules.ts).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { admin, makeSlot, makeStation, member, startServer, type Client, type TestServer } from '../helpers/server.js';

let s: TestServer;
let a: Client;
beforeEach(async () => {
  s = await startServer({ now: '2026-11-23T09:00:00+08:00' });
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

const mine = async (m: Client, id: string) => ((await m.get('/api/bookings/mine')).body.bookings as any[]).find((b) => b.id === id);

it('a meal: cancellable until its station opens, over when it closes, with the hours', async () => {
  const st = await makeStation(a, 5, { hours: '11:00-13:30' });
  const m = await member(s);
  const b = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).body.booking;
  expect(await mine(m, b.id)).toMatchObject({
    phase: 'upcoming',
    hours: '11:00-13:30',
    cancellableUntil: '2026-11-24T03:00:00.000Z',
    endsAt: '2026-11-24T05:30:00.000Z',
  });
  s.clock.set('2026-11-24T12:00:00+08:00'); // open: still to use, no more cancelling
  expect(await mine(m, b.id)).toMatchObject({ phase: 'upcoming', cancellableUntil: null });
  expect((await m.post(`/api/bookings/${b.id}/cancel`)).status).toBe(409); // the server agrees
  s.clock.set('2026-11-24T13:30:00+08:00');
  expect(await mine(m, b.id)).toMatchObject({ phase: 'past', cancellableUntil: null });
});

it('a cancelled booking and a checked-in one are never cancellable', async () => {
  const st = await makeStation(a, 5, { hours: '11:00-13:30' });
  const m = await member(s);
  const b = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).body.booking;
  await m.post(`/api/bookings/${b.id}/cancel`);
  expect(await mine(m, b.id)).toMatchObject({ phase: 'cancelled', cancellableUntil: null });

  const today = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).body.booking;
  s.clock.set('2026-11-23T11:30:00+08:00');
  expect((await a.post('/api/checkins', { code: today.code })).status).toBeLessThan(300);
  expect(await mine(m, today.id)).toMatchObject({ phase: 'past', cancellableUntil: null });
});

it('a legal consultation: cancellable until it starts, past after it ends', async () => {
  const slot = await makeSlot(a, '2026-11-24T10:00:00+08:00');
  const m = await member(s);
  const b = (
    await m.post('/api/bookings', { service: 'legal', slotId: slot.id, category: '工资报酬', description: '老板拖欠三个月工资', phone: '139 1234 5678' })
  ).body.booking;
  expect(b.phone).toBe('13912345678');
  expect(await mine(m, b.id)).toMatchObject({ phase: 'upcoming', cancellableUntil: '2026-11-24T02:00:00.000Z', hours: null });
  s.clock.set('2026-11-24T10:50:00+08:00');
  expect(await mine(m, b.id)).toMatchObject({ phase: 'past', cancellableUntil: null });
});
