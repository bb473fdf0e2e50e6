import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../shared/rights/index.js';
import { parseTenure, severanceMonths } from '../../shared/rights/severance.js';

describe('severance from the stated tenure (劳动合同法第四十七条)', () => {
  it.each([
    ['干了3年7个月', 4],
    ['在厂里干了两年零三个月', 2.5],
    ['干了三年零两个月', 3.5],
    ['干了八个月', 1],
    ['干了四个月', 0.5],
    ['干了一年半', 2],
    ['工作了5年', 5],
    ['干了十二年', 12],
  ])('%s → %s months', (q, months) => {
    const t = parseTenure(q);
    expect(t).not.toBeNull();
    expect(severanceMonths(t!)).toBe(months);
  });

  it('does not read unpaid months as tenure', () => {
    expect(parseTenure('公司三个月没发工资 我辞职能要补偿吗')).toBeNull();
    expect(parseTenure('补偿怎么算')).toBeNull();
  });

  it('works the figure into the answer', () => {
    const a = answerQuestion('在厂里干了两年零三个月 公司让我走 能拿几个月补偿');
    expect(a.topic).toBe('dismissal_severance');
    expect(a.answer).toContain('2年3个月，经济补偿是2.5个月工资');
    expect(a.answer.length).toBeLessThanOrEqual(300);
    expect(answerQuestion('干了四个月被裁 有没有补偿').answer).toContain('半个月工资');
  });
});
