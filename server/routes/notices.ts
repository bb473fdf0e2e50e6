import { z } from 'zod';
import { Id, NoticeCreate, NoticesQuery, NoticeUpdate } from '../../shared/schemas/index.js';
import { DomainError } from '../../shared/errors.js';
import { editNotice, listNotices, noticeById, publishNotice, staffByReference, withdrawNotice } from '../services/notices.js';
import { idempotent } from '../services/bookings.js';
import { guard, requireStaff } from '../plugins/auth.js';
import { idempotencyKey } from './bookings.js';
import type { FastifyRequest } from 'fastify';
import { lock } from '../store/locks.js';
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
    return { notice: await noticeById(ctx, id) };
  });
  app.post(
    '/api/notices',
    {
      preValidation: noticeGuard,
      schema: { tags: ['notices'], summary: '发布通知（工作人员，或机器人代工作人员；可带 Idempotency-Key 请求头，连点两次只发一条）', body: NoticeCreate },
    },
    async (req, reply) => {
      const author = req.isBot ? await staffByReference(ctx, req.body.onBehalfOf) : requireStaff(req);
      const idem = idempotencyKey(req);
      if (!idem) return reply.status(201).send({ notice: await publishNotice(ctx, author, req.body) });
      // a double tap on 发布 sends the same key twice: the second gets the first answer, no second notice
      const answer = await idempotent(ctx, { userId: author.id, route: 'notices', idem }, [lock.notices()], async (tx, now) => ({
        status: 201,
        body: { notice: await publishNotice(ctx, author, req.body, { tx, now }) },
      }));
      return reply.status(answer.status).send(answer.body);
    },
  );
  app.patch(
    '/api/notices/:id',
    { preValidation: guard.staff(), schema: { tags: ['notices'], summary: '修改通知（已发到群里的消息不会跟着改）', params: z.object({ id: Id }), body: NoticeUpdate } },
    async (req) => ({ notice: await editNotice(ctx, requireStaff(req), req.params.id, req.body) }),
  );
  app.delete(
    '/api/notices/:id',
    { preValidation: guard.staff(), schema: { tags: ['notices'], summary: '撤回通知：从“通知”中消失，之后不再发到群里（已发出的群消息不会撤回）', params: z.object({ id: Id }) } },
    async (req, reply) => {
      await withdrawNotice(ctx, requireStaff(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
