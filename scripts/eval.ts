// npm run eval -- FILE: grade a question file (format of ../shared/eval/rights-dev.jsonl) against the
// rights engine, per ../shared/eval/README.md, and print the pass rate per kind and every miss.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { businessDate } from '../shared/calendar/index.js';
import { answerQuestion, type RightsAnswer } from '../shared/rights/index.js';

export const EvalItem = z.object({
  id: z.string(),
  kind: z.enum(['rights', 'service', 'offtopic']),
  topic: z.string().optional(),
  q: z.string(),
  expect: z.array(z.array(z.string())).default([]),
  article: z.string().nullable().optional(),
  note: z.string().optional(),
});
export type EvalItem = z.infer<typeof EvalItem>;

export interface Miss {
  item: EvalItem;
  answer: RightsAnswer;
  why: string;
}
export interface EvalReport {
  answerable: { total: number; right: number };
  offtopic: { total: number; right: number };
  misses: Miss[];
}

const bareArticle = (s: string) => s.replace(/[()（）第条\s]/g, '');

/** Why an answer fails the item, or null when it is right. */
export function grade(item: EvalItem, a: RightsAnswer): string | null {
  if (item.kind === 'offtopic') return a.answered ? `应拒答，却答为 ${a.topic}` : null;
  if (!a.answered) return '未作答';
  const text = a.answer.replace(/\s+/g, '');
  const cited = a.citations.map((c) => `${c.source}${c.article}${c.quote ?? ''}`).join('|');
  for (const group of item.expect) {
    if (!group.some((term) => text.includes(term) || cited.includes(term))) return `缺少 [${group.join('/')}]`;
  }
  if (item.article) {
    const want = bareArticle(item.article);
    if (!a.citations.some((c) => c.source.includes('意见') && bareArticle(c.article) === want)) return `未引用意见（${item.article}）`;
  }
  return null;
}

export function parseItems(jsonl: string): EvalItem[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => EvalItem.parse(JSON.parse(l)));
}

export function evaluate(items: EvalItem[], answer: (q: string) => RightsAnswer = answerQuestion): EvalReport {
  const report: EvalReport = { answerable: { total: 0, right: 0 }, offtopic: { total: 0, right: 0 }, misses: [] };
  for (const item of items) {
    const a = answer(item.q);
    const bucket = item.kind === 'offtopic' ? report.offtopic : report.answerable;
    bucket.total++;
    const why = grade(item, a);
    if (why) report.misses.push({ item, answer: a, why });
    else bucket.right++;
  }
  return report;
}

const pct = (b: { total: number; right: number }) => (b.total ? ((100 * b.right) / b.total).toFixed(1) : '—');

function main(): void {
  const file = process.argv[2];
  if (!file) {
    console.error('用法: npm run eval -- 问题文件.jsonl');
    process.exit(2);
  }
  // as POST /api/ask answers: 「去年11月」「到现在」 read against today's Shanghai date
  const today = businessDate(Date.now());
  const r = evaluate(parseItems(readFileSync(file, 'utf8')), (q) => answerQuestion(q, { today }));
  console.log(`可回答 (rights+service): ${r.answerable.right}/${r.answerable.total} = ${pct(r.answerable)}%`);
  console.log(`应拒答 (offtopic):       ${r.offtopic.right}/${r.offtopic.total} = ${pct(r.offtopic)}%`);
  console.log(`未通过 ${r.misses.length} 条${r.misses.length ? ':' : ''}`);
  for (const m of r.misses) console.log(`- ${m.item.id} [${m.item.kind}/${m.item.topic ?? ''}] ${m.item.q}\n    → ${m.answer.topic ?? '拒答'}: ${m.why}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
