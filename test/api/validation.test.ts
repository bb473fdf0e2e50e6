import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, client, member, makeSlot, makeStation, startServer, type Client, type TestServer } from '../helpers/server.js';

let s: TestServer;
let a: Client;
beforeEach(async () => {
  s = await startServer();
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

describe('bad input: 400 with a Chinese message and the failing field, nothing changes', () => {
  it.each([
    [{ service: 'meal', stationId: 'st_x', date: '2026-02-30' }, 'date'],
    [{ service: 'meal', stationId: 'st_x' }, 'date'],
    [{ service: 'meal', stationId: 'st\u0000x', date: '2026-11-24' }, 'stationId'],
    [{ service: 'meal', stationId: 42, date: '2026-11-24' }, 'stationId'],
    [{ service: 'taxi' }, 'service'],
    [{ service: 'studio', sessionId: 'ss_1', partySize: '2' }, 'partySize'],
    [{ service: 'legal', slotId: 'ls_1', category: '工资报酬', description: '', phone: '13800000000' }, 'description'],
    [{ service: 'legal', slotId: 'ls_1', category: '工资报酬', description: 'x'.repeat(501), phone: '13800000000' }, 'description'],
  ])('booking %j → field %s', async (body, field) => {
    const m = await member(s);
    const r = await m.post('/api/bookings', body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect(r.body.error.field).toBe(field);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await m.get('/api/bookings/mine')).body.bookings).toHaveLength(0);
  });

  it.each([
    [{ name: '', address: '路', district: '区', hours: '10:00-20:00', dailyQuota: 1 }, 'name'],
    [{ name: '站', address: '路', district: '区', hours: '20:00-10:00', dailyQuota: 1 }, 'hours'],
    [{ name: '站', address: '路', district: '区', hours: '10:00-20:00', dailyQuota: -1 }, 'dailyQuota'],
    [{ name: '站', address: '路', district: '区', hours: '10:00-20:00', dailyQuota: 'many' }, 'dailyQuota'],
  ])('station %j → field %s', async (body, field) => {
    const r = await a.post('/api/admin/meal-stations', body);
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe(field);
    expect((await a.get('/api/meal-stations')).body.stations).toHaveLength(0);
  });

  it('session and slot times must be ISO with offset and end after start', async () => {
    const studio = (await a.post('/api/admin/studios', { name: '室', leader: '甲', leaderTitle: '浙江工匠', company: '厂', field: '焊接', address: '路', description: '简介' })).body;
    const noOffset = await a.post('/api/admin/sessions', { studioId: studio.id, startsAt: '2026-11-25 09:00', endsAt: '2026-11-25T11:00:00+08:00', capacity: 5 });
    expect(noOffset.body.error.field).toBe('startsAt');
    const backwards = await a.post('/api/admin/sessions', { studioId: studio.id, startsAt: '2026-11-25T11:00:00+08:00', endsAt: '2026-11-25T09:00:00+08:00', capacity: 5 });
    expect(backwards.body.error.field).toBe('endsAt');
    const unknownStudio = await a.post('/api/admin/sessions', { studioId: 'sd_nope', startsAt: '2026-11-25T09:00:00+08:00', endsAt: '2026-11-25T11:00:00+08:00', capacity: 5 });
    expect(unknownStudio.status).toBe(404);
    const badMode = await a.post('/api/admin/legal-slots', { startsAt: '2026-11-25T09:00:00+08:00', endsAt: '2026-11-25T10:00:00+08:00', mode: 'fax' });
    expect(badMode.body.error.field).toBe('mode');
  });

  it('malformed JSON, wrong content type, oversized bodies and unknown routes answer in the error format', async () => {
    const m = await member(s);
    const res = await fetch(`${s.url}/api/bookings`, { method: 'POST', headers: { authorization: `Bearer ${m.token}`, 'content-type': 'application/json' }, body: '{"service":' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('BAD_REQUEST');
    const text = await fetch(`${s.url}/api/bookings`, { method: 'POST', headers: { authorization: `Bearer ${m.token}`, 'content-type': 'text/plain' }, body: 'hi' });
    expect(text.status).toBe(400);
    const huge = await fetch(`${s.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(200_000), phone: '1' }) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    const nowhere = await client(s).get('/api/nothing-here');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error.code).toBe('NOT_FOUND');
    expect((await client(s).get('/api/meal-stations?date=tomorrow')).body.error.field).toBe('date');
    expect((await client(s).get('/api/studios/sd_nope/sessions')).status).toBe(404);
    expect((await a.patch('/api/admin/meal-stations/st_nope', { dailyQuota: 3 })).status).toBe(404);
    expect((await a.del('/api/admin/studios/sd_nope')).status).toBe(404);
    // an id of any shape that names nothing is 404, not 400
    expect((await m.post('/api/bookings/不存在的预约/cancel')).body.error.code).toBe('NOT_FOUND');
    expect((await m.post('/api/bookings', { service: 'meal', stationId: '../etc', date: '2026-11-24' })).status).toBe(404);
  });

  it('staff edits and deletes: deleting a station cancels its bookings', async () => {
    const st = await makeStation(a, 5);
    expect((await a.patch(`/api/admin/meal-stations/${st.id}`, { dailyQuota: 9 })).body.dailyQuota).toBe(9);
    const m = await member(s);
    await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' });
    expect((await a.del(`/api/admin/meal-stations/${st.id}`)).status).toBe(200);
    // the worker is told why, as for a closure
    expect((await m.get('/api/bookings/mine')).body.bookings[0]).toMatchObject({ status: 'cancelled', phase: 'cancelled', cancelReason: '服务站已停止服务' });
    expect((await a.get('/api/meal-stations')).body.stations).toHaveLength(0);
    const slot = await makeSlot(a);
    const legal = await m.post('/api/bookings', { service: 'legal', slotId: slot.id, category: '工资报酬', description: '拖欠工资', phone: '13800000000' });
    expect(legal.status).toBe(201);
    expect((await a.del(`/api/admin/legal-slots/${slot.id}`)).status).toBe(200);
    const gone = (await m.get('/api/bookings/mine')).body.bookings.find((b: { id: string }) => b.id === legal.body.booking.id);
    expect(gone).toMatchObject({ status: 'cancelled', cancelReason: '这个咨询时段已取消' });
  });
});
