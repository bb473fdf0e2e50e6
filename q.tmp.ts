import { readFileSync } from 'node:fs';
import { answerQuestion, rank } from './shared/rights/index.js';
const sets = ['train-1','train-2','train-3','blind-1','blind-2','blind-3','blind-4'].map((s) => `test/eval/${s}.jsonl`);
const byId = new Map<string, string>();
for (const f of sets) for (const l of readFileSync(f, 'utf8').split('\n')) if (l.trim()) { const o = JSON.parse(l); byId.set(o.id, o.q); }
for (const arg of process.argv.slice(2)) {
  const q = byId.get(arg) ?? arg;
  const r = rank(q) as any;
  console.log('Q:', q);
  console.log('rank:', r.point?.id ?? r.point, r.score?.toFixed?.(1), '| scope', r.scope?.id ?? r.scope, r.scopeScore?.toFixed?.(1), '| 2nd', r.runnerUp?.id ?? r.runnerUp, r.runnerUpScore?.toFixed?.(1));
  const a = answerQuestion(q, { today: '2026-12-04' });
  console.log('A:', a.answered, a.topic, (a as any).points, (a as any).choices?.map((c: any) => c.id ?? c), a.answer.slice(0, 500));
  console.log();
}
