import { z } from 'zod';
import { businessDate } from '../../shared/calendar/days.js';
import { answerQuestion, POINT_IDS } from '../../shared/rights/index.js';
import { Text } from '../../shared/schemas/index.js';
import type { RouteDeps } from './types.js';

export function askRoutes({ app }: RouteDeps) {
  app.post(
    '/api/ask',
    {
      schema: {
        tags: ['ask'],
        summary: '维权问答（与机器人、ask 命令同一答案）；point 为追问时选中的要点',
        body: z.object({ question: Text(500, { multiline: true }), point: z.enum(POINT_IDS as [string, ...string[]]).optional() }),
      },
    },
    async (req) => answerQuestion(req.body.question, { today: businessDate(Date.now()), point: req.body.point }),
  );
}
