import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../shared/errors.js';
import { BookingRequest, BusinessDate, CancelBody, CheckInRequest, Id } from '../../shared/schemas/index.js';
import { guard, requireMember, requireStaff, requireUser } from '../plugins/auth.js';
import { sha256 } from '../ids.js';
import { cancelBooking, checkIn, createBooking, myBookings, myCheckIns, undoCheckIn, type IdempotencyKey } from '../services/bookings.js';
import type { RouteDeps } from './types.js';

/** JSON with object keys sorted, so one request hashes the same whatever its key order. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * The Idempotency-Key header, checked by hand: a zod `headers` schema copies and checks every
 * header of every request, which cost a quarter of a booking's CPU time. With it, the hash of the
 * request (method, path, validated body) that the key may only ever be used for.
 */
export function idempotencyKey(req: FastifyRequest): IdempotencyKey | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length === 0 || key.length > 128) {
    throw new DomainError('BAD_REQUEST', 'Idempotency-Key 应为 1 到 128 个字符', 'Idempotency-Key');
  }
  return { key, requestHash: sha256(`${req.method} ${req.url.split('?')[0]}\n${canonicalJson(req.body)}`) };
}

export function bookingRoutes({ app, ctx }: RouteDeps) {
  app.post(
    '/api/bookings',
    {
      preValidation: guard.member,
      schema: { tags: ['bookings'], summary: '预约爱心餐、工作室参观或法律咨询（可带 Idempotency-Key 请求头，最长 128 字符；同一个键换了请求内容答 422 IDEMPOTENCY_MISMATCH）', body: BookingRequest },
    },
    async (req, reply) => {
      const member = requireMember(req);
      const answer = await createBooking(ctx, member, req.body, idempotencyKey(req));
      return reply.status(answer.status).send(answer.body);
    },
  );
  app.get('/api/bookings/mine', { preValidation: guard.user, schema: { tags: ['bookings'], summary: '我的预约（新的在前）' } }, async (req) => ({
    bookings: await myBookings(ctx, requireUser(req).id),
  }));
  app.post(
    '/api/bookings/:id/cancel',
    {
      preValidation: guard.user,
      schema: { tags: ['bookings'], summary: '取消预约（本人或工作人员；工作人员代取消时可写原因，工友在“我的”里看到）', params: z.object({ id: Id }), body: CancelBody.nullish() },
    },
    async (req) => cancelBooking(ctx, requireUser(req), req.params.id, req.body?.reason),
  );
  app.post(
    '/api/checkins',
    {
      preValidation: guard.staff(),
      schema: { tags: ['bookings'], summary: '核销（扫码或输入核销码；支持 nonce 与 Idempotency-Key 请求头，同一个键换了核销码答 422 IDEMPOTENCY_MISMATCH）', body: CheckInRequest },
    },
    async (req, reply) => {
      const staff = requireStaff(req);
      const answer = await checkIn(ctx, staff, req.body, idempotencyKey(req));
      return reply.status(answer.status).send(answer.body);
    },
  );
  app.get(
    '/api/checkins',
    { preValidation: guard.staff(), schema: { tags: ['bookings'], summary: '我今天（或某日）的核销记录，5 分钟内可撤销', querystring: z.object({ date: BusinessDate.optional() }) } },
    async (req) => myCheckIns(ctx, requireStaff(req), req.query.date),
  );
  app.post(
    '/api/checkins/:id/undo',
    { preValidation: guard.staff(), schema: { tags: ['bookings'], summary: '撤销核销（本人 5 分钟内，或管理员；id 为预约 id）', params: z.object({ id: Id }) } },
    async (req) => undoCheckIn(ctx, requireStaff(req), req.params.id),
  );
}
