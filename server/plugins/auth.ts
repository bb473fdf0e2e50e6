/** Bearer tokens → the caller. The bot's service token (BOT_TOKEN) is its own kind of caller. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors.js';
import type { Role, User } from '../../shared/schemas/index.js';
import type { ServiceContext } from '../services/context.js';
import { userForToken } from '../services/users.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    isBot: boolean;
    token: string | null;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function registerAuth(app: FastifyInstance, ctx: ServiceContext) {
  app.decorateRequest('user', null);
  app.decorateRequest('isBot', false);
  app.decorateRequest('token', null);
  app.addHook('onRequest', async (req) => {
    const h = req.headers.authorization;
    if (typeof h !== 'string' || !h.startsWith('Bearer ')) return;
    const token = h.slice(7).trim();
    if (!token || token.length > 200) return;
    req.token = token;
    if (ctx.config.BOT_TOKEN && sameSecret(token, ctx.config.BOT_TOKEN)) {
      req.isBot = true;
      return;
    }
    req.user = await userForToken(ctx, token);
  });
}

export function requireUser(req: FastifyRequest): User {
  if (!req.user) throw new DomainError('UNAUTHORIZED', req.token ? '登录已失效，请重新登录' : '请先登录');
  return req.user;
}

/** A staff session with one of `roles` (any staff role when omitted). */
export function requireStaff(req: FastifyRequest, roles: Role[] = ['staff', 'legal', 'admin']): User {
  const u = requireUser(req);
  if (!roles.includes(u.role)) throw new DomainError('FORBIDDEN', '需要工作人员权限');
  return u;
}

export function requireMember(req: FastifyRequest): User {
  const u = requireUser(req);
  if (u.role !== 'member') throw new DomainError('FORBIDDEN', '请用会员身份登录后预约');
  return u;
}

/** Route guards, run before body validation so an anonymous caller gets 401, not 400. */
export const guard = {
  user: async (req: FastifyRequest) => void requireUser(req),
  member: async (req: FastifyRequest) => void requireMember(req),
  staff: (roles?: Role[]) => async (req: FastifyRequest) => void requireStaff(req, roles),
};
