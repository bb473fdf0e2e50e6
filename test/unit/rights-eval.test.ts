import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerQuestion } from '../../shared/rights/index.js';
import { evaluate, grade, parseItems } from '../../scripts/eval.js';

const DEV = resolve(process.cwd(), '../shared/eval/rights-dev.jsonl');

describe('eval grading', () => {
  it('follows the README rules', () => {
    const item = { id: 't', kind: 'rights' as const, q: '', expect: [['11个月', '十一个月'], ['第八十二条']], article: '（十五）' };
    const ok = { answered: true, topic: 'x', answer: '最多 11 个月', citations: [{ source: '意见', article: '十五' }, { source: '劳动合同法', article: '第八十二条' }], links: [] };
    expect(grade(item, ok)).toBeNull();
    expect(grade(item, { ...ok, answered: false })).not.toBeNull();
    expect(grade(item, { ...ok, citations: [{ source: '劳动合同法', article: '第八十二条' }] })).toMatch(/意见/);
    expect(grade({ ...item, kind: 'offtopic' }, { ...ok, answered: false })).toBeNull();
  });

  it('passes the dev set: ≥95% answerable, ≥90% off topic', () => {
    // CI runs with ../shared beside the clone; a missing file is a failure, never a silent skip.
    expect(existsSync(DEV), `${DEV} is missing: run the tests with ../shared beside the repository`).toBe(true);
    const r = evaluate(parseItems(readFileSync(DEV, 'utf8')), answerQuestion);
    const misses = r.misses.map((m) => `${m.item.id} ${m.item.q} → ${m.answer.topic}: ${m.why}`);
    expect(r.answerable.right / r.answerable.total, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(r.offtopic.right / r.offtopic.total, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
