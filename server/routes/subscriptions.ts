import { z } from 'zod';
import { guard, requireUser } from '../plugins/auth.js';
import { recordOptIns } from '../notifications/index.js';
import type { RouteDeps } from './types.js';

export function subscriptionRoutes({ app, ctx }: RouteDeps) {
  app.get('/api/config/public', { schema: { tags: ['config'], summary: '小程序需要的公开配置（订阅消息模板）' } }, async () => ({
    subscribeTemplates: {
      ...(ctx.config.WX_TEMPLATE_REMINDER ? { reminder: ctx.config.WX_TEMPLATE_REMINDER } : {}),
      ...(ctx.config.WX_TEMPLATE_NOTICE ? { notice: ctx.config.WX_TEMPLATE_NOTICE } : {}),
    },
    mealDaysAhead: ctx.policy.mealDaysAhead,
    /** The privacy notice says how long a legal question is kept: this server's number. */
    legalRetentionDays: ctx.config.LEGAL_RETENTION_DAYS,
  }));

  /** Records one-time subscribe-message opt-ins (each allows one message). */
  app.post(
    '/api/subscriptions',
    {
      preValidation: guard.user,
      schema: {
        tags: ['config'],
        summary: '记录订阅消息授权（一次授权可发一条）',
        body: z.object({ templateIds: z.array(z.string().min(1).max(128)).min(1).max(10), kind: z.enum(['reminder', 'notice']) }),
      },
    },
    async (req, reply) => {
      const created = await recordOptIns(ctx, requireUser(req), req.body.kind, req.body.templateIds);
      return reply.status(201).send({ subscriptions: created });
    },
  );
}
