import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../shared/errors.js';
import { BookingRequest, CheckInRequest, Id } from '../../shared/schemas/index.js';
import { guard, requireMember, requireStaff, requireUser } from '../plugins/auth.js';
import { cancelBooking, checkIn, createBooking, myBookings } from '../services/bookings.js';
import type { RouteDeps } from './types.js';

/**
 * The Idempotency-Key header, checked by hand: a zod `headers` schema copies and checks every
 * header of every request, which cost a quarter of a booking's CPU time.
 */
function idempotencyKey(req: FastifyRequest): string | undefined {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (typeof key !== 'string' || key.length === 0 || key.length > 128) {
    throw new DomainError('BAD_REQUEST', 'Idempotency-Key 应为 1 到 128 个字符', 'Idempotency-Key');
  }
  return key;
}

export function bookingRoutes({ app, ctx }: RouteDeps) {
  app.post(
    '/api/bookings',
    {
      preValidation: guard.member,
      schema: { tags: ['bookings'], summary: '预约爱心餐、工作室参观或法律咨询（可带 Idempotency-Key 请求头，最长 128 字符）', body: BookingRequest },
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
    { preValidation: guard.user, schema: { tags: ['bookings'], summary: '取消预约（本人或工作人员）', params: z.object({ id: Id }) } },
    async (req) => cancelBooking(ctx, requireUser(req), req.params.id),
  );
  app.post(
    '/api/checkins',
    {
      preValidation: guard.staff(),
      schema: { tags: ['bookings'], summary: '核销（扫码或输入核销码；支持 nonce 与 Idempotency-Key 请求头）', body: CheckInRequest },
    },
    async (req, reply) => {
      const staff = requireStaff(req);
      const answer = await checkIn(ctx, staff, req.body, idempotencyKey(req));
      return reply.status(answer.status).send(answer.body);
    },
  );
}
