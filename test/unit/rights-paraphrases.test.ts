import { describe, expect, it } from 'vitest';
import { answerQuestion, TOPICS } from '../../shared/rights/index.js';

import { PARAPHRASES } from './rights-paraphrases.data.js';

describe('rights engine: paraphrases of every topic', () => {
  it('covers every topic with ten paraphrases', () => {
    for (const t of TOPICS) expect(PARAPHRASES[t.id]?.length ?? 0, t.id).toBeGreaterThanOrEqual(10);
  });

  for (const [topic, questions] of Object.entries(PARAPHRASES)) {
    it(`lands on ${topic}`, () => {
      const wrong = questions.filter((q) => answerQuestion(q).topic !== topic).map((q) => `${q} → ${answerQuestion(q).topic}`);
      expect(wrong).toEqual([]);
    });
  }
});
