import { z } from 'zod';
import { ConsultationOutcomeBody, ConsultationsQuery, Id } from '../../shared/schemas/index.js';
import { guard, requireStaff } from '../plugins/auth.js';
import { consultations, setOutcome } from '../services/legal.js';
import type { RouteDeps } from './types.js';

/** The lawyer's desk: only the roles that may read a worker's legal question. */
const LAWYERS = ['legal', 'admin'] as const;

export function legalRoutes({ app, ctx }: RouteDeps) {
  app.get(
    '/api/legal/consultations',
    {
      preValidation: guard.staff(LAWYERS),
      schema: { tags: ['legal'], summary: '律师工作台：即将进行的法律咨询，含工友姓名、电话、类别与问题描述（仅法律顾问与管理员；每次查看写入操作记录）', querystring: ConsultationsQuery },
    },
    async (req) => consultations(ctx, requireStaff(req, LAWYERS), req.query),
  );
  app.post(
    '/api/legal/consultations/:id/outcome',
    {
      preValidation: guard.staff(LAWYERS),
      schema: { tags: ['legal'], summary: '记录咨询结果：已完成（可写只有律师看得到的备注）或未到场', params: z.object({ id: Id }), body: ConsultationOutcomeBody },
    },
    async (req) => setOutcome(ctx, requireStaff(req, LAWYERS), req.params.id, req.body),
  );
}
