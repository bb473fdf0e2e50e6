/**
 * The union office's working day over real HTTP, on both stores: bookings search and XLSX, the
 * lawyer's desk, check-in repeats and undo, notice edit and withdrawal, station closures, accounts and
 * the audit log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, client, member, makeSlot, makeStation, makeStudioSession, staffWithRole, startServer, type Client, type TestServer } from '../helpers/server.js';
import { readXlsx } from '../helpers/xlsx.js';

let s: TestServer;
let a: Client;
beforeEach(async () => {
  s = await startServer({ now: '2026-11-23T09:00:00+08:00' });
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

const DESCRIPTION = '老板拖欠三个月工资不给，怎么办';

async function legalBooking(slotId: string, phone = '13800001111') {
  const m = await member(s, '周师傅', phone);
  const r = await m.post('/api/bookings', { service: 'legal', slotId, category: '工资报酬', description: DESCRIPTION, phone });
  expect(r.status).toBe(201);
  return { m, booking: r.body.booking };
}

async function audit(q = '') {
  const r = await a.get(`/api/admin/audit${q}`);
  expect(r.status).toBe(200);
  return r.body.entries as { action: string; target: string; actorId: string; detail?: Record<string, unknown> }[];
}

describe('cancel', () => {
  it('a POST to cancel with no body at all is still a cancel (API.md: no body)', async () => {
    const st = await makeStation(a, 20);
    const m = await member(s);
    const b = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).body.booking;
    const r = await fetch(`${s.url}/api/bookings/${b.id}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${m.token}` } });
    expect(r.status).toBe(200);
    expect((await r.json()).booking.status).toBe('cancelled');
  });
});

describe('bookings list: search, paging, XLSX', () => {
  it('finds a booking by its code or the last four digits of the phone, with the member named and the phone masked for staff', async () => {
    const st = await makeStation(a, 20, { name: '武林广场服务站' });
    const zhou = await member(s, '周师傅', '13812345678');
    const mine = (await zhou.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).body.booking;
    for (let i = 0; i < 3; i++) await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' });
    const staff = await staffWithRole(s, 'staff');

    const byCode = (await staff.get(`/api/admin/bookings?q=${mine.code}`)).body.bookings;
    expect(byCode.map((b: { id: string }) => b.id)).toEqual([mine.id]);
    expect(byCode[0].memberName).toBe('周师傅');
    expect(byCode[0].memberPhone).toBe('138****5678');
    expect(byCode[0].name).toBe('周师傅');
    expect(byCode[0].phone).toBe('138****5678');
    const byPhone = (await staff.get('/api/admin/bookings?q=5678&service=meal&date=2026-11-23')).body.bookings;
    expect(byPhone.map((b: { id: string }) => b.id)).toEqual([mine.id]);
    expect((await a.get('/api/admin/bookings?q=5678')).body.bookings[0].memberPhone).toBe('13812345678');
    expect((await staff.get('/api/admin/bookings?q=4321')).body.bookings).toEqual([]);
    expect((await staff.get('/api/admin/bookings?q=5678&date=2026-11-24')).body.bookings).toEqual([]);
  });

  it('the XLSX export holds the same rows in Chinese local time, with the appointment time and no internal ids', async () => {
    const st = await makeStation(a, 20, { name: '武林广场服务站' });
    const meal = await member(s, '周师傅', '13812345678');
    const mealBooking = (await meal.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).body.booking;
    const slot = await makeSlot(a, '2026-11-24T14:00:00+08:00', 'phone');
    const { booking: legal } = await legalBooking(slot.id, '13900002222');
    const { sessionId } = await makeStudioSession(a, 10, '2026-11-24T09:30:00+08:00');
    const visitor = await member(s, '李师傅');
    const visit = (await visitor.post('/api/bookings', { service: 'studio', sessionId, partySize: 3 })).body.booking;

    const res = await fetch(`${s.url}/api/admin/bookings?format=xlsx&date=2026-11-24`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const { sheetName, rows } = readXlsx(new Uint8Array(await res.arrayBuffer()));
    expect(sheetName).toBe('预约名单');
    const [head, ...body] = rows;
    expect(head).toEqual(['服务', '状态', '核销码', '日期', '预约时段', '地点/律师', '姓名', '手机号', '人数', '咨询类别', '咨询联系电话', '问题描述', '下单时间', '核销时间', '取消原因']);
    expect(body).toHaveLength(3);
    const row = (code: string) => Object.fromEntries(head!.map((h, i) => [h, body.find((r) => r[2] === code)![i] ?? '']));
    const m = row(mealBooking.code);
    expect(m).toMatchObject({ 服务: '10元爱心餐', 状态: '已预约', 日期: '2026-11-24', 预约时段: '2026-11-24 10:00–20:00', '地点/律师': '武林广场服务站', 姓名: '周师傅', 手机号: '13812345678' });
    // booked at 09:00 Shanghai time (01:00 UTC): the sheet says 09:00
    expect(m['下单时间']).toBe('2026-11-23 09:00');
    const l = row(legal.code);
    expect(l).toMatchObject({ 服务: '法律咨询', 预约时段: '2026-11-24 14:00–14:45 电话', 咨询类别: '工资报酬', 咨询联系电话: '13900002222', 问题描述: DESCRIPTION });
    expect(row(visit.code)).toMatchObject({ 服务: '工作室参观', 预约时段: '2026-11-24 09:30–11:30', 人数: '3' });
    const all = JSON.stringify(rows);
    for (const id of [mealBooking.id, legal.id, visit.id, st.id, slot.id, sessionId, mealBooking.memberId]) expect(all).not.toContain(id);
    expect(all).not.toMatch(/T\d\d:\d\d/); // no ISO instants

    // a staff user's sheet masks phones and never holds the description
    const staff = await staffWithRole(s, 'staff');
    const masked = await fetch(`${s.url}/api/admin/bookings?format=xlsx&date=2026-11-24`, { headers: { authorization: `Bearer ${staff.token}` } });
    const text = JSON.stringify(readXlsx(new Uint8Array(await masked.arrayBuffer())).rows);
    expect(text).not.toContain(DESCRIPTION);
    expect(text).not.toContain('13812345678');
    expect(text).toContain('138****5678');

    const exports = await audit('?action=export');
    expect(exports).toHaveLength(2);
    expect(exports[0]!.detail).toMatchObject({ format: 'xlsx', rows: 3 });
  });

  it('the day report exports as XLSX and CSV', async () => {
    const st = await makeStation(a, 20, { name: '武林广场服务站' });
    await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' });
    const x = await fetch(`${s.url}/api/admin/stats?from=2026-11-23&to=2026-11-29&format=xlsx`, { headers: { authorization: `Bearer ${a.token}` } });
    const { rows } = readXlsx(new Uint8Array(await x.arrayBuffer()));
    expect(rows).toEqual([
      ['日期', '服务', '地点/律师', '预约', '人数', '核销', '取消', '候补', '爽约'],
      ['2026-11-23', '10元爱心餐', '武林广场服务站', '1', '1', '0', '0', '0', '0'],
    ]);
    const csv = await a.get('/api/admin/stats?from=2026-11-23&to=2026-11-29&format=csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain('2026-11-23,10元爱心餐,武林广场服务站,1,1,0,0,0,0');
  });
});

describe("the lawyer's desk", () => {
  it('a lawyer reads the description and marks the consultation; a staff user cannot; every read is audited without the text', async () => {
    const slot = await makeSlot(a, '2026-11-24T10:00:00+08:00', 'video');
    const { booking } = await legalBooking(slot.id);
    const lawyer = await staffWithRole(s, 'legal');
    const staff = await staffWithRole(s, 'staff');

    const desk = await lawyer.get('/api/legal/consultations');
    expect(desk.status).toBe(200);
    expect(desk.body.consultations).toHaveLength(1);
    expect(desk.body.consultations[0]).toMatchObject({
      bookingId: booking.id,
      mode: 'video',
      memberName: '周师傅',
      phone: '13800001111',
      category: '工资报酬',
      description: DESCRIPTION,
      startsAt: '2026-11-24T10:00:00+08:00',
      outcome: null,
    });
    expect((await staff.get('/api/legal/consultations')).status).toBe(403);
    expect((await client(s).get('/api/legal/consultations')).status).toBe(401);
    // the staff list shows no description either
    expect(JSON.stringify((await staff.get('/api/admin/bookings?service=legal')).body)).not.toContain(DESCRIPTION);

    s.clock.set('2026-11-24T10:50:00+08:00');
    const done = await lawyer.post(`/api/legal/consultations/${booking.id}/outcome`, { outcome: 'done', note: '建议先向劳动监察大队投诉' });
    expect(done.status).toBe(200);
    const after = (await lawyer.get('/api/legal/consultations?from=2026-11-24')).body.consultations[0];
    expect(after).toMatchObject({ outcome: 'done', note: '建议先向劳动监察大队投诉' });
    expect(after.checkedInAt).toBeTruthy();
    expect((await staff.post(`/api/legal/consultations/${booking.id}/outcome`, { outcome: 'no_show' })).status).toBe(403);
    expect(JSON.stringify((await staff.get('/api/admin/bookings?service=legal')).body)).not.toContain('劳动监察');

    const entries = await audit();
    expect(entries.filter((e) => e.action === 'legal.read')).toHaveLength(2);
    expect(entries.find((e) => e.action === 'legal.outcome')).toMatchObject({ target: `booking:${booking.id}`, detail: { outcome: 'done', note: true } });
    const log = JSON.stringify(entries);
    expect(log).not.toContain(DESCRIPTION);
    expect(log).not.toContain('劳动监察');
  });

  it('a no-show counts as not checked in', async () => {
    const slot = await makeSlot(a, '2026-11-23T10:00:00+08:00');
    const { booking } = await legalBooking(slot.id);
    s.clock.set('2026-11-23T11:00:00+08:00');
    expect((await a.post(`/api/legal/consultations/${booking.id}/outcome`, { outcome: 'no_show' })).status).toBe(200);
    s.clock.set('2026-11-24T09:00:00+08:00');
    const rows = (await a.get('/api/admin/stats?from=2026-11-23&to=2026-11-23&service=legal')).body.rows;
    expect(rows[0]).toMatchObject({ confirmed: 1, checkedIn: 0, noShows: 1 });
  });
});

describe('check-in at the counter', () => {
  it('a repeat scan by the same staff within a minute is the earlier success; later, or by someone else, it is ALREADY_CHECKED_IN', async () => {
    const st = await makeStation(a, 20);
    const m = await member(s, '周师傅');
    const b = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).body.booking;
    const counter = await staffWithRole(s, 'staff');
    const other = await staffWithRole(s, 'staff');

    const first = await counter.post('/api/checkins', { code: b.code, repeatOk: true });
    expect(first.status).toBe(200);
    expect(first.body.memberName).toBe('周*傅');
    expect(first.body.repeat).toBeUndefined();
    s.clock.advance(30_000);
    const again = await counter.post('/api/checkins', { code: b.code, repeatOk: true });
    expect(again.status).toBe(200);
    expect(again.body.repeat).toBe(true);
    expect(again.body.booking.checkedInAt).toBe(first.body.booking.checkedInAt);
    // without repeatOk (API.md), or from another counter, a repeat is still refused
    expect((await counter.post('/api/checkins', { code: b.code })).body.error.code).toBe('ALREADY_CHECKED_IN');
    expect((await other.post('/api/checkins', { code: b.code, repeatOk: true })).body.error.code).toBe('ALREADY_CHECKED_IN');
    s.clock.advance(31_000);
    expect((await counter.post('/api/checkins', { code: b.code, repeatOk: true })).body.error.code).toBe('ALREADY_CHECKED_IN');
    expect((await audit('?action=checkin')).length).toBe(1);
  });

  it("today's check-ins are listed, and one is undone within 5 minutes by whoever made it", async () => {
    const st = await makeStation(a, 20, { name: '武林广场服务站' });
    const counter = await staffWithRole(s, 'staff');
    const other = await staffWithRole(s, 'staff');
    const codes: string[] = [];
    for (const name of ['周师傅', '李娟']) {
      const b = (await (await member(s, name)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).body.booking;
      codes.push(b.code);
      expect((await counter.post('/api/checkins', { code: b.code })).status).toBe(200);
    }
    const list = (await counter.get('/api/checkins')).body;
    expect(list.date).toBe('2026-11-23');
    expect(list.checkins.map((c: { memberName: string }) => c.memberName).sort()).toEqual(['周*傅', '李*'].sort());
    expect(list.checkins[0]).toMatchObject({ placeName: '武林广场服务站', service: 'meal' });
    expect((await other.get('/api/checkins')).body.checkins).toEqual([]);

    const id = list.checkins[0].id;
    expect((await other.post(`/api/checkins/${id}/undo`)).status).toBe(403);
    s.clock.advance(4 * 60_000);
    const undone = await counter.post(`/api/checkins/${id}/undo`);
    expect(undone.status).toBe(200);
    expect(undone.body.booking.checkedInAt).toBeNull();
    expect((await counter.get('/api/checkins')).body.checkins).toHaveLength(1);
    // checked in again, then too late to undo
    expect((await counter.post('/api/checkins', { code: undone.body.booking.code })).status).toBe(200);
    s.clock.advance(5 * 60_000 + 1000);
    const late = await counter.post(`/api/checkins/${id}/undo`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('5 分钟');
    expect((await audit('?action=checkin.undo')).map((e) => e.target)).toEqual([`booking:${id}`]);
  });

  it('staff cancel on a worker’s behalf with a reason the worker reads in 我的', async () => {
    const st = await makeStation(a, 20);
    const m = await member(s, '周师傅');
    const b = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).body.booking;
    const staff = await staffWithRole(s, 'staff');
    const r = await staff.post(`/api/bookings/${b.id}/cancel`, { reason: '工友来电说手机没电了，请代为取消' });
    expect(r.status).toBe(200);
    expect(r.body.booking.status).toBe('cancelled');
    const mine = (await m.get('/api/bookings/mine')).body.bookings[0];
    expect(mine.cancelReason).toBe('工友来电说手机没电了，请代为取消');
    expect((await audit('?action=booking.cancel'))[0]).toMatchObject({ target: `booking:${b.id}` });
    // a member cancelling their own booking is not an audited act of staff
    const own = (await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-25' })).body.booking;
    expect((await m.post(`/api/bookings/${own.id}/cancel`)).status).toBe(200);
    expect(await audit('?action=booking.cancel')).toHaveLength(1);
  });
});

describe('notices: edit, withdraw, publish once', () => {
  it('a withdrawn notice leaves 通知 and the bot cursor; an edit changes the text', async () => {
    const n = (await a.post('/api/notices', { title: '周六停电通知', body: '武林广场服务站周六停电。' })).body.notice;
    const edited = await a.patch(`/api/notices/${n.id}`, { body: '武林广场服务站周六上午停电。', link: 'pages/meals/index' });
    expect(edited.status).toBe(200);
    expect(edited.body.notice).toMatchObject({ title: '周六停电通知', body: '武林广场服务站周六上午停电。', link: 'pages/meals/index' });
    expect(edited.body.notice.editedAt).toBeTruthy();
    const anyone = client(s);
    expect((await anyone.get(`/api/notices/${n.id}`)).body.notice.body).toBe('武林广场服务站周六上午停电。');

    expect((await a.del(`/api/notices/${n.id}`)).status).toBe(204);
    expect((await anyone.get('/api/notices')).body.notices).toEqual([]);
    expect((await anyone.get(`/api/notices?since=${n.seq - 1}`)).body.notices).toEqual([]);
    expect((await anyone.get(`/api/notices/${n.id}`)).status).toBe(404);
    expect((await a.del(`/api/notices/${n.id}`)).status).toBe(404);
    expect((await a.patch(`/api/notices/${n.id}`, { title: '改不了' })).status).toBe(404);
    const member1 = await member(s);
    expect((await member1.del(`/api/notices/${n.id}`)).status).toBe(403);
    expect((await audit()).map((e) => e.action).filter((x) => x.startsWith('notice'))).toEqual(['notice.withdraw', 'notice.edit', 'notice.publish']);
  });

  it('two taps on 发布 with one Idempotency-Key publish one notice', async () => {
    const body = { title: '爱心餐新站开放', body: '钱江新城服务站今天开放。' };
    const [x, y] = await Promise.all([a.post('/api/notices', body, { 'idempotency-key': 'publish-1' }), a.post('/api/notices', body, { 'idempotency-key': 'publish-1' })]);
    expect([x.status, y.status]).toEqual([201, 201]);
    expect(x.body.notice.id).toBe(y.body.notice.id);
    expect((await a.get('/api/notices')).body.notices).toHaveLength(1);
    const other = await a.post('/api/notices', { ...body, title: '别的标题' }, { 'idempotency-key': 'publish-1' });
    expect(other.status).toBe(422);
  });
});

describe('a station closed for a day', () => {
  it('cancels that date’s bookings with the reason, refuses new ones and shows the closure', async () => {
    const st = await makeStation(a, 20, { name: '武林广场服务站' });
    const other = await makeStation(a, 20, { name: '钱江新城服务站' });
    const workers = [await member(s, '周师傅'), await member(s, '李娟')];
    for (const w of workers) expect((await w.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).status).toBe(201);
    const elsewhere = (await workers[0]!.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-25' })).body.booking;
    const keep = (await workers[1]!.post('/api/bookings', { service: 'meal', stationId: other.id, date: '2026-11-25' })).body.booking;
    const staff = await staffWithRole(s, 'staff');

    const r = await staff.post(`/api/admin/meal-stations/${st.id}/closures`, { date: '2026-11-24', reason: '水管检修' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ cancelled: 2, closure: { stationId: st.id, date: '2026-11-24', reason: '水管检修' } });
    for (const w of workers) {
      const b = (await w.get('/api/bookings/mine')).body.bookings.find((x: { date: string; stationId: string }) => x.date === '2026-11-24');
      expect(b).toMatchObject({ status: 'cancelled', cancelReason: '服务站暂停供餐：水管检修' });
    }
    const late = await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'CLOSED' });
    expect(late.body.error.message).toContain('水管检修');
    const view = (await client(s).get('/api/meal-stations?date=2026-11-24')).body.stations;
    expect(view.find((x: { id: string }) => x.id === st.id)).toMatchObject({ closedReason: '水管检修', remaining: 0 });
    expect(view.find((x: { id: string }) => x.id === other.id).closedReason ?? null).toBeNull();
    // other dates and stations untouched
    const mine = (await workers[0]!.get('/api/bookings/mine')).body.bookings;
    expect(mine.find((x: { id: string }) => x.id === elsewhere.id).status).toBe('confirmed');
    expect((await workers[1]!.get('/api/bookings/mine')).body.bookings.find((x: { id: string }) => x.id === keep.id).status).toBe('confirmed');

    expect((await staff.post(`/api/admin/meal-stations/${st.id}/closures`, { date: '2026-11-24', reason: '再关一次' })).status).toBe(409);
    const past = await staff.post(`/api/admin/meal-stations/${st.id}/closures`, { date: '2026-11-22', reason: '昨天' });
    expect(past.status).toBe(409);
    expect(past.body.error).toEqual({ code: 'CLOSED', message: '不能为已经过去的日期停餐', field: 'date' });
    expect((await staff.post('/api/admin/meal-stations/st_none/closures', { date: '2026-11-24', reason: '没有' })).status).toBe(404);
    expect((await staff.post(`/api/admin/meal-stations/${st.id}/closures`, { date: '2026-11-26' })).status).toBe(400);
    expect((await audit('?action=station.close'))[0]).toMatchObject({ target: `station:${st.id}:2026-11-24`, detail: { cancelled: 2 } });
  });
});

describe('sessions and lawyer slots in the past', () => {
  const PAST = { code: 'BAD_REQUEST', message: '这个时间已经过去了，请选择以后的日期和时间', field: 'startsAt' };

  it('are refused when created or moved there, and nothing is stored; an edit keeping a past start is fine', async () => {
    // now: 2026-11-23 09:00 Shanghai
    const { studioId, sessionId } = await makeStudioSession(a, 10, '2026-11-23T09:30:00+08:00');
    const slot = await makeSlot(a, '2026-11-23T09:01:00+08:00');
    const lawyer = await staffWithRole(s, 'legal');
    const before = {
      sessions: (await client(s).get(`/api/studios/${studioId}/sessions`)).body.sessions.length,
      slots: (await client(s).get('/api/legal/slots?from=2026-11-01&to=2026-12-31')).body.slots.length,
    };
    for (const startsAt of ['2026-11-23T09:00:00+08:00', '2026-11-23T08:59:00+08:00', '2026-11-22T14:00:00+08:00', '2026-11-23T01:00:00Z']) {
      const endsAt = new Date(Date.parse(startsAt) + 3600_000).toISOString();
      const se = await a.post('/api/admin/sessions', { studioId, startsAt, endsAt, capacity: 5 });
      expect([startsAt, se.status, se.body.error]).toEqual([startsAt, 400, PAST]);
      const sl = await lawyer.post('/api/admin/legal-slots', { startsAt, endsAt, mode: 'phone' });
      expect([startsAt, sl.status, sl.body.error]).toEqual([startsAt, 400, PAST]);
      // moving an upcoming one into the past
      const mv = await a.patch(`/api/admin/sessions/${sessionId}`, { startsAt, endsAt });
      expect([startsAt, mv.status, mv.body.error]).toEqual([startsAt, 400, PAST]);
      const mvSlot = await lawyer.patch(`/api/admin/legal-slots/${slot.id}`, { startsAt, endsAt });
      expect([startsAt, mvSlot.status, mvSlot.body.error]).toEqual([startsAt, 400, PAST]);
    }
    expect((await client(s).get(`/api/studios/${studioId}/sessions`)).body.sessions).toHaveLength(before.sessions);
    expect((await client(s).get('/api/legal/slots?from=2026-11-01&to=2026-12-31')).body.slots).toHaveLength(before.slots);
    expect((await client(s).get(`/api/studios/${studioId}/sessions`)).body.sessions[0].startsAt).toBe('2026-11-23T09:30:00+08:00');

    // a minute later the session has started: its capacity can still be changed, its start not moved back
    s.clock.set('2026-11-23T09:31:00+08:00');
    const cap = await a.patch(`/api/admin/sessions/${sessionId}`, { capacity: 12, startsAt: '2026-11-23T09:30:00+08:00' });
    expect(cap.status).toBe(200);
    expect(cap.body.capacity).toBe(12);
    expect((await lawyer.patch(`/api/admin/legal-slots/${slot.id}`, { lawyer: '王律师' })).status).toBe(200);
    // a start later than now is fine, created or moved
    const later = await a.post('/api/admin/sessions', { studioId, startsAt: '2026-11-23T09:32:00+08:00', endsAt: '2026-11-23T10:32:00+08:00', capacity: 5 });
    expect(later.status).toBe(201);
    expect((await a.patch(`/api/admin/sessions/${sessionId}`, { startsAt: '2026-11-30T09:30:00+08:00', endsAt: '2026-11-30T11:30:00+08:00' })).status).toBe(200);
  });
});

describe('staff accounts and the audit log', () => {
  it('a disabled account answers 401 at once; account changes are audited without passwords', async () => {
    const staff = await staffWithRole(s, 'staff', 'zhang.counter');
    expect((await staff.get('/api/admin/bookings')).status).toBe(200);
    const users = (await a.get('/api/admin/users')).body.users;
    const zhang = users.find((u: { username: string }) => u.username === 'zhang.counter');
    expect((await a.patch(`/api/admin/users/${zhang.id}`, { disabled: true })).status).toBe(200);
    expect((await staff.get('/api/admin/bookings')).status).toBe(401);
    expect((await client(s).post('/api/auth/staff', { username: 'zhang.counter', password: 'password-1234' })).status).toBe(401);
    expect((await a.patch(`/api/admin/users/${zhang.id}`, { disabled: false, password: 'new-password-5678' })).status).toBe(200);
    const entries = await audit('?action=user.update');
    expect(entries.map((e) => e.target)).toEqual([`user:${zhang.id}`, `user:${zhang.id}`]);
    expect(entries[0]!.detail).toMatchObject({ fields: 'disabled,password' });
    expect(JSON.stringify(await audit())).not.toContain('new-password-5678');
  });

  it('only admins read the log; it filters by action, actor and date', async () => {
    const staff = await staffWithRole(s, 'staff');
    expect((await staff.get('/api/admin/audit')).status).toBe(403);
    const st = await makeStation(a, 20);
    const b = (await (await member(s)).post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-23' })).body.booking;
    expect((await staff.post('/api/checkins', { code: b.code })).status).toBe(200);
    const entry = (await audit('?action=checkin'))[0]!;
    expect(entry.target).toBe(`booking:${b.id}`);
    expect(await audit(`?actor=${entry.actorId}`)).toHaveLength(1);
    expect(await audit('?from=2026-11-23&to=2026-11-23&action=checkin')).toHaveLength(1);
    expect(await audit('?from=2026-11-24&action=checkin')).toHaveLength(0);
    expect(await audit('?to=2026-11-22')).toHaveLength(0);
  });
});
