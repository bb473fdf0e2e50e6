/** Builds the HTTP app (no listening): plugins, error handler, routes. `main.ts` starts it. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_POLICY } from '../shared/booking/index.js';
import { ErrorBody, RESPONSES } from '../shared/schemas/responses.js';
import type { Config } from './config.js';
import { loggerOptions, registerMetrics, timedStore } from './observability.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandler, sendError } from './plugins/errors.js';
import { registerRateLimits } from './plugins/rate-limit.js';
import { adminRoutes } from './routes/admin.js';
import { legalRoutes } from './routes/legal.js';
import { linkRoutes } from './routes/links.js';
import { askRoutes } from './routes/ask.js';
import { authRoutes } from './routes/auth.js';
import { bookingRoutes } from './routes/bookings.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { noticeRoutes } from './routes/notices.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import type { RouteDeps } from './routes/types.js';
import type { ServiceContext } from './services/context.js';
import type { Store } from './store/types.js';
import { createWechatClient, type WechatClient } from './wechat.js';
import { storeTokenKeeper } from './wechat-token.js';

z.config(z.locales.zhCN());

export interface AppOptions {
  config: Config;
  store: Store;
  /** The clock; tests fix it. */
  now?: () => Date;
  /** false: no logs; a stream: logs there (tests); else the config's LOG_LEVEL on stdout. */
  logger?: boolean | NodeJS.WritableStream;
  wechat?: WechatClient | null;
}

/**
 * One policy for the h5 app, /docs and the API: only our own origin, no framing, no plugins. Inline
 * scripts are allowed only by hash (the h5 page's rem script, see `/`); styles may be inline (Taro and
 * Swagger UI set style attributes). No upgrade-insecure-requests: the demo is served over plain http
 * on a LAN address, and behind nginx the page is https anyway.
 */
function csp(scriptHashes: string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.map((h) => ` 'sha256-${h}'`).join('')}`,
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Hashes of the inline <script> blocks of a page, for its CSP. */
function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => createHash('sha256').update(m[1]!).digest('base64'));
}

/**
 * The headers helmet sets with these options, worked out once on a scratch app: @fastify/helmet
 * builds helmet's middleware afresh on every request (2% of a booking's server time), for the
 * same headers every time.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(helmet, options);
  probe.get('/', async () => 'ok');
  const r = await probe.inject('/');
  await probe.close();
  const own = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
  return Object.fromEntries(Object.entries(r.headers).filter(([k, v]) => !own.has(k) && v !== undefined).map(([k, v]) => [k, String(v)]));
}

export async function buildApp(opts: AppOptions) {
  const { config } = opts;
  const logger = opts.logger === false || config.LOG_LEVEL === 'silent' ? false : loggerOptions(config.LOG_LEVEL, opts.logger === true || opts.logger === undefined ? undefined : opts.logger);
  const app = Fastify({
    logger,
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    // Fastify's own refusals (bad percent-encoding, over-long path ids) in our error format too
    frameworkErrors: (err, _req, reply) =>
      err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? sendError(reply, 'NOT_FOUND') : sendError(reply, 'BAD_REQUEST', '请求地址格式不正确', 'url'),
  }).withTypeProvider<ZodTypeProvider>();
  const metrics = registerMetrics(app, config.METRICS_TOKEN);
  const store = timedStore(opts.store, metrics.commits);
  // The access token is kept in the store, so every server process and restart shares it.
  const wechat =
    opts.wechat !== undefined
      ? opts.wechat
      : config.WX_APPID && config.WX_SECRET
        ? createWechatClient({ appId: config.WX_APPID, secret: config.WX_SECRET, base: config.WX_API_BASE, tokens: storeTokenKeeper(opts.store) })
        : null;
  const ctx: ServiceContext = {
    store,
    now: opts.now ?? (() => new Date()),
    policy: { ...DEFAULT_POLICY, mealDaysAhead: config.MEAL_DAYS_AHEAD },
    config,
    wechat,
  };

  app.setValidatorCompiler(validatorCompiler);
  // Every reply goes through its route's response schema: fields outside it are dropped, a reply that
  // does not fit is a 500 (never a leak).
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRoute', (route) => {
    if (route.method === 'HEAD' || route.schema?.hide) return;
    const key = `${route.method} ${route.url}` as keyof typeof RESPONSES;
    const reply = RESPONSES[key];
    if (!reply) {
      // docs and static files are not API replies; everything else must have a schema
      if (route.url.startsWith('/docs') || route.url === '/*' || route.url === '/metrics') return;
      throw new Error(`route ${key} has no response schema in shared/schemas/responses.ts`);
    }
    route.schema = { ...route.schema, response: { ...reply, '4xx': ErrorBody, '5xx': ErrorBody } };
  });
  registerErrorHandler(app);
  const hardening = {
    ...(await helmetHeaders({
      contentSecurityPolicy: false, // set here, one string for every reply
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    })),
    'content-security-policy': csp(),
  };
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(hardening);
    done();
  });

  await app.register(swagger, {
    openapi: {
      info: { title: '工友驿站 API', version: '1.0.0', description: '爱心餐、劳模工匠创新工作室参观、法律咨询、通知与维权问答' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  if (config.DOCS) {
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  }

  registerAuth(app, ctx);
  await registerRateLimits(app, config.RATE_LIMIT, store);
  const deps: RouteDeps = { app, ctx };
  // Liveness: the process answers. Readiness: the store answers too (a load balancer stops sending here).
  app.get('/healthz', { schema: { tags: ['health'], summary: '存活检查（进程在运行）' } }, async () => ({ ok: true }));
  app.get('/readyz', { schema: { tags: ['health'], summary: '就绪检查（存储可用）' } }, async (req, reply) => {
    try {
      await (store.ping ? store.ping() : store.stats());
      return { ok: true };
    } catch (err) {
      req.log.warn({ err }, 'not ready');
      return sendError(reply, 'UNAVAILABLE', '存储不可用');
    }
  });
  authRoutes(deps);
  catalogueRoutes(deps);
  bookingRoutes(deps);
  noticeRoutes(deps);
  adminRoutes(deps);
  legalRoutes(deps);
  linkRoutes(deps);
  subscriptionRoutes(deps);
  askRoutes(deps);

  // The h5 app at `/`, read from disk per request so a build made after start is served too.
  const h5 = resolve(config.H5_DIR);
  await app.register(fastifyStatic, { root: h5, prefix: '/', wildcard: true, index: false, serve: true });
  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    const index = resolve(h5, 'index.html');
    if (existsSync(index)) {
      const hashes = inlineScriptHashes(readFileSync(index, 'utf8'));
      return reply.header('cache-control', 'no-cache').header('content-security-policy', csp(hashes)).sendFile('index.html');
    }
    return reply
      .status(503)
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><meta charset="utf-8"><title>工友驿站</title><p>小程序 H5 版还没有构建：请运行 <code>npm run build:h5</code> 后刷新。${config.DOCS ? 'API 文档见 <a href="/docs">/docs</a>。' : ''}</p>`);
  });
  return Object.assign(app, { ctx });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
