/** Builds the HTTP app (no listening): plugins, error handler, routes. `main.ts` starts it. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEFAULT_POLICY } from '../shared/booking/index.js';
import type { Config } from './config.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandler, sendError } from './plugins/errors.js';
import { registerRateLimits } from './plugins/rate-limit.js';
import { adminRoutes } from './routes/admin.js';
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

z.config(z.locales.zhCN());

export interface AppOptions {
  config: Config;
  store: Store;
  /** The clock; tests fix it. */
  now?: () => Date;
  logger?: boolean;
  wechat?: WechatClient | null;
}

export async function buildApp(opts: AppOptions) {
  const { config, store } = opts;
  const wechat =
    opts.wechat !== undefined
      ? opts.wechat
      : config.WX_APPID && config.WX_SECRET
        ? createWechatClient({ appId: config.WX_APPID, secret: config.WX_SECRET, base: config.WX_API_BASE })
        : null;
  const ctx: ServiceContext = {
    store,
    now: opts.now ?? (() => new Date()),
    policy: { ...DEFAULT_POLICY, mealDaysAhead: config.MEAL_DAYS_AHEAD },
    config,
    wechat,
  };

  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    // Fastify's own refusals (bad percent-encoding, over-long path ids) in our error format too
    frameworkErrors: (err, _req, reply) =>
      err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? sendError(reply, 'NOT_FOUND') : sendError(reply, 'BAD_REQUEST', '请求地址格式不正确', 'url'),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API; replies are built by our own code, so plain JSON is enough.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandler(app);

  await app.register(swagger, {
    openapi: {
      info: { title: '工友驿站 API', version: '1.0.0', description: '爱心餐、劳模工匠创新工作室参观、法律咨询、通知与维权问答' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, ctx);
  await registerRateLimits(app, config.RATE_LIMIT);
  const deps: RouteDeps = { app, ctx };
  app.get('/healthz', { schema: { tags: ['health'], summary: '健康检查' } }, async () => ({ ok: true }));
  authRoutes(deps);
  catalogueRoutes(deps);
  bookingRoutes(deps);
  noticeRoutes(deps);
  adminRoutes(deps);
  subscriptionRoutes(deps);
  askRoutes(deps);

  // The h5 app at `/`, read from disk per request so a build made after start is served too.
  const h5 = resolve(config.H5_DIR);
  await app.register(fastifyStatic, { root: h5, prefix: '/', wildcard: true, index: false, serve: true });
  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    if (existsSync(resolve(h5, 'index.html'))) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply
      .status(503)
      .type('text/html; charset=utf-8')
      .send('<!doctype html><meta charset="utf-8"><title>工友驿站</title><p>小程序 H5 版还没有构建：请运行 <code>npm run build:h5</code> 后刷新。API 文档见 <a href="/docs">/docs</a>。</p>');
  });
  return Object.assign(app, { ctx });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
