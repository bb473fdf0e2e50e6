import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { PagePath } from '../../shared/schemas/index.js';
import { DomainError } from '../../shared/errors.js';
import { requireStaff } from '../plugins/auth.js';
import { pageLink } from '../links.js';
import type { RouteDeps } from './types.js';

/** The bot or staff: each URL Link is counted against the mini-program's daily quota, so not for anyone. */
async function linkGuard(req: FastifyRequest) {
  if (req.isBot) return;
  if (!req.user) throw new DomainError('UNAUTHORIZED', '请先登录');
  requireStaff(req);
}

export function linkRoutes({ app, ctx }: RouteDeps) {
  app.get(
    '/api/links',
    {
      preValidation: linkGuard,
      schema: {
        tags: ['admin'],
        summary: '打开小程序某页的链接（配置微信时为 URL Link，否则或失败时为 H5 地址；机器人或工作人员）',
        // WeChat takes a query of at most 1024 characters
        querystring: z.object({ page: PagePath.refine((p) => (p.split('?')[1] ?? '').length <= 1024, 'query 最多 1024 个字符') }),
      },
    },
    async (req) => pageLink(ctx, req.query.page, req.socket.localPort, req.log),
  );
}
