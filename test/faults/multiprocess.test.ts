/**
 * Two real server processes on one PostgreSQL database (as behind a load balancer): quotas,
 * waitlists, idempotency keys and check-in hold across processes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/postgres.js';
import { api, loginMembers, loginStaff, shanghaiDate, startServerProcess, type ServerProcess } from './server-process.js';

describe('two server processes on one PostgreSQL database', { timeout: 90_000 }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let servers: ServerProcess[] = [];
  let bases: string[] = [];
  let staff: ReturnType<typeof api>;

  beforeAll(async () => {
    db = await createTestDatabase();
    // started together: both run migrations at the same moment
    servers = await Promise.all([startServerProcess({ databaseUrl: db.url }), startServerProcess({ databaseUrl: db.url })]);
    bases = servers.map((s) => s.url);
    staff = api(bases[0], await loginStaff(bases[0]));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await db?.drop();
  });

  const station = async (dailyQuota: number) => {
    const r = await staff('POST', '/api/admin/meal-stations', { name: '多进程测试站', address: '测试路 9 号', district: '西湖区', hours: '00:00-23:59', dailyQuota });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const adminBookings = async (base: string, query: string) => {
    const r = await api(base, await loginStaff(base))('GET', `/api/admin/bookings?${query}`);
    expect(r.status).toBe(200);
    return r.body.bookings as { id: string; status: string; stationId?: string; sessionId?: string; partySize?: number; seq: number }[];
  };

  it('hundreds of meal bookings split between the processes confirm exactly the quota', async () => {
    const quota = 12;
    const stationId = await station(quota);
    const date = shanghaiDate(1);
    const tokens = await loginMembers(bases, 300, '137');
    const answers = await Promise.all(tokens.map((t, i) => api(bases[i % 2], t)('POST', '/api/bookings', { service: 'meal', stationId, date })));
    const by = (s: number) => answers.filter((a) => a.status === s).length;
    expect(by(201)).toBe(quota);
    expect(by(409)).toBe(300 - quota);
    for (const a of answers) if (a.status === 409) expect(a.body.error.code).toBe('QUOTA_FULL');
    // both processes see the same truth
    for (const base of bases) {
      const list = (await adminBookings(base, `service=meal&date=${date}`)).filter((b) => b.stationId === stationId);
      expect(list.filter((b) => b.status === 'confirmed')).toHaveLength(quota);
    }
    const st = await api(bases[1])('GET', `/api/meal-stations?date=${date}`);
    expect(st.body.stations.find((s: { id: string }) => s.id === stationId).remaining).toBe(0);
  });

  it('a studio waitlist stays exact while cancels and new sign-ups race on both processes', async () => {
    const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 3 * 86_400_000 + 7200_000).toISOString();
    const studio = await staff('POST', '/api/admin/studios', {
      name: '并发工作室', leader: '王师傅', leaderTitle: '省劳动模范', company: '测试厂', field: '焊接', address: '测试路 3 号', description: '测试',
    });
    expect(studio.status).toBe(201);
    const session = await staff('POST', '/api/admin/sessions', { studioId: studio.body.id, startsAt, endsAt, capacity: 8 });
    expect(session.status).toBe(201);
    const sessionId = session.body.id as string;
    const tokens = await loginMembers(bases, 120, '136');
    const first = await Promise.all(
      tokens.slice(0, 80).map((t, i) => api(bases[i % 2], t)('POST', '/api/bookings', { service: 'studio', sessionId, partySize: 1 + (i % 3) })),
    );
    expect(first.every((a) => a.status === 201)).toBe(true);
    const seats = (list: Awaited<ReturnType<typeof adminBookings>>) =>
      list.filter((b) => b.sessionId === sessionId && b.status === 'confirmed').reduce((n, b) => n + (b.partySize ?? 1), 0);
    const confirmed = first.map((a, i) => ({ a, i })).filter(({ a }) => a.body.booking.status === 'confirmed');
    expect(seats(await adminBookings(bases[0], 'service=studio'))).toBeLessThanOrEqual(8);
    // cancel every confirmed party (frees seats, promotes the waitlist) while 40 more sign up
    const racing = await Promise.all([
      ...confirmed.map(({ a, i }) => api(bases[(i + 1) % 2], tokens[i])('POST', `/api/bookings/${a.body.booking.id}/cancel`)),
      ...tokens.slice(80).map((t, i) => api(bases[i % 2], t)('POST', '/api/bookings', { service: 'studio', sessionId, partySize: 1 })),
    ]);
    expect(racing.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    const list = await adminBookings(bases[1], 'service=studio');
    const used = seats(list);
    expect(used).toBeLessThanOrEqual(8);
    // no waiting party that fits the seats left was forgotten
    const waiting = list.filter((b) => b.sessionId === sessionId && b.status === 'waitlisted');
    for (const w of waiting) expect(w.partySize ?? 1).toBeGreaterThan(8 - used);
  });

  it('one Idempotency-Key sent to both processes at once books once', async () => {
    const stationId = await station(50);
    const [token] = await loginMembers(bases, 1, '135');
    const headers = { 'idempotency-key': 'retry-42' };
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => api(bases[i % 2], token)('POST', '/api/bookings', { service: 'meal', stationId, date: shanghaiDate(2) }, headers)),
    );
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(new Set(answers.map((a) => a.body.booking.id)).size).toBe(1);
    const mine = await api(bases[1], token)('GET', '/api/bookings/mine');
    expect(mine.body.bookings).toHaveLength(1);
  });

  it('a voucher scanned at two counters at once is checked in once', async () => {
    const stationId = await station(5);
    const [token] = await loginMembers(bases, 1, '134');
    const b = await api(bases[0], token)('POST', '/api/bookings', { service: 'meal', stationId, date: shanghaiDate(0) });
    expect(b.status).toBe(201);
    const counters = await Promise.all(bases.map(async (base) => api(base, await loginStaff(base))));
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => counters[i % 2]('POST', '/api/checkins', { code: b.body.booking.code })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a.body.error.code).toBe('ALREADY_CHECKED_IN');
  });
});
