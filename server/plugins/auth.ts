/** Bearer tokens → the caller. The bot's service token (BOT_TOKEN) is its own kind of caller. */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { STAFF_ROLES } from '../../shared/domain.js';
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
  // Callback style: requests without a token (the public routes) finish without a promise.
  app.addHook('onRequest', (req, _reply, done) => {
    const h = req.headers.authorization;
    if (typeof h !== 'string' || !h.startsWith('Bearer ')) return done();
    const token = h.slice(7).trim();
    if (!token || token.length > 200) return done();
    req.token = token;
    if (ctx.config.BOT_TOKEN && sameSecret(token, ctx.config.BOT_TOKEN)) {
      req.isBot = true;
      return done();
    }
    userForToken(ctx, token).then((user) => {
      req.user = user;
      done();
    }, done);
  });
}

export function requireUser(req: FastifyRequest): User {
  if (!req.user) throw new DomainError('UNAUTHORIZED', req.token ? '登录已失效，请重新登录' : '请先登录');
  return req.user;
}

/** A staff session with one of `roles` (any staff role when omitted). */
export function requireStaff(req: FastifyRequest, roles: readonly Role[] = STAFF_ROLES): User {
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
type Hook = (req: FastifyRequest, reply: unknown, done: (err?: Error) => void) => void;

function guardWith(check: (req: FastifyRequest) => unknown): Hook {
  return (req, _reply, done) => {
    try {
      check(req);
    } catch (err) {
      return done(err as Error);
    }
    done();
  };
}

export const guard = {
  user: guardWith(requireUser),
  member: guardWith(requireMember),
  staff: (roles?: readonly Role[]) => guardWith((req) => requireStaff(req, roles)),
};
