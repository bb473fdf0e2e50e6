import { NoticeCreate, NoticesQuery } from '../../shared/schemas/index.js';
import { DomainError } from '../../shared/errors.js';
import { listNotices, publishNotice, staffByReference } from '../services/notices.js';
import { requireStaff } from '../plugins/auth.js';
import type { FastifyRequest } from 'fastify';
import type { RouteDeps } from './types.js';

async function noticeGuard(req: FastifyRequest) {
  if (req.isBot) return;
  if (!req.user) throw new DomainError('UNAUTHORIZED', '请先登录');
  requireStaff(req);
}

export function noticeRoutes({ app, ctx }: RouteDeps) {
  app.get('/api/notices', { schema: { tags: ['notices'], summary: '通知（新的在前）', querystring: NoticesQuery } }, async (req) => ({
    notices: await listNotices(ctx, req.query.since),
  }));
  app.get('/api/notices/:id', { schema: { tags: ['notices'], summary: '一条通知' } }, async (req) => {
    const id = (req.params as { id: string }).id;
    const notice = await ctx.store.read((tx) => tx.get('notices', id));
    if (!notice) throw new DomainError('NOT_FOUND', '找不到这条通知');
    return { notice };
  });
  app.post(
    '/api/notices',
    { preValidation: noticeGuard, schema: { tags: ['notices'], summary: '发布通知（工作人员，或机器人代工作人员）', body: NoticeCreate } },
    async (req, reply) => {
      const author = req.isBot ? await staffByReference(ctx, req.body.onBehalfOf) : requireStaff(req);
      const notice = await publishNotice(ctx, author, req.body);
      return reply.status(201).send({ notice });
    },
  );
}
