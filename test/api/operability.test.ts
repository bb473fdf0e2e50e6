/** Finding 11 of issue 9 (operations): logs on and redacted, /readyz checks the store, /metrics behind a token. */
import { rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { admin, client, makeStation, member, startServer, storeKind } from '../helpers/server.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('logging', () => {
  it('is on by default (info); LOG=0 or LOG_LEVEL=silent turns it off', () => {
    expect(loadConfig({}).LOG_LEVEL).toBe('info');
    expect(loadConfig({ NODE_ENV: 'production' }).LOG_LEVEL).toBe('info');
    expect(loadConfig({ LOG: '0' }).LOG_LEVEL).toBe('silent');
  });

  it('logs every request as JSON, with the authorization header and phone numbers redacted', async () => {
    const logs = sink();
    const s = await startServer({ config: { LOG_LEVEL: 'info' }, logStream: logs.stream });
    try {
      const a = await admin(s);
      const m = await member(s, '日志工友', '13812345678');
      await a.get('/api/admin/bookings?q=13812345678');
      await m.get('/api/me');
      await client(s, 'not-a-real-token-abcdef').get('/api/me');
      // an error logged with the phone in its message
      await client(s).post('/api/auth/dev-login', { name: 'x', phone: '13812345678', extra: 1 });
      const text = logs.text();
      const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; req?: { url: string } });
      expect(lines.filter((l) => l.msg === 'incoming request').length).toBeGreaterThanOrEqual(5);
      expect(lines.some((l) => l.req?.url.includes('138****5678'))).toBe(true);
      expect(text).not.toContain('13812345678');
      expect(text).not.toContain(a.token!);
      expect(text).not.toContain(m.token!);
      expect(text).not.toContain('not-a-real-token-abcdef');
      expect(text).toContain('[redacted]');
    } finally {
      await s.close({ drop: true });
    }
  });
});

describe('/readyz and /healthz', () => {
  it('/readyz is 200 while the store answers and 503 once it is gone; /healthz stays 200 (liveness)', async () => {
    const s = await startServer();
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    expect(await (await fetch(`${s.url}/readyz`)).json()).toEqual({ ok: true });
    await s.rawStore.close();
    const r = await fetch(`${s.url}/readyz`);
    expect(r.status).toBe(503);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    await s.app.close();
    await s.close({ drop: true }).catch(() => {});
  });

  it.runIf(storeKind() === 'lowdb')('lowdb: /readyz is 503 when the data folder is removed under the server', async () => {
    const s = await startServer();
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    await rm(s.dir, { recursive: true, force: true });
    expect((await fetch(`${s.url}/readyz`)).status).toBe(503);
    await s.close().catch(() => {});
  });
});

describe('/metrics', () => {
  it('is absent without METRICS_TOKEN, and the token must be at least 16 characters', async () => {
    const s = await startServer();
    try {
      expect((await fetch(`${s.url}/metrics`)).status).toBe(404);
    } finally {
      await s.close({ drop: true });
    }
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('answers 401 without the token; with it, Prometheus text with requests, latencies, bookings and store commit times', async () => {
    const s = await startServer({ config: { METRICS_TOKEN } });
    try {
      expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token-000000' } })).status).toBe(401);
      const a = await admin(s);
      const st = await makeStation(a, 5);
      const m = await member(s);
      expect((await m.post('/api/bookings', { service: 'meal', stationId: st.id, date: '2026-11-24' })).status).toBe(201);
      const r = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/plain/);
      const text = await r.text();
      expect(text).toMatch(/http_requests_total\{method="POST",route="\/api\/bookings",status="201"\} 1/);
      expect(text).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/bookings"\} 1/);
      expect(text).toMatch(/bookings_created_total\{service="meal"\} 1/);
      expect(text).toMatch(new RegExp(`store_commit_duration_seconds_count\\{store="${storeKind()}"\\} [1-9]`));
      expect(text).toMatch(/process_cpu_seconds_total/);
      // labels are route patterns: no ids or phones
      expect(text).not.toContain(st.id);
    } finally {
      await s.close({ drop: true });
    }
  });
});
