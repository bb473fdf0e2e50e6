import { z } from 'zod';
import { answerQuestion } from '../../shared/rights/index.js';
import { Text } from '../../shared/schemas/index.js';
import type { RouteDeps } from './types.js';

export function askRoutes({ app }: RouteDeps) {
  app.post(
    '/api/ask',
    { schema: { tags: ['ask'], summary: '维权问答（与机器人、ask 命令同一答案）', body: z.object({ question: Text(500, { multiline: true }) }) } },
    async (req) => answerQuestion(req.body.question),
  );
}
