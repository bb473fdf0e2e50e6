// Ask back (issue 14): when two points of different topics tie on a short question, the engine asks
// 「你想问的是：1. … 2. …」 instead of guessing, and answers the chosen point when told which.
import { describe, expect, it } from 'vitest';
import { answerQuestion, POINT_IDS } from '../../shared/rights/index.js';

describe('rights engine: ask back', () => {
  it('asks which of two close points, answered: false with both choices', () => {
    const a = answerQuestion('几级伤残');
    expect(a.answered).toBe(false);
    expect(a.choices).toHaveLength(2);
    expect(a.answer).toMatch(/^你想问的是：1\. .+　2\. .+回复 1 或 2/);
    for (const c of a.choices!) expect(POINT_IDS).toContain(c.point);
    expect(new Set(a.choices!.map((c) => c.point.split('.')[0])).size).toBe(2);
  });

  it('answers the chosen point, for the question first asked', () => {
    const { choices } = answerQuestion('几级伤残');
    for (const c of choices!) {
      const a = answerQuestion('几级伤残', { point: c.point });
      expect(a).toMatchObject({ answered: true, topic: c.point });
      expect(a.citations.length).toBeGreaterThan(0);
    }
  });

  it('never asks back on chit-chat with work words (two weak near-equal matches decline instead)', () => {
    for (const q of ['车间主任长得像明星', '上班摸鱼会被发现吗', '单位年会表演什么节目好']) expect(answerQuestion(q).choices, q).toBeUndefined();
  });
});
