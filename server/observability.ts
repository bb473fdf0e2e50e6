/**
 * Logs and metrics. Logs: pino (Fastify's own logger), on by default, with credentials and phone
 * numbers redacted wherever they would appear. Metrics: prom-client, one registry per app (tests build
 * many apps in one process), served at /metrics to holders of METRICS_TOKEN.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { LoggerOptions } from 'pino';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sendError } from './plugins/errors.js';
import type { Store } from './store/types.js';

/** Mainland mobile numbers anywhere in a string (URLs, error messages). */
const PHONE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
export const maskPhones = (s: string) => s.replace(PHONE, '$1****$2');

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): LoggerOptions & { stream?: NodeJS.WritableStream } {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-bot-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.phone',
        'phone',
        'password',
        'token',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; headers?: Record<string, unknown> }) => ({
        method: req.method,
        url: maskPhones(req.url),
        remoteAddress: req.ip,
        // authorization only to show that one was sent: redacted below
        headers: req.headers ? { 'user-agent': req.headers['user-agent'], ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) } : undefined,
      }),
      err: (err: Error & { code?: string }) => ({ type: err.name, code: err.code, message: maskPhones(err.message), stack: err.stack && maskPhones(err.stack) }),
    },
  };
}

export interface Metrics {
  registry: Registry;
  bookings: Counter<'service'>;
  commits: Histogram<'store'>;
}

/** Registers the request metrics, the booking counter and the store commit timer on `app`. */
export function registerMetrics(app: FastifyInstance, token: string | undefined): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const bookings = new Counter({ name: 'bookings_created_total', help: 'Bookings created (201)', labelNames: ['service'] as const, registers: [registry] });
  const commits = new Histogram({
    name: 'store_commit_duration_seconds',
    help: 'Time of one store transaction, until durable',
    labelNames: ['store'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });

  // The labelled series, looked up once: prom-client hashes the label object on every inc/observe,
  // which was 5% of a booking's server time. Routes, methods and statuses are few, so the maps stay small.
  const counted = new Map<string, ReturnType<typeof requests.labels>>();
  const timed = new Map<string, ReturnType<typeof latency.labels>>();
  app.addHook('onResponse', (req, reply, done) => {
    // the route pattern, not the URL: ids and phones stay out of the label set
    const route = req.routeOptions.url ?? 'unmatched';
    const series = `${req.method} ${route}`;
    const withStatus = `${series} ${reply.statusCode}`;
    let c = counted.get(withStatus);
    if (!c) counted.set(withStatus, (c = requests.labels({ method: req.method, route, status: String(reply.statusCode) })));
    c.inc();
    let t = timed.get(series);
    if (!t) timed.set(series, (t = latency.labels({ method: req.method, route })));
    t.observe(reply.elapsedTime / 1000);
    if (route === '/api/bookings' && req.method === 'POST' && reply.statusCode === 201) {
      bookings.inc({ service: String((req.body as { service?: unknown } | undefined)?.service ?? 'unknown') });
    }
    done();
  });

  if (token) {
    const expected = Buffer.from(`Bearer ${token}`);
    app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return sendError(reply, 'UNAUTHORIZED', '需要 METRICS_TOKEN');
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  }
  return { registry, bookings, commits };
}

/** `store` with every atomic transaction timed into `commits`. */
export function timedStore(store: Store, commits: Metrics['commits']): Store {
  // made once, not per property read: a booking reads `atomic` and `read` on every request
  const series = commits.labels({ store: store.kind });
  const atomic: Store['atomic'] = async (locks, fn) => {
    const end = series.startTimer();
    try {
      return await store.atomic(locks, fn);
    } finally {
      end();
    }
  };
  // keyed by the function, so a method replaced later (a test's fault) is bound afresh
  const bound = new WeakMap<object, unknown>();
  return new Proxy(store, {
    get(target, key, recv) {
      if (key === 'atomic') return atomic;
      const v = Reflect.get(target, key, recv);
      if (typeof v !== 'function') return v;
      let b = bound.get(v);
      if (!b) bound.set(v, (b = v.bind(target)));
      return b;
    },
  });
}
