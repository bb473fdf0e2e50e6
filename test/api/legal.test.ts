import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, member, makeSlot, staffWithRole, startServer, type Client, type TestServer } from '../helpers/server.js';

let s: TestServer;
let a: Client;
beforeEach(async () => {
  s = await startServer({ now: '2026-11-23T09:00:00+08:00' });
  a = await admin(s);
});
afterEach(() => s.close({ drop: true }));

const book = (c: Client, slotId: string, category = '工资报酬') =>
  c.post('/api/bookings', { service: 'legal', slotId, category, description: '老板拖欠三个月工资，想咨询怎么办', phone: '13912345678' });

describe('legal consultations', () => {
  it('a slot holds one booking; a taken slot is QUOTA_FULL and shows unavailable without the booker', async () => {
    const slot = await makeSlot(a);
    const r = await book(await member(s), slot.id);
    expect(r.status).toBe(201);
    expect(r.body.booking).toMatchObject({ service: 'legal', status: 'confirmed', slotId: slot.id, category: '工资报酬' });
    const second = await book(await member(s), slot.id);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('QUOTA_FULL');
    const slots = await (await member(s)).get('/api/legal/slots?from=2026-11-24&to=2026-11-24');
    expect(slots.body.slots).toHaveLength(1);
    expect(slots.body.slots[0]).toMatchObject({ id: slot.id, available: false, mode: 'onsite' });
    expect(JSON.stringify(slots.body)).not.toMatch(/13912345678|拖欠/);
  });

  it('one upcoming legal booking per member: DUPLICATE; allowed again after cancelling', async () => {
    const s1 = await makeSlot(a, '2026-11-24T10:00:00+08:00');
    const s2 = await makeSlot(a, '2026-11-25T10:00:00+08:00');
    const m = await member(s);
    const b = (await book(m, s1.id)).body.booking;
    expect((await book(m, s2.id)).body.error.code).toBe('DUPLICATE');
    await m.post(`/api/bookings/${b.id}/cancel`);
    expect((await book(m, s2.id)).status).toBe(201);
  });

  it('validates the category and refuses slots that have started', async () => {
    // made while still ahead, then it starts (a slot can no longer be made in the past)
    const slot = await makeSlot(a, '2026-11-23T09:30:00+08:00');
    const bad = await book(await member(s), slot.id, '离婚纠纷');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('category');
    s.clock.set('2026-11-23T09:30:00+08:00');
    expect((await book(await member(s), slot.id)).body.error.code).toBe('CLOSED');
  });

  it('the description is private: only legal staff and admins read it', async () => {
    const slot = await makeSlot(a);
    await book(await member(s), slot.id);
    const staff = await staffWithRole(s, 'staff');
    const legal = await staffWithRole(s, 'legal');
    const seen = async (c: Client) => (await c.get('/api/admin/bookings?service=legal')).body.bookings[0];
    expect((await seen(staff)).description).not.toMatch(/拖欠/);
    expect((await seen(staff)).phone).toBe('139****5678');
    expect((await seen(legal)).description).toMatch(/拖欠/);
    expect((await seen(a)).description).toMatch(/拖欠/);
  });
});
