import { z } from 'zod';
import { guard, requireUser } from '../plugins/auth.js';
import { newId } from '../ids.js';
import type { RouteDeps } from './types.js';

export function subscriptionRoutes({ app, ctx }: RouteDeps) {
  app.get('/api/config/public', { schema: { tags: ['config'], summary: '小程序需要的公开配置（订阅消息模板）' } }, async () => ({
    subscribeTemplates: {
      ...(ctx.config.WX_TEMPLATE_REMINDER ? { reminder: ctx.config.WX_TEMPLATE_REMINDER } : {}),
      ...(ctx.config.WX_TEMPLATE_NOTICE ? { notice: ctx.config.WX_TEMPLATE_NOTICE } : {}),
    },
    mealDaysAhead: ctx.policy.mealDaysAhead,
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
      const user = requireUser(req);
      // Only the configured template of this kind is worth storing: anything else could never be sent.
      const expected = req.body.kind === 'reminder' ? ctx.config.WX_TEMPLATE_REMINDER : ctx.config.WX_TEMPLATE_NOTICE;
      const ids = req.body.templateIds.filter((t) => t === expected);
      const created = await ctx.store.atomic([`user:${user.id}`], async (tx) => {
        const now = ctx.now().toISOString();
        const out = [];
        for (const templateId of ids) {
          const s = { id: newId('sub'), userId: user.id, templateId, kind: req.body.kind, createdAt: now, usedAt: null };
          await tx.put('subscriptions', s);
          out.push(s);
        }
        return out;
      });
      return reply.status(201).send({ subscriptions: created });
    },
  );
}
