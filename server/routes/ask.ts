import { z } from 'zod';
import { businessDate } from '../../shared/calendar/days.js';
import { answerQuestion, POINT_IDS } from '../../shared/rights/index.js';
import type { RouteDeps } from './types.js';

export function askRoutes({ app, limit }: RouteDeps) {
  app.post(
    '/api/ask',
    { schema: { tags: ['ask'], summary: '维权问答（与机器人、ask 命令同一答案）', body: z.object({ question: z.string().trim().min(1).max(500), point: z.enum(POINT_IDS as [string, ...string[]]).optional() }) } },
    async (req) => {
      limit(req, 'ask');
      return answerQuestion(req.body.question, { today: businessDate(Date.now()), point: req.body.point });
    },
  );
}
