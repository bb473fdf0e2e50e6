import { z } from 'zod';
import { BookingRequest, CheckInRequest, Id } from '../../shared/schemas/index.js';
import { guard, requireMember, requireStaff, requireUser } from '../plugins/auth.js';
import { cancelBooking, checkIn, createBooking, myBookings } from '../services/bookings.js';
import type { RouteDeps } from './types.js';

const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(128).optional() }).passthrough();

export function bookingRoutes({ app, ctx }: RouteDeps) {
  app.post(
    '/api/bookings',
    {
      preValidation: guard.member,
      schema: { tags: ['bookings'], summary: '预约爱心餐、工作室参观或法律咨询（支持 Idempotency-Key）', body: BookingRequest, headers: IdempotencyHeaders },
    },
    async (req, reply) => {
      const member = requireMember(req);
      const answer = await createBooking(ctx, member, req.body, req.headers['idempotency-key'] as string | undefined);
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
      schema: { tags: ['bookings'], summary: '核销（扫码或输入核销码；支持 nonce 与 Idempotency-Key）', body: CheckInRequest, headers: IdempotencyHeaders },
    },
    async (req, reply) => {
      const staff = requireStaff(req);
      const answer = await checkIn(ctx, staff, req.body, req.headers['idempotency-key'] as string | undefined);
      return reply.status(answer.status).send(answer.body);
    },
  );
}
